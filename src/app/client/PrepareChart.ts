import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Chart } from '../../domain/chart/Chart'
import { loadChart } from './Charts'
import type { UseCase } from './Deps'
import { type LocateRequest, locateChart } from './LocateChart'
import { type TemplateDeps, withDependencies } from './ChartDependencies'

/** CHART for install and upgrade: where to find it, whether to update its dependencies, whether to say where it is. */
export interface ChartRequest extends LocateRequest {
  /** `--dep-up`: run `dependency update` on a chart folder whose dependencies are missing, then load it again */
  readonly depUp?: boolean | undefined
  /** `--debug` of install: Helm v2 prints the original version and the chart's path before loading it */
  readonly announce?: boolean | undefined
}

/**
 * Locates and loads CHART as install and upgrade do: a chart whose requirements are not all in charts/ is refused
 * (DependenciesMissing), unless `depUp`. Errors: as locateChart and loadChart.
 */
export const prepareChart =
  (req: ChartRequest): UseCase<TemplateDeps, Chart> =>
  (d) =>
    pipe(
      locateChart(req)(d),
      // Helm v2's debug lines (on stdout) before it loads the chart
      TE.chainFirstIOK((where) => () => {
        if (req.announce)
          d.out(`[debug] Original chart version: "${req.version ?? ''}"\n[debug] CHART PATH: ${where}\n`)
      }),
      TE.chain((where) =>
        pipe(
          loadChart(where)(d),
          TE.chain((chart) => withDependencies(where, chart, req.depUp ?? false)(d)),
        ),
      ),
    )
