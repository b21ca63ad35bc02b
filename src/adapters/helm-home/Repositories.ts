import { rm } from 'node:fs/promises'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { type HelmError, message } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import type { IndexFile } from '../../domain/repo/Index'
import { fileIn } from '../../domain/path/SafePath'
import {
  type RepoEntry,
  type RepoFile,
  addRepo,
  emptyEntry,
  findRepo,
  removeRepo,
  upsertRepo,
  validRepoName,
} from '../../domain/repo/RepoFile'
import { noRepositories, repoUnreachable } from '../../domain/repo/RepoError'
import { downloadIndex, entryAuth } from '../http-repo/ChartRepository'
import { type HelmHome, cachePathOf, ensureHelmHome, helmHome, loadRepoFile, nowGo, saveRepoFile } from './HelmHome'
import { withFileLock } from '../fs/FileLock'
import { loadIndexFile, storeIndexFile } from './IndexCache'

/** `repo add` options: the URL's credentials and TLS files, and `noUpdate` (refuse to replace a repository). */
export interface AddOptions {
  readonly username?: string | undefined
  readonly password?: string | undefined
  readonly caFile?: string | undefined
  readonly certFile?: string | undefined
  readonly keyFile?: string | undefined
  readonly noUpdate?: boolean | undefined
}

// Helm wraps what went wrong with the repository itself; a CA/cert/key file that cannot be read is the user's
const repoUnreachableFrom = (url: string, e: HelmError): HelmError =>
  e._tag === 'FileUnreadable' ? e : repoUnreachable(url, message(e))

/**
 * `helm repo add NAME URL`: downloads the index into the cache, then records the repository (replacing one
 * of the same name, unless `noUpdate`). Left RepoExists, RepoUnreachable (any download or index failure),
 * file errors; repositories.yaml and the cache are unchanged on failure.
 */
export const addRepository = (
  root: string,
  name: string,
  url: string,
  opts: AddOptions,
): TE.TaskEither<HelmError, RepoEntry> => locked(root, addUnlocked(root, name, url, opts))

/** Runs a read-modify-write of repositories.yaml under its lock (after making $HELM_HOME). */
const locked =
  <A>(root: string, task: TE.TaskEither<HelmError, A>): TE.TaskEither<HelmError, A> =>
  async () => {
    const home = await ensureHelmHome(root)()
    return E.isLeft(home) ? home : withFileLock(home.right.repositoryFile, task)()
  }

const addUnlocked =
  (root: string, name: string, url: string, opts: AddOptions): TE.TaskEither<HelmError, RepoEntry> =>
  async () => {
    const home = await ensureHelmHome(root)()
    if (E.isLeft(home)) return home
    const h = home.right
    const file = await loadRepoFile(h)()
    if (E.isLeft(file)) return file
    // Helm 3+ refuses a name with '/' (it names the index file); any other name must still be a file name
    const named = validRepoName(name)
    if (E.isLeft(named)) return named
    const cache = fileIn('repository index', h.cache, `${name}-index.yaml`)
    if (E.isLeft(cache)) return cache
    const entry: RepoEntry = {
      name,
      url: url.replace(/\/+$/, ''),
      cache: cache.right,
      username: opts.username ?? '',
      password: opts.password ?? '',
      certFile: opts.certFile ?? '',
      keyFile: opts.keyFile ?? '',
      caFile: opts.caFile ?? '',
    }
    // Helm v2 replaces a repository of the same name; `--no-update` makes that an error instead
    if (opts.noUpdate) {
      const refused = addRepo(file.right, entry, nowGo())
      if (E.isLeft(refused)) return refused
    }
    const got = await downloadIndex(entry.url, entryAuth(entry))()
    if (E.isLeft(got)) return E.left(repoUnreachableFrom(url, got.left))
    const stored = await storeIndexFile(entry.cache, got.right.bytes, entry.url)()
    if (E.isLeft(stored)) return stored
    const saved = await saveRepoFile(h, upsertRepo(file.right, entry, nowGo()))()
    return E.isLeft(saved) ? saved : E.right(entry)
  }

/** `helm repo remove NAME`: drops the entry and its cached index. Left RepoNotFound. */
export const removeRepository = (root: string, name: string): TE.TaskEither<HelmError, void> =>
  locked(root, removeUnlocked(root, name))

const removeUnlocked =
  (root: string, name: string): TE.TaskEither<HelmError, void> =>
  async () => {
    const home = await ensureHelmHome(root)()
    if (E.isLeft(home)) return home
    const file = await loadRepoFile(home.right)()
    if (E.isLeft(file)) return file
    const entry = findRepo(file.right, name)
    const next = removeRepo(file.right, name)
    if (E.isLeft(next)) return next
    const saved = await saveRepoFile(home.right, next.right)()
    if (E.isLeft(saved)) return saved
    const cache = cachePathOf(home.right, entry ?? { ...emptyEntry, name })
    if (E.isLeft(cache)) return cache
    await rm(cache.right, { force: true })
    await rm(cache.right.replace(/\.yaml$/, '.json'), { force: true })
    return E.right(undefined)
  }

/** `helm repo list`: the configured repositories. Left NoRepositories when there are none. */
export const listRepositories =
  (root: string): TE.TaskEither<HelmError, ReadonlyArray<RepoEntry>> =>
  async () => {
    const file = await loadRepoFile(helmHome(root))()
    if (E.isLeft(file)) return file
    return file.right.repositories.length === 0 ? E.left(noRepositories) : E.right(file.right.repositories)
  }

/** The outcome of refreshing one repository. */
export type UpdateOutcome =
  | { readonly _tag: 'Updated'; readonly repo: RepoEntry }
  | { readonly _tag: 'Skipped'; readonly repo: RepoEntry }
  | { readonly _tag: 'Failed'; readonly repo: RepoEntry; readonly error: HelmError }

/**
 * Refreshes the cached index of each repository (all when `names` is empty) in parallel; `local` is
 * skipped as Helm v2 does. `onDone` is called as each finishes. Never fails for one bad repository.
 */
export const updateRepositories =
  (
    root: string,
    names: ReadonlyArray<string>,
    onDone: (o: UpdateOutcome) => void = () => undefined,
  ): TE.TaskEither<HelmError, ReadonlyArray<UpdateOutcome>> =>
  async () => {
    const home = await ensureHelmHome(root)()
    if (E.isLeft(home)) return home
    const file = await loadRepoFile(home.right)()
    if (E.isLeft(file)) return file
    if (file.right.repositories.length === 0)
      return E.left(invalidArgument('no repositories found. You must add one before updating'))
    const repos = selectRepos(file.right, names)
    if (E.isLeft(repos)) return repos
    const one = async (repo: RepoEntry): Promise<UpdateOutcome> => {
      if (repo.name === 'local') return { _tag: 'Skipped', repo }
      const got = await downloadIndex(repo.url, entryAuth(repo))()
      if (E.isLeft(got)) return { _tag: 'Failed', repo, error: got.left }
      const cache = cachePathOf(home.right, repo)
      if (E.isLeft(cache)) return { _tag: 'Failed', repo, error: cache.left }
      const stored = await storeIndexFile(cache.right, got.right.bytes, repo.url)()
      return E.isLeft(stored) ? { _tag: 'Failed', repo, error: stored.left } : { _tag: 'Updated', repo }
    }
    const outcomes = await Promise.all(
      repos.right.map((r) =>
        one(r).then((o) => {
          onDone(o)
          return o
        }),
      ),
    )
    return E.right(outcomes)
  }

const selectRepos = (f: RepoFile, names: ReadonlyArray<string>): E.Either<HelmError, ReadonlyArray<RepoEntry>> => {
  if (names.length === 0) return E.right(f.repositories)
  const out: RepoEntry[] = []
  for (const n of names) {
    const r = findRepo(f, n)
    if (!r) return E.left({ _tag: 'RepoNotFound', name: n })
    out.push(r)
  }
  return E.right(out)
}

/** Every configured repository with its cached index; a missing or corrupt cache is reported via `onBroken`. */
export const loadRepoIndexes =
  (
    home: HelmHome,
    onBroken: (repo: string) => void,
  ): TE.TaskEither<HelmError, ReadonlyArray<readonly [string, IndexFile]>> =>
  async () => {
    const file = await loadRepoFile(home)()
    if (E.isLeft(file)) return file
    const out: Array<readonly [string, IndexFile]> = []
    const loaded = await Promise.all(
      file.right.repositories.map(async (r) => {
        const cache = cachePathOf(home, r)
        return [r.name, E.isLeft(cache) ? cache : await loadIndexFile(cache.right)()] as const
      }),
    )
    for (const [name, idx] of loaded) {
      if (E.isLeft(idx)) onBroken(name)
      else out.push([name, idx.right])
    }
    return E.right(out)
  }
