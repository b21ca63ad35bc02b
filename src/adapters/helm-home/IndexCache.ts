import { readFile, stat } from 'node:fs/promises'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileNotFound, fileUnreadable } from '../../domain/GeneralError'
import { type IndexFile, compactIndex, parseIndex, serializeIndex } from '../../domain/repo/Index'
import { writeFileAtomic } from '../fs/AtomicFile'

// Public indexes reach tens of thousands of entries and YAML parsing dominates `search`; beside every
// cached index.yaml we keep the parsed index, reduced to the fields search and fetch read, as JSON keyed
// by the YAML's size and mtime (and the cache format).
const jsonPath = (yamlPath: string): string => yamlPath.replace(/\.yaml$/, '') + '.json'

interface Compact {
  readonly key: string
  readonly index: IndexFile
}

const keyOf = async (path: string): Promise<string | undefined> =>
  stat(path).then(
    (s) => `compact-1:${s.size}:${s.mtimeMs}`,
    () => undefined,
  )

const readCompact = async (path: string, key: string): Promise<IndexFile | undefined> => {
  try {
    const c = JSON.parse(await readFile(jsonPath(path), 'utf8')) as Compact
    return c.key === key && c.index && typeof c.index === 'object' ? c.index : undefined
  } catch {
    return undefined
  }
}

const writeCompact = async (path: string, index: IndexFile): Promise<void> => {
  const key = await keyOf(path)
  // a cache that cannot be written only costs speed next time
  if (key) await writeFileAtomic(jsonPath(path), JSON.stringify({ key, index: compactIndex(index) }))()
}

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Loads a cached repository index through its compact JSON form (rebuilt when the YAML changed): entries
 * carry only name, version, appVersion, description, keywords, urls, digest and deprecated (use
 * `readIndexFile` for every field). Left FileNotFound, FileUnreadable or InvalidIndex.
 */
export const loadIndexFile =
  (path: string): TE.TaskEither<HelmError, IndexFile> =>
  async () => {
    const key = await keyOf(path)
    if (key === undefined) return E.left(fileNotFound(path))
    const cached = await readCompact(path, key)
    if (cached) return E.right(cached)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (err) {
      return E.left(fileUnreadable(path, errText(err)))
    }
    const index = parseIndex(path, text)
    if (E.isLeft(index)) return index
    await writeCompact(path, index.right)
    return E.right(compactIndex(index.right))
  }

/** Reads an index.yaml with every field, no cache. Left FileNotFound, FileUnreadable or InvalidIndex. */
export const readIndexFile =
  (path: string): TE.TaskEither<HelmError, IndexFile> =>
  async () => {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      return E.left(e.code === 'ENOENT' ? fileNotFound(path) : fileUnreadable(path, errText(err)))
    }
    return parseIndex(path, text)
  }

/**
 * Stores a downloaded index: the bytes as served (Helm's cache file) and its compact form, each atomically.
 * Returns the parsed index; Left InvalidIndex when the bytes are not an index (nothing is written then).
 */
export const storeIndexFile =
  (path: string, bytes: Uint8Array, source: string): TE.TaskEither<HelmError, IndexFile> =>
  async () => {
    const index = parseIndex(source, Buffer.from(bytes).toString('utf8'))
    if (E.isLeft(index)) return index
    const w = await writeFileAtomic(path, bytes)()
    if (E.isLeft(w)) return w
    await writeCompact(path, index.right)
    return index
  }

/** Writes an index as index.yaml text (for `repo index` and `serve`). */
export const writeIndexFile = (path: string, index: IndexFile): TE.TaskEither<HelmError, void> =>
  writeFileAtomic(path, serializeIndex(index))
