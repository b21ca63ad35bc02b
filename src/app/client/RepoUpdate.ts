import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as T from 'fp-ts/Task'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import { repoNotFound } from '../../domain/repo/RepoError'
import { type RepoEntry, type RepoFile, findRepo } from '../../domain/repo/RepoFile'
import { entryAuth } from '../../domain/repo/RepoUrl'
import { ensureHome, fetchIndex } from './RepoIndexes'
import type { ClientDeps, UseCase } from './Deps'

/** The outcome of refreshing one repository. */
export type UpdateOutcome =
  | { readonly _tag: 'Updated'; readonly repo: RepoEntry }
  | { readonly _tag: 'Skipped'; readonly repo: RepoEntry }
  | { readonly _tag: 'Failed'; readonly repo: RepoEntry; readonly error: HelmError }

/** `helm repo update [NAMES]`: which repositories (all when none), and who hears of each outcome as it comes. */
export interface RepoUpdateRequest {
  readonly names: ReadonlyArray<string>
  readonly onOutcome?: ((o: UpdateOutcome) => void) | undefined
}

const select = (f: RepoFile, names: ReadonlyArray<string>): E.Either<HelmError, ReadonlyArray<RepoEntry>> =>
  names.length === 0
    ? E.right(f.repositories)
    : pipe(
        names,
        E.traverseArray((n) => E.fromNullable(repoNotFound(n))(findRepo(f, n))),
      )

/**
 * Refreshes the cached index of each repository in parallel (`local` is skipped, as Helm v2 does); one bad
 * repository is a Failed outcome, never a failure of the whole. Left InvalidArgument (no repositories at all),
 * RepoNotFound (a name not configured).
 */
export const repoUpdate =
  (req: RepoUpdateRequest): UseCase<Pick<ClientDeps, 'home' | 'repos'>, ReadonlyArray<UpdateOutcome>> =>
  (d) => {
    const one = (repo: RepoEntry): T.Task<UpdateOutcome> =>
      repo.name === 'local'
        ? T.of({ _tag: 'Skipped', repo })
        : pipe(
            fetchIndex(repo.url, entryAuth(repo))(d),
            TE.chain(({ bytes, index }) => d.home.writeIndex(repo, bytes, index)),
            TE.match(
              (error): UpdateOutcome => ({ _tag: 'Failed', repo, error }),
              (): UpdateOutcome => ({ _tag: 'Updated', repo }),
            ),
            T.tap((o) => T.fromIO(() => req.onOutcome?.(o))),
          )
    return pipe(
      ensureHome(d),
      TE.chain(() => d.home.readRepositories()),
      TE.map(
        O.match(
          () => [],
          (f) => f.repositories,
        ),
      ),
      TE.filterOrElseW(
        (repos) => repos.length > 0,
        () => invalidArgument('no repositories found. You must add one before updating'),
      ),
      TE.chainEitherK((repositories) => select({ apiVersion: 'v1', generated: '', repositories }, req.names)),
      TE.chainTaskK((repos) => T.sequenceArray(repos.map(one))),
    )
  }
