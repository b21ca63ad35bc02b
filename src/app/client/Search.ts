import * as A from 'fp-ts/ReadonlyArray'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as T from 'fp-ts/Task'
import * as TE from 'fp-ts/TaskEither'
import type { IndexFile } from '../../domain/repo/Index'
import { applyConstraint, buildSearchIndex, type SearchResult, search } from '../../domain/repo/Search'
import type { ClientDeps, UseCase } from './Deps'

/** `helm search [TERMS]`: the terms (joined by a space), `--regexp`, `--versions`, `--version`, `--devel`. */
export interface SearchRequest {
  readonly terms: ReadonlyArray<string>
  readonly regexp: boolean
  readonly versions: boolean
  readonly version: string
  readonly devel: boolean
}

/** The hits, and the repositories whose cached index is missing or corrupt (Helm warns and goes on). */
export interface SearchAnswer {
  readonly broken: ReadonlyArray<string>
  readonly results: ReadonlyArray<SearchResult>
}

/**
 * `helm search`: every configured repository's cached index searched as Helm v2 does; without `--version` only
 * stable releases, `--devel` adds pre-releases (Helm's setupSearchedVersion). Left InvalidArgument (a bad regexp),
 * InvalidConstraint.
 */
export const searchCharts =
  (req: SearchRequest): UseCase<Pick<ClientDeps, 'home'>, SearchAnswer> =>
  (d) =>
    pipe(
      d.home.readRepositories(),
      TE.map(
        O.match(
          () => [],
          (f) => f.repositories,
        ),
      ),
      TE.chainTaskK((repos) =>
        T.sequenceArray(
          repos.map((r) =>
            pipe(
              d.home.readIndex(r),
              T.map(E.map((index): readonly [string, IndexFile] => [r.name, index])),
              T.map(E.mapLeft(() => r.name)),
            ),
          ),
        ),
      ),
      TE.chainEitherKW((loaded) => {
        const { left: broken, right: indexes } = A.separate(loaded)
        const constraint = req.version !== '' ? req.version : req.devel ? '>0.0.0-0' : '>0.0.0'
        return pipe(
          search(buildSearchIndex(indexes, true), req.terms.length === 0 ? undefined : req.terms.join(' '), req.regexp),
          E.chainW((found) => applyConstraint(found, constraint, req.versions)),
          E.map((results) => ({ broken, results })),
        )
      }),
    )
