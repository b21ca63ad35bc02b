import type { Chart } from '../chart/Chart'
import { isPartial, type RenderJob } from '../template/Engine'
import type { GoMap, GoStruct, Value } from '../go/Value'
import { isGoMap } from '../go/Value'
import { chartObject } from '../template/helm/ChartObject'
import { type MapToYaml, chartFilesMap, filesObject } from '../template/helm/Files'
import { valuesObject } from '../template/helm/ValuesObject'

/** What every chart of the tree shares: `.Release`, `.Capabilities`, and how `.Files` writes YAML. */
export interface SharedScope {
  readonly release: GoMap
  readonly capabilities: GoStruct
  readonly toYaml: MapToYaml
  /** Helm's `.Values.YAML`: the YAML text of a value (with its final newline). */
  readonly valueYaml: (v: Value) => string
}

/** The path Helm names a chart's templates under: `root`, then `root/charts/sub`, ... */
export const childPath = (parentPath: string | undefined, chart: Chart): string =>
  parentPath === undefined ? chart.metadata.name : `${parentPath}/charts/${chart.metadata.name}`

/**
 * Helm's recAllTpls: walks the chart tree, giving each chart its scope — `.Values` (the root's
 * values, or the parent's `.Values.<name>` table, else empty), `.Chart` (metadata + IsRoot), `.Files`,
 * `.Subcharts` (child name → child scope) — and adds one job per template (library charts: partials only).
 * Returns the chart's scope.
 */
export const collectJobs = (
  chart: Chart,
  values: Value,
  shared: SharedScope,
  jobs: RenderJob[],
  parentPath?: string,
): GoMap => {
  const path = childPath(parentPath, chart)
  const subcharts: GoMap = {}
  const scope: GoMap = {
    Chart: chartObject(chart.metadata, parentPath === undefined),
    Files: filesObject(chartFilesMap(chart.files), shared.toYaml),
    Release: shared.release,
    Capabilities: shared.capabilities,
    Values: valuesObject(isGoMap(values) ? values : {}, shared.valueYaml),
    Subcharts: subcharts,
  }
  const myValues = scope.Values as GoMap
  for (const child of chart.dependencies) {
    const childValues = myValues[child.metadata.name]
    subcharts[child.metadata.name] = collectJobs(child, isGoMap(childValues) ? childValues : {}, shared, jobs, path)
  }
  const library = chart.metadata.type === 'library'
  for (const t of chart.templates) {
    if (library && !isPartial(t.path)) continue
    jobs.push({
      name: `${path}/${t.path}`,
      text: Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('utf8'),
      scope,
      basePath: `${path}/templates`,
    })
  }
  return scope
}
