import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Lock } from '../../domain/chart/Chart'
import { lockDigest } from '../../domain/repo/Lock'
import { lockOutOfSync } from '../../domain/repo/RepoError'
import { indexLoader, readChartDeps, sources } from './DependencySources'
import { type DependencyDeps, type DependencyOptions, installDependencies, refresh } from './DependencyInstall'
import { dependencyUpdate } from './DependencyUpdate'
import type { ClientDeps, UseCase } from './Deps'

/**
 * `helm dependency build DIR`: downloads exactly the versions of the lock file into charts/ (an update when there is
 * no lock). Left LockOutOfSync when the lock's digest matches neither Helm v2's nor Helm v3's hash of the
 * dependencies.
 */
export const dependencyBuild =
  (dir: string, opts: DependencyOptions = {}): UseCase<DependencyDeps & Pick<ClientDeps, 'clock'>, Lock | undefined> =>
  (d) =>
    pipe(
      readChartDeps(dir)(d),
      TE.chain((cd) => {
        const lock = cd.lock
        if (!lock) return dependencyUpdate(dir, opts)(d)
        return pipe(
          // Helm v2 hashed the requirements alone, Helm v3 the pair (requirements, lock): accept a lock either wrote
          sources(cd.dir, cd.requirements)(d),
          TE.map((declared) =>
            declared.list.map(([dep, s]) => (s._tag === 'Repo' ? { ...dep, repository: s.url } : dep)),
          ),
          TE.filterOrElseW(
            (resolved) =>
              ['v1', 'v2']
                .flatMap((v) => [cd.requirements, resolved].map((r) => lockDigest(v, r, lock.dependencies)))
                .includes(lock.digest),
            () => lockOutOfSync(cd.files.lock, cd.files.deps),
          ),
          TE.chain(() => sources(cd.dir, lock.dependencies)(d)),
          TE.chainFirst((src) => refresh(src.used, opts)(d)),
          TE.chain((src) => installDependencies(cd, src.list, indexLoader(d), opts)(d)),
          TE.map(() => lock),
        )
      }),
    )
