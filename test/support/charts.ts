// The one test-chart builder: charts in memory (the loaded `Chart` the domain and Tiller take) and chart folders on
// disk (what `helm` commands and the chart loader read). Each test states only what it cares about; the rest has
// fixed defaults (name demo, version 0.1.0, apiVersion v2, no values, no files).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { stringify } from 'yaml'
import type { Chart, Dependency, Metadata } from '../../src/domain/chart/Chart'

const enc = new TextEncoder()
const bytes = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? enc.encode(data) : data)

/** What a test says about a chart; everything is optional. */
export interface ChartSpec {
  readonly name?: string
  readonly version?: string
  readonly apiVersion?: string
  /** More Chart.yaml fields (appVersion, description, engine, ...), laid over name/version/apiVersion. */
  readonly metadata?: Partial<Metadata>
  /** Template texts by path under templates/ (`cm.yaml`, `_helpers.tpl`, `NOTES.txt`), in this order. */
  readonly templates?: Readonly<Record<string, string | Uint8Array>>
  /** The parsed default values (the chart's `values`). */
  readonly values?: Readonly<Record<string, unknown>>
  /** values.yaml as written (the chart's `rawValues`; in a folder, values.yaml). */
  readonly rawValues?: string
  /** Every other file by path (README.md, crds/..., files for .Files), in this order. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>
  /** requirements.yaml (apiVersion v1) or Chart.yaml `dependencies:` (v2). */
  readonly requirements?: ReadonlyArray<Dependency>
  /** Subcharts (in a folder, charts/NAME/). */
  readonly dependencies?: ReadonlyArray<Chart>
  /** values.schema.json text. */
  readonly schema?: string
}

/** The loaded chart `spec` describes. */
export const buildChart = (spec: ChartSpec = {}): Chart => ({
  metadata: {
    apiVersion: spec.apiVersion ?? 'v2',
    name: spec.name ?? 'demo',
    version: spec.version ?? '0.1.0',
    ...spec.metadata,
  },
  requirements: spec.requirements ?? [],
  templates: Object.entries(spec.templates ?? {}).map(([p, t]) => ({ path: `templates/${p}`, data: bytes(t) })),
  values: (spec.values ?? {}) as Chart['values'],
  rawValues: spec.rawValues ?? '',
  files: Object.entries(spec.files ?? {}).map(([path, data]) => ({ path, data: bytes(data) })),
  dependencies: spec.dependencies ?? [],
  ...(spec.schema === undefined ? {} : { schema: enc.encode(spec.schema) }),
})

/** Files of a chart folder by path (text or bytes). */
export type ChartFolder = Readonly<Record<string, string | Uint8Array>>

/**
 * The folder form of a chart: Chart.yaml (its metadata; v2 requirements as `dependencies:`), values.yaml (the raw
 * text, else the values as YAML), values.schema.json, requirements.yaml (v1), templates/, the other files, and each
 * subchart under charts/NAME/.
 */
export const chartFolder = (chart: Chart): ChartFolder => {
  const { metadata, requirements } = chart
  const v2 = metadata.apiVersion !== 'v1'
  const chartYaml = stringify({ ...metadata, ...(v2 && requirements.length > 0 ? { dependencies: requirements } : {}) })
  const values =
    chart.rawValues !== '' ? chart.rawValues : Object.keys(chart.values).length > 0 ? stringify(chart.values) : ''
  return {
    'Chart.yaml': chartYaml,
    ...(values === '' ? {} : { 'values.yaml': values }),
    ...(chart.schema ? { 'values.schema.json': chart.schema } : {}),
    ...(!v2 && requirements.length > 0 ? { 'requirements.yaml': stringify({ dependencies: requirements }) } : {}),
    ...Object.fromEntries([...chart.templates, ...chart.files].map((f) => [f.path, f.data])),
    ...Object.fromEntries(
      chart.dependencies.flatMap((sub) =>
        Object.entries(chartFolder(sub)).map(([p, data]) => [`charts/${sub.metadata.name}/${p}`, data]),
      ),
    ),
  }
}

/**
 * Writes `files` as the folder `parent/name` and returns its path. `parent` defaults to a fresh folder under the
 * test's TMPDIR (named after `prefix`), `name` to the chart's name in Chart.yaml, else `chart`.
 */
export const writeChartDir = (
  files: ChartFolder,
  opts: { readonly parent?: string; readonly name?: string; readonly prefix?: string } = {},
): string => {
  const parent = opts.parent ?? mkdtempSync(join(tmpdir(), opts.prefix ?? 'chart-'))
  const named = /^name:\s*(\S+)\s*$/m.exec(String(files['Chart.yaml'] ?? ''))?.[1]
  const root = join(parent, opts.name ?? named ?? 'chart')
  mkdirSync(root, { recursive: true })
  for (const [p, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true })
    writeFileSync(join(root, p), data)
  }
  return root
}

/** Writes the chart `spec` describes as a folder (see chartFolder, writeChartDir) and returns its path. */
export const writeChart = (
  spec: ChartSpec,
  opts: { readonly parent?: string; readonly prefix?: string } = {},
): string => writeChartDir(chartFolder(buildChart(spec)), opts)
