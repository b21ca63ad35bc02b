import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import type { Chart, ChartFile, Dependency, Metadata } from '../../chart/Chart'
import { loadChartFromFiles } from '../../chart/Load'
import { marshalChartFile } from '../../chart/Save'
import type { ChartReadError } from '../../chart/ChartError'
import { toYamlString } from '../../yaml/Write'

// hapi.chart.Chart as protobufjs plain objects (keepCase field names).
export interface ProtoDependency {
  name?: string
  version?: string
  repository?: string
  condition?: string
  tags?: string[]
  enabled?: boolean | null
  import_values?: Array<{ path?: string; child?: string; parent?: string }>
  alias?: string
}
export interface ProtoMetadata {
  name?: string
  home?: string
  sources?: string[]
  version?: string
  description?: string
  keywords?: string[]
  maintainers?: Array<{ name?: string; email?: string; url?: string }>
  engine?: string
  icon?: string
  apiVersion?: string
  condition?: string
  tags?: string
  appVersion?: string
  deprecated?: boolean
  tillerVersion?: string
  annotations?: Record<string, string>
  kubeVersion?: string
  type?: string
  dependencies?: ProtoDependency[]
}
export interface ProtoChart {
  metadata?: ProtoMetadata | null
  templates?: Array<{ name?: string; data?: Uint8Array }>
  dependencies?: ProtoChart[]
  values?: { raw?: string } | null
  files?: Array<{ type_url?: string; value?: Uint8Array }>
}

const SCHEMA = 'values.schema.json'

// protobufjs hands out Buffers in Node: the chart model holds plain Uint8Arrays (views, no copy)
const bytes = (b: Uint8Array | undefined): Uint8Array =>
  b ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array()

const toProtoDependency = (d: Dependency): ProtoDependency => ({
  name: d.name,
  version: d.version ?? '',
  repository: d.repository ?? '',
  condition: d.condition ?? '',
  tags: [...(d.tags ?? [])],
  ...(d.enabled !== undefined ? { enabled: d.enabled } : {}),
  import_values: (d.importValues ?? []).map((iv) =>
    typeof iv === 'string' ? { path: iv } : { child: iv.child, parent: iv.parent },
  ),
  alias: d.alias ?? '',
})

const fromProtoDependency = (p: ProtoDependency): Dependency => {
  const d: Record<string, unknown> = { name: p.name ?? '' }
  if (p.version) d.version = p.version
  if (p.repository) d.repository = p.repository
  if (p.condition) d.condition = p.condition
  if (p.tags?.length) d.tags = p.tags
  if (typeof p.enabled === 'boolean') d.enabled = p.enabled
  if (p.import_values?.length)
    d.importValues = p.import_values.map((iv) =>
      iv.path ? iv.path : { child: iv.child ?? '', parent: iv.parent ?? '' },
    )
  if (p.alias) d.alias = p.alias
  return d as unknown as Dependency
}

/** Chart.yaml as the hapi.chart.Metadata message (Wheelhouse's `type` and `dependencies` in fields 100+). */
export const toProtoMetadata = (m: Metadata): ProtoMetadata => ({
  name: m.name,
  home: m.home ?? '',
  sources: [...(m.sources ?? [])],
  version: m.version,
  description: m.description ?? '',
  keywords: [...(m.keywords ?? [])],
  maintainers: (m.maintainers ?? []).map((x) => ({ name: x.name ?? '', email: x.email ?? '', url: x.url ?? '' })),
  engine: m.engine ?? '',
  icon: m.icon ?? '',
  apiVersion: m.apiVersion,
  condition: m.condition ?? '',
  tags: m.tags ?? '',
  appVersion: m.appVersion ?? '',
  deprecated: m.deprecated ?? false,
  tillerVersion: m.tillerVersion ?? '',
  annotations: { ...(m.annotations ?? {}) },
  kubeVersion: m.kubeVersion ?? '',
  type: m.type ?? '',
  dependencies: (m.dependencies ?? []).map(toProtoDependency),
})

/** The Metadata of a hapi.chart.Metadata message; empty strings and lists become absent fields. */
export const fromProtoMetadata = (p: ProtoMetadata): Metadata => {
  const m: Record<string, unknown> = { apiVersion: p.apiVersion || 'v1', name: p.name ?? '', version: p.version ?? '' }
  const strings = [
    'home',
    'description',
    'engine',
    'icon',
    'condition',
    'tags',
    'appVersion',
    'tillerVersion',
    'kubeVersion',
    'type',
  ] as const
  for (const k of strings) if (p[k]) m[k] = p[k]
  if (p.sources?.length) m.sources = p.sources
  if (p.keywords?.length) m.keywords = p.keywords
  if (p.maintainers?.length)
    m.maintainers = p.maintainers.map((x) => {
      const o: Record<string, string> = {}
      if (x.name) o.name = x.name
      if (x.email) o.email = x.email
      if (x.url) o.url = x.url
      return o
    })
  if (p.deprecated) m.deprecated = true
  if (p.annotations && Object.keys(p.annotations).length) m.annotations = p.annotations
  if (p.dependencies?.length) m.dependencies = p.dependencies.map(fromProtoDependency)
  return m as unknown as Metadata
}

/** A chart as hapi.chart.Chart: templates, values.yaml as Config.raw, other files (and the schema) as Any{path, bytes}. */
export const toProtoChart = (c: Chart): ProtoChart => ({
  metadata: toProtoMetadata(c.metadata),
  templates: c.templates.map((f) => ({ name: f.path, data: f.data })),
  dependencies: c.dependencies.map(toProtoChart),
  // the values travel as values.yaml text (Helm v2); a chart built in code may only have the parsed map
  values: { raw: c.rawValues !== '' || Object.keys(c.values).length === 0 ? c.rawValues : toYamlString(c.values) },
  files: [...(c.schema ? [{ path: SCHEMA, data: c.schema }] : []), ...c.files].map((f) => ({
    type_url: f.path,
    value: f.data,
  })),
})

/**
 * The Chart of a hapi.chart.Chart message, loaded as the chart loader loads files (values parsed,
 * requirements and lock read from their files). Errors: those of `loadChartFromFiles`.
 */
export const fromProtoChart = (p: ProtoChart): E.Either<ChartReadError, Chart> => {
  const metadata = fromProtoMetadata(p.metadata ?? {})
  const raw = p.values?.raw ?? ''
  const files: ChartFile[] = [{ path: 'Chart.yaml', data: Buffer.from(marshalChartFile(metadata)) }]
  if (raw !== '') files.push({ path: 'values.yaml', data: Buffer.from(raw) })
  for (const f of p.files ?? []) files.push({ path: f.type_url ?? '', data: bytes(f.value) })
  const loaded = loadChartFromFiles(
    files.filter((f) => !f.path.startsWith('charts/')),
    metadata.name,
    { applyIgnore: false },
  )
  if (E.isLeft(loaded)) return loaded
  const deps: Chart[] = []
  for (const d of p.dependencies ?? []) {
    const sub = fromProtoChart(d)
    if (E.isLeft(sub)) return sub
    deps.push(sub.right)
  }
  const templates = (p.templates ?? []).map((t) => ({ path: t.name ?? '', data: bytes(t.data) }))
  return E.right({ ...loaded.right, metadata, templates, dependencies: deps })
}
