import { mkdir, readFile, stat } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnreadable, fileUnwritable } from '../../domain/GeneralError'
import { goTime } from '../../domain/repo/Index'
import {
  type RepoEntry,
  type RepoFile,
  emptyRepoFile,
  parseRepoFile,
  serializeRepoFile,
} from '../../domain/repo/RepoFile'
import type { PathError } from '../../domain/path/PathError'
import { fileIn, pathIn } from '../../domain/path/SafePath'
import { PRIVATE_FILE_MODE, writeFileAtomic } from '../fs/AtomicFile'

/** The paths of a $HELM_HOME (Helm v2's helmpath.Home). */
export interface HelmHome {
  readonly root: string
  readonly repository: string
  readonly repositoryFile: string
  readonly cache: string
  readonly localRepository: string
  readonly plugins: string
  readonly starters: string
  readonly archive: string
}

/** The layout of the $HELM_HOME at `root`. */
export const helmHome = (root: string): HelmHome => ({
  root,
  repository: join(root, 'repository'),
  repositoryFile: join(root, 'repository', 'repositories.yaml'),
  cache: join(root, 'repository', 'cache'),
  localRepository: join(root, 'repository', 'local'),
  plugins: join(root, 'plugins'),
  starters: join(root, 'starters'),
  archive: join(root, 'cache', 'archive'),
})

/** Now as Go prints a time.Time in YAML (RFC3339 with nanoseconds). */
export const nowGo = (): string => goTime(new Date().toISOString())

const exists = async (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false,
  )

/**
 * Creates the $HELM_HOME folders (repository/cache, repository/local, plugins, starters, cache/archive) and an
 * empty repositories.yaml when missing; what `helm init -c` and every repository command do first.
 */
export const ensureHelmHome = (root: string): TE.TaskEither<HelmError, HelmHome> => {
  const home = helmHome(root)
  return pipe(
    TE.tryCatch(
      async () => {
        for (const d of [home.cache, home.localRepository, home.plugins, home.starters, home.archive])
          await mkdir(d, { recursive: true })
        return await exists(home.repositoryFile)
      },
      (err) => fileUnwritable(root, err instanceof Error ? err.message : String(err)),
    ),
    TE.chain((has) =>
      has
        ? TE.right(undefined)
        : writeFileAtomic(home.repositoryFile, serializeRepoFile(emptyRepoFile(nowGo())), PRIVATE_FILE_MODE),
    ),
    TE.map(() => home),
  )
}

/** Reads repositories.yaml (an absent file is an empty one). Left InvalidRepositoriesFile / FileUnreadable. */
export const loadRepoFile = (home: HelmHome): TE.TaskEither<HelmError, RepoFile> =>
  pipe(
    TE.tryCatch(
      () =>
        readFile(home.repositoryFile, 'utf8').catch((err: NodeJS.ErrnoException) =>
          err.code === 'ENOENT' ? '' : Promise.reject(err),
        ),
      (err) => fileUnreadable(home.repositoryFile, err instanceof Error ? err.message : String(err)),
    ),
    TE.chainEitherKW((text) =>
      text === '' ? E.right(emptyRepoFile(nowGo())) : parseRepoFile(home.repositoryFile, text),
    ),
  )

/** Writes repositories.yaml atomically, mode 0600 (it holds repository passwords; Helm 3+ writes it so). */
export const saveRepoFile = (home: HelmHome, f: RepoFile): TE.TaskEither<HelmError, void> =>
  writeFileAtomic(home.repositoryFile, serializeRepoFile(f), PRIVATE_FILE_MODE)

/**
 * Where a repository's index is cached: its `cache` field (Helm v2 wrote absolute paths; a relative one lies under
 * repository/cache), else `<name>-index.yaml` in repository/cache. Left UnsafeFileName / PathOutsideFolder when a
 * name or relative cache path would leave repository/cache.
 */
export const cachePathOf = (home: HelmHome, repo: RepoEntry): E.Either<PathError, string> =>
  repo.cache === ''
    ? fileIn('repository index', home.cache, `${repo.name}-index.yaml`)
    : isAbsolute(repo.cache)
      ? E.right(repo.cache)
      : pathIn('repository index', home.cache, repo.cache)
