import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { Metadata } from '../../domain/chart/Chart'
import { encodeDependency } from '../../domain/chart/ChartFile'
import { loadChartArchive } from '../../domain/chart/Load'
import { type HelmError, message } from '../../domain/errors'
import { fileUnreadable } from '../../domain/GeneralError'
import { type IndexFile, addVersion, emptyIndex, mergeIndex, sortEntries } from '../../domain/repo/Index'
import { notAChart } from '../../domain/repo/RepoError'
import { urlJoin } from '../../domain/repo/UrlJoin'
import { nowGo } from './HelmHome'
import { readIndexFile, writeIndexFile } from './IndexCache'

/** The sha256 (hex) of bytes, as index digests and provenance files write it. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** Chart metadata as the fields of an index entry (dependencies with their Go field names). */
export const metadataFields = (m: Metadata): Record<string, unknown> => ({
  ...m,
  dependencies: m.dependencies?.map(encodeDependency),
})

/** The `*.tgz` files of `dir` and of its direct subfolders, relative paths, sorted (Helm's IndexDirectory glob). */
const archivesOf = async (dir: string): Promise<string[]> => {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.tgz')) out.push(e.name)
    else if (e.isDirectory())
      for (const f of await readdir(join(dir, e.name), { withFileTypes: true }).catch(() => []))
        if (f.isFile() && f.name.endsWith('.tgz')) out.push(`${e.name}/${f.name}`)
  }
  return out.sort()
}

/**
 * Builds an index of the chart archives in `dir` (and its direct subfolders), URLs joined onto `baseUrl`
 * (relative when empty). Left NotAChart for an archive that does not load, FileUnreadable.
 */
export const indexDirectory =
  (dir: string, baseUrl: string): TE.TaskEither<HelmError, IndexFile> =>
  async () => {
    let files: string[]
    try {
      files = await archivesOf(dir)
    } catch (err) {
      return E.left(fileUnreadable(dir, err instanceof Error ? err.message : String(err)))
    }
    let index = emptyIndex(nowGo())
    for (const rel of files) {
      const path = join(dir, rel)
      const bytes = new Uint8Array(await readFile(path))
      const chart = loadChartArchive(bytes, path)
      if (E.isLeft(chart)) return E.left(notAChart(path, message(chart.left).replace(`${path}: `, '')))
      const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : ''
      // Helm v2 IndexDirectory: the archive's folder joined onto the base URL (URLJoin keeps a query last)
      const url = urlJoin(baseUrl, parent)
      const file = parent ? rel.slice(parent.length + 1) : rel
      index = addVersion(index, metadataFields(chart.right.metadata), file, url, sha256Hex(bytes), nowGo())
    }
    return E.right({ ...index, entries: sortEntries(index.entries) })
  }

/**
 * `helm repo index DIR [--url] [--merge FILE]`: writes DIR/index.yaml; with `merge`, versions of that index
 * missing from the new one are kept (an absent merge file is created empty, as Helm does). Returns the index.
 */
export const writeRepoIndex =
  (dir: string, baseUrl: string, merge?: string): TE.TaskEither<HelmError, IndexFile> =>
  async () => {
    const st = await stat(dir).catch(() => undefined)
    if (!st?.isDirectory()) return E.left(fileUnreadable(dir, 'no such directory'))
    const built = await indexDirectory(dir, baseUrl)()
    if (E.isLeft(built)) return built
    let index = built.right
    if (merge) {
      const old = await readIndexFile(merge)()
      if (E.isLeft(old)) {
        if (old.left._tag !== 'FileNotFound') return old
        const created = await writeIndexFile(merge, emptyIndex(nowGo()))()
        if (E.isLeft(created)) return created
      } else index = mergeIndex(index, old.right)
    }
    const w = await writeIndexFile(join(dir, 'index.yaml'), index)()
    return E.isLeft(w) ? w : E.right(index)
  }

/**
 * `indexDirectory` remembered while the folder's archives (names, sizes, mtimes) and the base URL stay the
 * same, for `helm serve`, which answers every index.yaml request from the folder's current content.
 */
export const cachedIndexDirectory = (dir: string): ((baseUrl: string) => TE.TaskEither<HelmError, IndexFile>) => {
  let last: { key: string; index: IndexFile } | undefined
  return (baseUrl) => async () => {
    let key: string
    try {
      const files = await archivesOf(dir)
      const stats = await Promise.all(files.map(async (f) => [f, await stat(join(dir, f))] as const))
      key = JSON.stringify([baseUrl, stats.map(([f, s]) => [f, s.size, s.mtimeMs])])
    } catch (err) {
      return E.left(fileUnreadable(dir, err instanceof Error ? err.message : String(err)))
    }
    if (last?.key === key) return E.right(last.index)
    const built = await indexDirectory(dir, baseUrl)()
    if (E.isRight(built)) last = { key, index: built.right }
    return built
  }
}
