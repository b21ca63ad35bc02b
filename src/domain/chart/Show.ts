import { Buffer } from 'node:buffer'
import type { Chart, ChartFile, Metadata } from './Chart'
import { marshalChartFile } from './Save'

/** What `helm show` / `helm inspect` prints. */
export type ShowWhat = 'all' | 'chart' | 'values' | 'readme' | 'crds'

const README = ['readme.md', 'readme.txt', 'readme']

/** The chart's README (README.md, README.txt or README, any case), if it has one. */
export const findReadme = (chart: Chart): ChartFile | undefined =>
  chart.files.find((f) => README.includes(f.path.toLowerCase()))

/** The chart's CRD files (crds/*.yaml|yml|json), then its subcharts' CRDs. */
export const crdFiles = (chart: Chart): ReadonlyArray<ChartFile> => [
  ...chart.files.filter((f) => f.path.startsWith('crds/') && /\.(ya?ml|json)$/.test(f.path)),
  ...chart.dependencies.flatMap(crdFiles),
]

const text = (f: ChartFile): string => Buffer.from(f.data).toString('utf8')

// Helm 4 reads a v1 chart's requirements.yaml into Chart.yaml's `dependencies` and no longer knows the
// v2-only fields `engine` and `tillerVersion`.
const helm4Metadata = (chart: Chart): Metadata => {
  const { engine: _e, tillerVersion: _t, ...rest } = chart.metadata
  return chart.metadata.apiVersion === 'v1' && chart.requirements.length > 0
    ? { ...rest, dependencies: chart.requirements }
    : rest
}

/**
 * `helm show chart|values|readme|crds|all` as Helm 4 prints it: Chart.yaml re-marshalled, values.yaml
 * as written, README and CRDs, separated by `---` lines in `all`.
 */
export const showChart = (chart: Chart, what: ShowWhat): string => {
  let out = ''
  if (what === 'chart' || what === 'all') out += `${marshalChartFile(helm4Metadata(chart))}\n`
  if ((what === 'values' || what === 'all') && chart.rawValues !== '') {
    if (what === 'all') out += '---\n'
    out += `${chart.rawValues}\n`
  }
  if (what === 'readme' || what === 'all') {
    const readme = findReadme(chart)
    if (readme) out += `${what === 'all' ? '---\n' : ''}${text(readme)}\n`
  }
  if (what === 'crds' || what === 'all')
    for (const crd of crdFiles(chart)) {
      const body = text(crd)
      out += `${body.startsWith('---') ? '' : '---\n'}${body}\n`
    }
  return out
}

/**
 * `helm inspect [chart|values|readme]` as Helm v2 prints it: with no subcommand, Chart.yaml, `---`,
 * values.yaml, `---`, README.
 */
export const inspectChart = (chart: Chart, what: Exclude<ShowWhat, 'crds'>): string => {
  let out = ''
  if (what === 'chart' || what === 'all') out += `${marshalChartFile(chart.metadata)}\n`
  if ((what === 'values' || what === 'all') && chart.rawValues !== '')
    out += `${what === 'all' ? '---\n' : ''}${chart.rawValues}\n`
  if (what === 'readme' || what === 'all') {
    if (what === 'all') out += '---\n'
    const readme = findReadme(chart)
    if (readme) out += `${text(readme)}\n`
  }
  return out
}
