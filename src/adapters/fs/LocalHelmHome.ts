import { mkdir, readFile, rm, stat, symlink } from 'node:fs/promises'
import { dirname, isAbsolute } from 'node:path'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnreadable, fileUnwritable, invalidArgument } from '../../domain/GeneralError'
import {
  type CredentialsFile,
  decodeCredentialsFile,
  emptyCredentialsFile,
  encodeCredentialsFile,
} from '../../domain/oci/Credentials'
import { type HelmHomeLayout, helmHomeLayout } from '../../domain/path/HelmPath'
import { fileIn, joinPath, pathIn } from '../../domain/path/SafePath'
import {
  type RepoEntry,
  type RepoFile,
  emptyRepoFile,
  parseRepoFile,
  serializeRepoFile,
} from '../../domain/repo/RepoFile'
import type { HelmHome } from '../../ports/HelmHome'
import { PRIVATE_FILE_MODE, writeFileAtomic } from './AtomicFile'
import { withFileLock } from './FileLock'
import { loadIndexFile, storeIndexFile } from './IndexCache'

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Where a repository's index is cached: its `cache` field (Helm v2 wrote absolute paths; a relative one lies under
 * repository/cache), else `<name>-index.yaml` in repository/cache. Left UnsafeFileName / PathOutsideFolder when a
 * name or a relative cache path would leave repository/cache.
 */
export const cachePathOf = (layout: HelmHomeLayout, repo: RepoEntry): E.Either<HelmError, string> =>
  repo.cache === ''
    ? fileIn('repository index', layout.cache, `${repo.name}-index.yaml`)
    : isAbsolute(repo.cache)
      ? E.right(repo.cache)
      : pathIn('repository index', layout.cache, repo.cache)

const readRepoFile = (layout: HelmHomeLayout): TE.TaskEither<HelmError, O.Option<RepoFile>> =>
  pipe(
    TE.tryCatch(
      () =>
        readFile(layout.repositoryFile, 'utf8').catch((err: NodeJS.ErrnoException) =>
          err.code === 'ENOENT' ? undefined : Promise.reject(err),
        ),
      (err) => fileUnreadable(layout.repositoryFile, errText(err)),
    ),
    TE.chainEitherKW((text) =>
      text === undefined
        ? E.right(O.none)
        : pipe(
            parseRepoFile(layout.repositoryFile, text),
            E.map((f) => O.some(f)),
          ),
    ),
  )

const readCredentials = (path: string): TE.TaskEither<HelmError, CredentialsFile> =>
  pipe(
    TE.tryCatch(
      () =>
        readFile(path).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err))),
      (err) => fileUnreadable(path, errText(err)),
    ),
    TE.chainEitherKW((bytes) =>
      bytes === undefined ? E.right(emptyCredentialsFile) : decodeCredentialsFile(path, bytes),
    ),
  )

/**
 * The $HELM_HOME at `root` on the local disk; `now` stamps a new repositories.yaml (Go's RFC3339Nano text);
 * `registryConfig` is where registry credentials live (default `root/registry/config.json`).
 */
export const localHelmHome = (
  root: string,
  now: () => string,
  registryConfig?: string,
  /** hears every 5 s what a write waits for (a lock another helm holds) */
  progress?: (line: string) => void,
): HelmHome => {
  const layout = helmHomeLayout(root)
  const credentials = registryConfig ?? joinPath(root, 'registry/config.json')
  const folders = [
    layout.root,
    layout.repository,
    layout.cache,
    layout.localRepository,
    layout.plugins,
    layout.starters,
    layout.archive,
  ]
  const withCache = <A>(repo: RepoEntry, use: (path: string) => TE.TaskEither<HelmError, A>) =>
    pipe(TE.fromEither(cachePathOf(layout, repo)), TE.chain(use))
  return {
    name: 'local',
    layout,
    ensure: () => async () => {
      const made: string[] = []
      for (const d of folders) {
        const st = await stat(d).catch(() => undefined)
        if (st && !st.isDirectory()) return E.left(invalidArgument(`${d} must be a directory`))
        if (st) continue
        try {
          await mkdir(d, { recursive: true })
        } catch (err) {
          return E.left(fileUnwritable(d, errText(err)))
        }
        made.push(d)
      }
      const file = await stat(layout.repositoryFile).catch(() => undefined)
      if (file?.isDirectory())
        return E.left(invalidArgument(`${layout.repositoryFile} must be a file, not a directory`))
      return E.right(made)
    },
    readRepositories: () => readRepoFile(layout),
    updateRepositories: (change) =>
      pipe(
        TE.tryCatch(
          () => mkdir(layout.repository, { recursive: true }),
          (err) => fileUnwritable(layout.repository, errText(err)),
        ),
        TE.chain(() =>
          withFileLock(
            layout.repositoryFile,
            pipe(
              readRepoFile(layout),
              TE.map(O.getOrElse(() => emptyRepoFile(now()))),
              TE.chain(change),
              // repositories.yaml holds repository passwords: 0600, as Helm 3+ writes it
              TE.chainFirst(([f]) => writeFileAtomic(layout.repositoryFile, serializeRepoFile(f), PRIVATE_FILE_MODE)),
              TE.map(([, a]) => a),
            ),
            progress,
          ),
        ),
      ),
    readIndex: (repo) => withCache(repo, loadIndexFile),
    writeIndex: (repo, bytes, index) => withCache(repo, (path) => storeIndexFile(path, bytes, index)),
    linkIndex: (repo, target) =>
      withCache(repo, (path) =>
        TE.tryCatch(
          async () => {
            await mkdir(layout.cache, { recursive: true })
            // Helm v2 links the local repository's cache entry to the served index itself
            await symlink(target, path).catch((err: NodeJS.ErrnoException) =>
              err.code === 'EEXIST' ? undefined : Promise.reject(err),
            )
          },
          (err) => fileUnwritable(path, errText(err)),
        ),
      ),
    removeIndex: (repo) =>
      withCache(repo, (path) =>
        TE.tryCatch(
          async () => {
            await rm(path, { force: true })
            await rm(path.replace(/\.yaml$/, '.json'), { force: true })
          },
          (err) => fileUnwritable(path, errText(err)),
        ),
      ),
    readRegistryCredentials: () => readCredentials(credentials),
    updateRegistryCredentials: (change) =>
      pipe(
        TE.tryCatch(
          () => mkdir(dirname(credentials), { recursive: true, mode: 0o700 }),
          (err) => fileUnwritable(credentials, errText(err)),
        ),
        TE.chain(() =>
          withFileLock(
            credentials,
            pipe(
              readCredentials(credentials),
              TE.chain(change),
              TE.chainFirst(([f]) =>
                f === undefined
                  ? TE.right(undefined)
                  : writeFileAtomic(credentials, encodeCredentialsFile(f), PRIVATE_FILE_MODE),
              ),
              TE.map(([, a]) => a),
            ),
            progress,
          ),
        ),
      ),
    remove: () =>
      TE.tryCatch(
        () => rm(root, { recursive: true, force: true }),
        (err) => fileUnwritable(root, errText(err)),
      ),
  }
}
