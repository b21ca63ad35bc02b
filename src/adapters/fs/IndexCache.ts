import { readFile, stat } from 'node:fs/promises'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileNotFound, fileUnreadable } from '../../domain/GeneralError'
import {
  type IndexFile,
  compactIndex,
  decodeCompactCache,
  encodeCompactCache,
  parseIndex,
} from '../../domain/repo/Index'
import { writeFileAtomic } from './AtomicFile'

// Public indexes reach tens of thousands of entries and YAML parsing dominates `search`; beside every cached
// index.yaml we keep the decoded index, reduced to the fields search and fetch read, as JSON keyed by the YAML's
// size and mtime (and the cache format).
const jsonPath = (yamlPath: string): string => `${yamlPath.replace(/\.yaml$/, '')}.json`

const keyOf = async (path: string): Promise<string | undefined> =>
  stat(path).then(
    (s) => `compact-1:${s.size}:${s.mtimeMs}`,
    () => undefined,
  )

const readCompact = async (path: string, key: string): Promise<IndexFile | undefined> => {
  const text = await readFile(jsonPath(path), 'utf8').catch(() => undefined)
  return text === undefined ? undefined : decodeCompactCache(key, text)
}

const writeCompact = async (path: string, index: IndexFile): Promise<void> => {
  const key = await keyOf(path)
  // a cache that cannot be written only costs speed next time
  if (key) await writeFileAtomic(jsonPath(path), encodeCompactCache(key, index))()
}

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Loads a cached repository index through its compact JSON form (rebuilt when the YAML changed): entries carry
 * only name, version, appVersion, description, keywords, urls, digest and deprecated. Left FileNotFound,
 * FileUnreadable or InvalidIndex.
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

/** Stores a downloaded index: the bytes as served (Helm's cache file) and its compact form, each atomically. */
export const storeIndexFile =
  (path: string, bytes: Uint8Array, index: IndexFile): TE.TaskEither<HelmError, void> =>
  async () => {
    const w = await writeFileAtomic(path, bytes)()
    if (E.isLeft(w)) return w
    await writeCompact(path, index)
    return E.right(undefined)
  }
