import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Dependency, Lock } from '../../domain/chart/Chart'
import { joinPath } from '../../domain/path/SafePath'
import { lockDigest, serializeLock } from '../../domain/repo/Lock'
import { goNow } from './RepoIndexes'
import { chartVersionOf, indexLoader, readChartDeps, sources } from './DependencySources'
import { type DependencyDeps, type DependencyOptions, installDependencies, refresh } from './DependencyInstall'
import type { ClientDeps, UseCase } from './Deps'

/**
 * `helm dependency update DIR`: resolves every dependency of requirements.yaml (Chart.yaml for apiVersion v2) to the
 * newest version its range allows (repositories by URL, `@name`/`alias:name`, or `file://` folders, which are
 * packaged), downloads them into charts/ and writes the lock with its digest. Returns the lock (undefined when there
 * are no dependencies). Left DependencyUnresolved, NoRepositoryDefinition, download and chart errors; charts/ is
 * untouched then.
 */
export const dependencyUpdate =
  (dir: string, opts: DependencyOptions = {}): UseCase<DependencyDeps & Pick<ClientDeps, 'clock'>, Lock | undefined> =>
  (d) =>
    pipe(
      readChartDeps(dir)(d),
      TE.chain((cd) => {
        if (cd.requirements.length === 0) {
          d.out(`No requirements found in ${joinPath(dir, 'charts')}.`)
          return TE.right(undefined)
        }
        const index = indexLoader(d)
        // Helm 3 (Chart.yaml v2 dependencies) writes and hashes `@name` repositories as their URLs; Helm 2 kept them
        const v3 = cd.metadata.apiVersion === 'v2'
        return pipe(
          sources(cd.dir, cd.requirements)(d),
          TE.chainFirst((src) => refresh(src.used, opts)(d)),
          TE.bindTo('src'),
          TE.let('hashed', ({ src }) =>
            src.list.map(([dep, s]): Dependency => (v3 && s._tag === 'Repo' ? { ...dep, repository: s.url } : dep)),
          ),
          TE.bind('locked', ({ src, hashed }) =>
            TE.sequenceSeqArray(
              src.list.map(([dep, s], i) =>
                pipe(
                  chartVersionOf(dep, s, index, opts.registryAuth)(d),
                  TE.map(
                    (version): Dependency => ({ name: dep.name, version, repository: hashed[i]?.repository ?? '' }),
                  ),
                ),
              ),
            ),
          ),
          TE.chainFirst(({ src, locked }) =>
            installDependencies(
              cd,
              src.list.map(([dep, s], i) => [{ ...dep, version: locked[i]?.version ?? '' }, s] as const),
              index,
              opts,
            )(d),
          ),
          TE.map(
            ({ hashed, locked }): Lock => ({
              generated: goNow(d.clock),
              digest: lockDigest(cd.metadata.apiVersion, hashed, locked),
              dependencies: locked,
            }),
          ),
          TE.chainFirst((lock) => d.files.write(dir, cd.files.lock, Buffer.from(serializeLock(lock)))),
        )
      }),
    )
