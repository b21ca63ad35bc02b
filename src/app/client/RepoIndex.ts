import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Metadata } from '../../domain/chart/Chart'
import { encodeDependency } from '../../domain/chart/ChartFile'
import { loadChartArchive } from '../../domain/chart/Load'
import { type HelmError, message } from '../../domain/errors'
import { fileUnreadable } from '../../domain/GeneralError'
import { joinPath, splitPath } from '../../domain/path/SafePath'
import {
  addVersion,
  emptyIndex,
  type IndexFile,
  mergeIndex,
  parseIndex,
  serializeIndex,
  sortEntries,
} from '../../domain/repo/Index'
import { notAChart } from '../../domain/repo/RepoError'
import { sha256Hex } from '../../domain/repo/RepoUrl'
import { urlJoin } from '../../domain/repo/UrlJoin'
import type { FileEntry } from '../../ports/ChartFiles'
import { goNow } from './RepoIndexes'
import type { ClientDeps, UseCase } from './Deps'

type IndexDeps = Pick<ClientDeps, 'files' | 'clock'>

/** Chart metadata as the fields of an index entry (dependencies with their Go field names). */
export const metadataFields = (m: Metadata): Record<string, unknown> => ({
  ...m,
  dependencies: m.dependencies?.map(encodeDependency),
})

/** The `*.tgz` files of `dir` and of its direct subfolders (relative paths, sorted: Helm's IndexDirectory glob). */
const archivesOf =
  (dir: string) =>
  (d: IndexDeps): TE.TaskEither<HelmError, ReadonlyArray<readonly [string, FileEntry]>> =>
    pipe(
      d.files.list(dir),
      TE.chain((entries) =>
        TE.sequenceSeqArray(
          entries.map((e) =>
            e.kind === 'file'
              ? TE.right(e.name.endsWith('.tgz') ? [[e.name, e] as const] : [])
              : pipe(
                  d.files.list(joinPath(dir, e.name)),
                  TE.orElse(() => TE.right<HelmError, ReadonlyArray<FileEntry>>([])),
                  TE.map((inner) =>
                    inner
                      .filter((f) => f.kind === 'file' && f.name.endsWith('.tgz'))
                      .map((f) => [`${e.name}/${f.name}`, f] as const),
                  ),
                ),
          ),
        ),
      ),
      TE.map((lists) => lists.flat().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    )

/**
 * An index of the chart archives in `dir` (and its direct subfolders), URLs joined onto `baseUrl` (relative when
 * empty). Left NotAChart for an archive that does not load, FileNotFound / FileUnreadable.
 */
export const indexDirectory =
  (dir: string, baseUrl: string): UseCase<IndexDeps, IndexFile> =>
  (d) =>
    pipe(
      archivesOf(dir)(d),
      TE.mapLeft((e) => (e._tag === 'FileNotFound' ? fileUnreadable(dir, 'no such directory') : e)),
      TE.chain((files) =>
        TE.sequenceSeqArray(
          files.map(([rel]) =>
            pipe(
              d.files.read(joinPath(dir, rel)),
              TE.chainEitherKW((bytes) => {
                const path = joinPath(dir, rel)
                return pipe(
                  loadChartArchive(bytes, path),
                  E.bimap(
                    (e): HelmError => notAChart(path, message(e).replace(`${path}: `, '')),
                    (chart) => ({ rel, bytes, chart }),
                  ),
                )
              }),
            ),
          ),
        ),
      ),
      TE.map((loaded) => {
        let index = emptyIndex(goNow(d.clock))
        for (const { rel, bytes, chart } of loaded) {
          const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : ''
          // Helm v2 IndexDirectory: the archive's folder joined onto the base URL (URLJoin keeps a query last)
          const url = urlJoin(baseUrl, parent)
          const file = parent ? rel.slice(parent.length + 1) : rel
          index = addVersion(index, metadataFields(chart.metadata), file, url, sha256Hex(bytes), goNow(d.clock))
        }
        return { ...index, entries: sortEntries(index.entries) }
      }),
    )

/** `helm repo index DIR`: the base URL (`--url`) and the index to merge (`--merge`, absolute). */
export interface RepoIndexRequest {
  readonly dir: string
  readonly url: string
  readonly merge?: string | undefined
}

/**
 * `helm repo index DIR [--url] [--merge FILE]`: writes DIR/index.yaml; with `merge`, versions of that index missing
 * from the new one are kept (an absent merge file is created empty, as Helm does). Returns the index.
 */
export const repoIndex =
  (req: RepoIndexRequest): UseCase<IndexDeps, IndexFile> =>
  (d) =>
    pipe(
      d.files.stat(req.dir),
      TE.filterOrElseW(
        (st) => O.isSome(st) && st.value.kind === 'directory',
        () => fileUnreadable(req.dir, 'no such directory'),
      ),
      TE.chain(() => indexDirectory(req.dir, req.url)(d)),
      TE.chain((built) => {
        const merge = req.merge
        if (!merge) return TE.right(built)
        const [folder, name] = splitPath(merge)
        return pipe(
          d.files.read(merge),
          TE.chainEitherKW((bytes) => parseIndex(merge, Buffer.from(bytes).toString('utf8'))),
          TE.map((old) => mergeIndex(built, old)),
          TE.orElse((e) =>
            e._tag === 'FileNotFound'
              ? pipe(
                  d.files.write(folder, name, Buffer.from(serializeIndex(emptyIndex(goNow(d.clock))))),
                  TE.map(() => built),
                )
              : TE.left(e),
          ),
        )
      }),
      TE.chainFirst((index) => d.files.write(req.dir, 'index.yaml', Buffer.from(serializeIndex(index)))),
    )

/**
 * `indexDirectory` remembered while the folder's archives (names, sizes, mtimes) and the base URL stay the same, for
 * `helm serve`, which answers every index.yaml request from the folder's current content.
 */
export const cachedIndexDirectory = (dir: string) => {
  let last: { key: string; index: IndexFile } | undefined
  return (baseUrl: string): UseCase<IndexDeps, IndexFile> =>
    (d) =>
      pipe(
        archivesOf(dir)(d),
        TE.map((files) => JSON.stringify([baseUrl, files.map(([f, e]) => [f, e.size, e.mtimeMs])])),
        TE.chain((key) =>
          last?.key === key
            ? TE.right(last.index)
            : pipe(
                indexDirectory(dir, baseUrl)(d),
                TE.map((index) => {
                  last = { key, index }
                  return index
                }),
              ),
        ),
      )
}
