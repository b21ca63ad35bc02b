import { Buffer } from 'node:buffer'
import { writeChartArchive } from './archive/Archive'
import type { Chart, ChartFile, Metadata } from './Chart'
import { encodeDependency } from './ChartFile'
import type { Value } from '../go/Value'
import { toYamlString } from '../yaml/Write'

/**
 * Chart.yaml text as Helm's `chartutil.Save` writes it: the metadata marshalled through JSON, so keys
 * come out sorted and empty fields are left out (comments and unknown keys of the original are lost).
 */
export const marshalChartFile = (m: Metadata): string => {
  const doc: Record<string, unknown> = {
    ...m,
    dependencies: m.dependencies?.length ? m.dependencies.map(encodeDependency) : undefined,
    maintainers: m.maintainers?.length ? m.maintainers : undefined,
    keywords: m.keywords?.length ? m.keywords : undefined,
    sources: m.sources?.length ? m.sources : undefined,
    annotations: m.annotations && Object.keys(m.annotations).length ? m.annotations : undefined,
    deprecated: m.deprecated || undefined,
  }
  for (const k of Object.keys(doc)) if (doc[k] === undefined || doc[k] === '') delete doc[k]
  return toYamlString(doc as Value)
}

/**
 * Every file of a chart as `helm package` writes it, paths relative to the chart root: Chart.yaml
 * (re-marshalled), values.yaml (as written), values.schema.json, templates, other files, and each
 * subchart expanded under `charts/<name>/` (an archived subchart is written unpacked, as Helm does).
 */
export const chartToFiles = (chart: Chart): ReadonlyArray<ChartFile> => {
  const out: ChartFile[] = [{ path: 'Chart.yaml', data: Buffer.from(marshalChartFile(chart.metadata)) }]
  if (chart.rawValues !== '') out.push({ path: 'values.yaml', data: Buffer.from(chart.rawValues) })
  if (chart.schema) out.push({ path: 'values.schema.json', data: chart.schema })
  out.push(...chart.templates, ...chart.files)
  for (const dep of chart.dependencies)
    for (const f of chartToFiles(dep)) out.push({ path: `charts/${dep.metadata.name}/${f.path}`, data: f.data })
  return out
}

/** The reproducible `.tgz` bytes of a chart (single top folder named after the chart; see `writeChartArchive`). */
export const chartArchiveBytes = (chart: Chart): Uint8Array =>
  writeChartArchive(chart.metadata.name, chartToFiles(chart))

/** Helm's archive file name: `NAME-VERSION.tgz`. */
export const chartArchiveName = (m: Metadata): string => `${m.name}-${m.version}.tgz`
