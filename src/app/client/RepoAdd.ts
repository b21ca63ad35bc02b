import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { type HelmError, message } from '../../domain/errors'
import { fileIn } from '../../domain/path/SafePath'
import { repoUnreachable } from '../../domain/repo/RepoError'
import { type RepoEntry, addRepo, upsertRepo, validRepoName } from '../../domain/repo/RepoFile'
import type { RepoAuth } from '../../ports/ChartRepository'
import { ensureHome, fetchIndex, goNow } from './RepoIndexes'
import type { ClientDeps, UseCase } from './Deps'

/** `helm repo add NAME URL`: the repository's credentials and TLS files, and `--no-update`. */
export interface RepoAddRequest {
  readonly name: string
  readonly url: string
  readonly auth: RepoAuth
  /** refuse to replace a repository of the same name (RepoExists) */
  readonly noUpdate: boolean
}

// Helm wraps what went wrong with the repository itself; a CA/cert/key file that cannot be read is the user's
const unreachableFrom = (url: string) => (e: HelmError) =>
  e._tag === 'FileUnreadable' ? e : repoUnreachable(url, message(e))

/**
 * `helm repo add`: downloads and checks the index, caches it, then records the repository (replacing one of the same
 * name unless `noUpdate`), all under the repositories.yaml lock. Left InvalidRepoName (a '/', Helm's words),
 * RepoExists, RepoUnreachable (any download or index failure); nothing changes on failure.
 */
export const repoAdd =
  (req: RepoAddRequest): UseCase<Pick<ClientDeps, 'home' | 'repos' | 'clock'>, RepoEntry> =>
  (d) =>
    pipe(
      TE.fromEither(validRepoName(req.name)),
      TE.chainW(() => ensureHome(d)),
      TE.chainEitherKW(() => fileIn('repository index', d.home.layout.cache, `${req.name}-index.yaml`)),
      TE.map(
        (cache): RepoEntry => ({
          name: req.name,
          url: req.url.replace(/\/+$/, ''),
          cache,
          username: req.auth.username ?? '',
          password: req.auth.password ?? '',
          certFile: req.auth.certFile ?? '',
          keyFile: req.auth.keyFile ?? '',
          caFile: req.auth.caFile ?? '',
        }),
      ),
      TE.chain((entry) =>
        d.home.updateRepositories((file) =>
          pipe(
            // Helm v2 replaces a repository of the same name; `--no-update` makes that an error instead
            req.noUpdate
              ? TE.fromEither(
                  pipe(
                    addRepo(file, entry, ''),
                    E.map(() => undefined),
                  ),
                )
              : TE.right(undefined),
            TE.chainW(() => pipe(fetchIndex(entry.url, req.auth)(d), TE.mapLeft(unreachableFrom(req.url)))),
            TE.chainFirst(({ bytes, index }) => d.home.writeIndex(entry, bytes, index)),
            TE.map(() => [upsertRepo(file, entry, goNow(d.clock)), entry] as const),
          ),
        ),
      ),
    )
