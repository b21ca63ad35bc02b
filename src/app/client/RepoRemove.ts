import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { emptyEntry, findRepo, removeRepo } from '../../domain/repo/RepoFile'
import { ensureHome } from './RepoIndexes'
import type { ClientDeps, UseCase } from './Deps'

/** `helm repo remove NAME`: drops the entry, then its cached index. Left RepoNotFound. */
export const repoRemove =
  (name: string): UseCase<Pick<ClientDeps, 'home'>, void> =>
  (d) =>
    pipe(
      ensureHome(d),
      TE.chain(() =>
        d.home.updateRepositories((file) =>
          TE.fromEither(
            pipe(
              removeRepo(file, name),
              E.map((next) => [next, findRepo(file, name) ?? { ...emptyEntry, name }] as const),
            ),
          ),
        ),
      ),
      TE.chain((entry) => d.home.removeIndex(entry)),
    )
