import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import { renderChart, type RenderEnv } from '../render/Render'
import { renderFailureMessage } from '../render/RenderError'
import { type YamlError, yamlMessage } from '../yaml/YamlError'
import type { GoMap } from '../go/Value'
import { parseYamlValues } from '../yaml/Read'
import type { ChartFile } from '../chart/Chart'
import { chartReadMessage } from '../chart/ChartError'
import { loadChartFromFiles } from '../chart/Load'
import { lintChartfile } from './ChartfileRules'
import { error, info, type LintMessage, warning } from './LintMessage'
import { isYamlTemplate, lintExtension, lintRenderedYaml } from './TemplateRules'

/** A YAML error as go-yaml words it: `yaml: line N: reason`. */
const goYamlText = (e: YamlError): string => (e._tag === 'YamlParseError' ? e.reason : yamlMessage(e))

// Helm 4.1.4's default Kubernetes version for capabilities and deprecation checks.
const DEFAULT_KUBE_VERSION = 'v1.35.0'

/** Options of one lint run (`helm lint --strict --namespace`). */
export interface LintOptions {
  readonly namespace: string
  readonly strict: boolean
  readonly kubeVersion?: string
}

/** A lint run's result: the findings, or `fatal` when there was no chart to lint at all. */
export interface LintResult {
  readonly messages: ReadonlyArray<LintMessage>
  readonly fatal?: string
}

const text = (f: ChartFile): string => Buffer.from(f.data).toString('utf8')

/**
 * Lints the files of one chart (paths relative to its root, `.helmignore` already applied) as Helm 4's
 * `helm lint` does: Chart.yaml rules, values.yaml, then templates (extensions, a render with the user's
 * values in lint mode, rendered YAML and object checks) and the dependencies in charts/. `chartDir`
 * names the chart in dependency warnings. Never fails: problems are findings.
 */
export const lintChartFiles = (
  files: ReadonlyArray<ChartFile>,
  chartDir: string,
  userValues: GoMap,
  opts: LintOptions,
  env: RenderEnv,
): LintResult => {
  const byPath = new Map(files.map((f) => [f.path, f]))
  const chartYaml = byPath.get('Chart.yaml')
  if (chartYaml === undefined)
    return {
      messages: [],
      fatal: `Error unable to check Chart.yaml file in chart: stat ${chartDir}/Chart.yaml: no such file or directory`,
    }
  const out: LintMessage[] = [...lintChartfile(text(chartYaml))]

  const valuesFile = byPath.get('values.yaml')
  if (valuesFile === undefined) out.push(info('values.yaml', 'file does not exist'))
  else {
    const v = parseYamlValues('values.yaml', text(valuesFile))
    if (E.isLeft(v)) {
      // Helm 4 reports a broken values.yaml three times: as a file, as a render input, as the chart load.
      const why = `error converting YAML to JSON: ${goYamlText(v.left)}`
      const load = `cannot load values.yaml: cannot unmarshal yaml document: ${why}`
      out.push(
        error('values.yaml', `unable to parse YAML: ${why}`),
        error('templates/', load),
        error('', `unable to load chart\n\t${load}`),
      )
      return { messages: out }
    }
  }

  const loaded = loadChartFromFiles(files, chartDir, { applyIgnore: false })
  if (E.isLeft(loaded)) {
    out.push(error('', `unable to load chart\n\t${chartReadMessage(loaded.left)}`))
    return { messages: out }
  }
  const chart = loaded.right
  if (chart.templates.length === 0) out.push(warning('templates/', 'directory does not exist'))
  else {
    const rendered = renderChart(
      chart,
      userValues,
      {
        releaseName: 'test-release',
        namespace: opts.namespace,
        revision: 1,
        isInstall: true,
        isUpgrade: false,
        strict: opts.strict,
        lintMode: true,
        ...(opts.kubeVersion !== undefined ? { kubeVersion: opts.kubeVersion } : {}),
      },
      env,
    )
    if (E.isLeft(rendered)) out.push(error('templates/', renderFailureMessage(rendered.left)))
    else
      for (const t of chart.templates) {
        out.push(...lintExtension(t.path))
        if (!isYamlTemplate(t.path)) continue
        const content = rendered.right.files.get(`${chart.metadata.name}/${t.path}`) ?? ''
        out.push(...lintRenderedYaml(t.path, content, opts.kubeVersion ?? DEFAULT_KUBE_VERSION))
      }
  }

  const present = new Set(chart.dependencies.map((d) => d.metadata.name))
  // Helm 4 reads a v1 chart's requirements.yaml into Chart.yaml's dependencies (else keeps Chart.yaml's own).
  const requirements = chart.requirements.length > 0 ? chart.requirements : (chart.metadata.dependencies ?? [])
  const declared = new Set(requirements.map((d) => d.name))
  const missing = requirements.filter((d) => !present.has(d.name)).map((d) => d.name)
  if (missing.length > 0)
    out.push(warning(chartDir, `chart directory is missing these dependencies: ${missing.join(',')}`))
  const undeclared = chart.dependencies.filter((d) => !declared.has(d.metadata.name)).map((d) => d.metadata.name)
  if (undeclared.length > 0)
    out.push(error(chartDir, `chart metadata is missing these dependencies: ${undeclared.join(',')}`))
  return { messages: out }
}
