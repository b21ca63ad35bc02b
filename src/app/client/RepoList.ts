import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { noRepositories } from '../../domain/repo/RepoError'
import type { RepoEntry } from '../../domain/repo/RepoFile'
import type { ClientDeps, UseCase } from './Deps'

/** `helm repo list`: the configured repositories. Left NoRepositories when there are none. */
export const repoList = (): UseCase<Pick<ClientDeps, 'home'>, ReadonlyArray<RepoEntry>> => (d) =>
  pipe(
    d.home.readRepositories(),
    TE.map(
      O.match(
        () => [],
        (f) => f.repositories,
      ),
    ),
    TE.filterOrElseW(
      (repos) => repos.length > 0,
      () => noRepositories,
    ),
  )
