import * as E from 'fp-ts/Either'
import type { ChartError } from './ChartError'
import type { Chart } from './Chart'
import { invalidChartFile } from './ChartError'

/**
 * Names of the chart's declared dependencies (requirements.yaml / Chart.yaml v2) that have no subchart
 * of that name in charts/, in declaration order.
 */
export const missingDependencies = (chart: Chart): ReadonlyArray<string> => {
  const present = new Set(chart.dependencies.map((d) => d.metadata.name))
  return chart.requirements.filter((r) => !present.has(r.name)).map((r) => r.name)
}

/**
 * Helm's CheckDependencies, run before packaging or installing: every declared dependency must be in
 * charts/. Errors: InvalidChartFile worded as Helm ("found in Chart.yaml, but missing in charts/ directory").
 */
export const checkDependencies = (chart: Chart, origin: string): E.Either<ChartError, Chart> => {
  const missing = missingDependencies(chart)
  const declaredIn = chart.metadata.apiVersion === 'v2' ? 'Chart.yaml' : 'requirements.yaml'
  return missing.length === 0
    ? E.right(chart)
    : E.left(
        invalidChartFile(origin, [`found in ${declaredIn}, but missing in charts/ directory: ${missing.join(', ')}`]),
      )
}
