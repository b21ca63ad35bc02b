import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileNotFound } from '../../domain/GeneralError'
import { type CredentialsFile, emptyCredentialsFile, encodeCredentialsFile } from '../../domain/oci/Credentials'
import { helmHomeLayout } from '../../domain/path/HelmPath'
import { fileIn, pathIn } from '../../domain/path/SafePath'
import { compactIndex, type IndexFile } from '../../domain/repo/Index'
import {
  emptyRepoFile,
  parseRepoFile,
  type RepoEntry,
  type RepoFile,
  serializeRepoFile,
} from '../../domain/repo/RepoFile'
import type { HelmHome } from '../../ports/HelmHome'

/** An in-memory HELM_HOME, with a look at repositories.yaml as written and at the cached indexes. */
export interface MemoryHelmHome extends HelmHome {
  /** repositories.yaml text as last written, and the mode it was written with. */
  readonly repositoriesFile: () => { readonly text: string; readonly mode: number } | undefined
  /** Cache file name → index bytes as stored (or `-> target` for a link). */
  readonly cached: () => Readonly<Record<string, string>>
  /** The registry credentials file as last written (its text and mode). */
  readonly registryCredentialsFile: () => { readonly text: string; readonly mode: number } | undefined
  /** Folders `ensure` made. */
  readonly folders: () => ReadonlyArray<string>
}

/**
 * A HELM_HOME in memory at `root` (paths as the local one lays them out), optionally starting with a
 * repositories.yaml text. Repository names are checked as the local adapter checks them; updates are serialised.
 */
export const memoryHelmHome = (root = '/helm-home', initial?: string): MemoryHelmHome => {
  const layout = helmHomeLayout(root)
  let file: { text: string; mode: number } | undefined =
    initial === undefined ? undefined : { text: initial, mode: 0o644 }
  const indexes = new Map<string, { bytes: string; index: IndexFile } | { link: string }>()
  const made = new Set<string>()
  let queue: Promise<unknown> = Promise.resolve()
  let credentials: { file: CredentialsFile; text: string; mode: number } | undefined
  let credentialsQueue: Promise<unknown> = Promise.resolve()
  const cacheName = (repo: RepoEntry): E.Either<HelmError, string> =>
    repo.cache === ''
      ? fileIn('repository index', layout.cache, `${repo.name}-index.yaml`)
      : repo.cache.startsWith('/')
        ? E.right(repo.cache)
        : pathIn('repository index', layout.cache, repo.cache)
  const read = (): E.Either<HelmError, O.Option<RepoFile>> =>
    file === undefined
      ? E.right(O.none)
      : pipe(
          parseRepoFile(layout.repositoryFile, file.text),
          E.map((f) => O.some(f)),
        )
  return {
    name: 'memory',
    layout,
    ensure: () =>
      TE.fromIO(() => {
        const now = [
          layout.root,
          layout.repository,
          layout.cache,
          layout.localRepository,
          layout.plugins,
          layout.starters,
          layout.archive,
        ].filter((d) => !made.has(d))
        for (const d of now) made.add(d)
        return now
      }),
    readRepositories: () => TE.fromEither(read()),
    updateRepositories: (change) => () => {
      const run = async () => {
        const current = read()
        if (E.isLeft(current)) return current
        const next = await change(O.getOrElse(() => emptyRepoFile(''))(current.right))()
        if (E.isLeft(next)) return next
        file = { text: serializeRepoFile(next.right[0]), mode: 0o600 }
        return E.right(next.right[1])
      }
      const done = queue.then(run, run)
      queue = done
      return done
    },
    readIndex: (repo) =>
      pipe(
        TE.fromEither(cacheName(repo)),
        TE.chain((name) => {
          const got = indexes.get(name)
          return got && 'index' in got ? TE.right(compactIndex(got.index)) : TE.left(fileNotFound(name))
        }),
      ),
    writeIndex: (repo, bytes, index) =>
      pipe(
        TE.fromEither(cacheName(repo)),
        TE.map((name) => void indexes.set(name, { bytes: Buffer.from(bytes).toString('utf8'), index })),
      ),
    linkIndex: (repo, target) =>
      pipe(
        TE.fromEither(cacheName(repo)),
        TE.map((name) => void (indexes.has(name) ? undefined : indexes.set(name, { link: target }))),
      ),
    removeIndex: (repo) =>
      pipe(
        TE.fromEither(cacheName(repo)),
        TE.map((name) => void indexes.delete(name)),
      ),
    readRegistryCredentials: () => TE.right(credentials?.file ?? emptyCredentialsFile),
    updateRegistryCredentials: (change) => () => {
      const run = async () => {
        const next = await change(credentials?.file ?? emptyCredentialsFile)()
        if (E.isLeft(next)) return next
        const [f, a] = next.right
        if (f !== undefined)
          credentials = { file: f, text: Buffer.from(encodeCredentialsFile(f)).toString('utf8'), mode: 0o600 }
        return E.right(a)
      }
      const done = credentialsQueue.then(run, run)
      credentialsQueue = done
      return done
    },
    remove: () =>
      TE.fromIO(() => {
        credentials = undefined
        file = undefined
        indexes.clear()
        made.clear()
      }),
    repositoriesFile: () => file,
    cached: () => Object.fromEntries([...indexes].map(([k, v]) => [k, 'link' in v ? `-> ${v.link}` : v.bytes])),
    registryCredentialsFile: () => (credentials ? { text: credentials.text, mode: credentials.mode } : undefined),
    folders: () => [...made],
  }
}
