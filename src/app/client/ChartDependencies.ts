// A chart's declared dependencies before install, upgrade and template use it: apart from the template engine, so
// that install and upgrade (which render nothing on the client) do not load it.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Chart } from '../../domain/chart/Chart'
import type { HelmError } from '../../domain/errors'
import { checkDependencies } from '../../domain/values/Dependencies'
import { loadChart } from './Charts'
import type { ClientDeps, UseCase } from './Deps'

/** What locating, loading and rendering a chart on the client needs. */
export type TemplateDeps = Pick<
  ClientDeps,
  'files' | 'home' | 'repos' | 'signatory' | 'clock' | 'random' | 'values' | 'out' | 'warn'
>

/**
 * The chart at `path` with every declared dependency in charts/: as loaded, else (with `update`) loaded again after
 * `helm dependency update` of its folder (its lines through `out`); else DependenciesMissing, as Helm refuses it.
 */
export const withDependencies =
  (path: string, chart: Chart, update: boolean): UseCase<TemplateDeps, Chart> =>
  (d) =>
    pipe(
      checkDependencies(chart),
      E.match(
        (missing) =>
          update
            ? pipe(
                TE.fromTask(() => import('./DependencyUpdate')),
                TE.chain(({ dependencyUpdate }) => dependencyUpdate(path)(d)),
                TE.chain(() => loadChart(path)(d)),
              )
            : TE.left<HelmError, Chart>(missing),
        () => TE.right(chart),
      ),
    )
