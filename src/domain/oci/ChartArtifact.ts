// A chart as Helm 4.1.4 stores it in a registry (pkg/registry/client.go Push, chart.go): the archive as one layer,
// its .prov as another, the chart's metadata as the config blob, annotations drawn from Chart.yaml.
import type { Chart, Maintainer, Metadata } from '../chart/Chart'
import { fromMetadata } from '../release/helm3/ChartRecord'
import { writeMetadata } from '../release/helm3/Record'
import { type Blob, blobOf, digestOf, type Manifest, MediaTypes, manifestBytes } from './Manifest'

// Go's unicode.IsSpace (Latin-1 spaces and the Z category) and unicode.IsPrint (L, M, N, P, S and ' ')
const SPACE = /[\t\n\v\f\r \u0085\u00a0\p{Z}]/u
const PRINT = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u

/** Helm 4's sanitizeString: spaces become ' ', unprintable characters are dropped. */
export const sanitizeString = (s: string): string =>
  Array.from(s, (c) => (SPACE.test(c) ? ' ' : PRINT.test(c) ? c : '')).join('')

const clean = (s: string | undefined): string | undefined => (s === undefined ? undefined : sanitizeString(s))
const cleanMaintainer = (m: Maintainer): Maintainer => ({
  ...(m.name !== undefined ? { name: sanitizeString(m.name) } : {}),
  ...(m.email !== undefined ? { email: sanitizeString(m.email) } : {}),
  ...(m.url !== undefined ? { url: sanitizeString(m.url) } : {}),
})

/**
 * The metadata Helm 4's loader leaves on a chart: Metadata.Validate's sanitizing applied, and the dependencies of
 * requirements.yaml (apiVersion v1) in Metadata.Dependencies as the loader puts them there.
 */
export const loadedMetadata = (chart: Chart): Metadata => {
  const m = chart.metadata
  const out: Record<string, unknown> = { ...m }
  for (const k of ['name', 'description', 'home', 'icon', 'condition', 'tags', 'appVersion', 'kubeVersion'] as const)
    if (m[k] !== undefined) out[k] = clean(m[k])
  if (m.sources) out.sources = m.sources.map(sanitizeString)
  if (m.keywords) out.keywords = m.keywords.map(sanitizeString)
  if (m.maintainers) out.maintainers = m.maintainers.map(cleanMaintainer)
  if (chart.requirements.length > 0) out.dependencies = chart.requirements
  return out as unknown as Metadata
}

/** The config blob's JSON: `json.Marshal(chart.Metadata)`. */
export const chartConfigJson = (m: Metadata): string => writeMetadata(fromMetadata(m))

// Go's strings.TrimSpace: unicode.IsSpace at both ends
const goTrim = (s: string): string =>
  s.replace(/^[\t\n\v\f\r \u0085\u00a0\p{Z}]+|[\t\n\v\f\r \u0085\u00a0\p{Z}]+$/gu, '')

/**
 * The manifest annotations Helm writes (generateOCIAnnotations): description, title, version, url, created, source
 * (the first), authors ("Name (email), ..."), each only when not blank; then the chart's own annotations, which may
 * replace any of them but the title and the version. `created` is RFC 3339.
 */
export const chartAnnotations = (m: Metadata, created: string): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  const add = (k: string, v: string | undefined): void => {
    if (v !== undefined && goTrim(v).length > 0) out[k] = v
  }
  add('org.opencontainers.image.description', m.description)
  add('org.opencontainers.image.title', m.name)
  add('org.opencontainers.image.version', m.version)
  add('org.opencontainers.image.url', m.home)
  add('org.opencontainers.image.created', created)
  if (m.sources && m.sources.length > 0) add('org.opencontainers.image.source', m.sources[0])
  if (m.maintainers && m.maintainers.length > 0)
    add(
      'org.opencontainers.image.authors',
      m.maintainers.map((x) => `${x.name ?? ''}${x.email ? ` (${x.email})` : ''}`).join(', '),
    )
  for (const [k, v] of Object.entries(m.annotations ?? {}))
    if (k !== 'org.opencontainers.image.version' && k !== 'org.opencontainers.image.title') out[k] = v
  return out
}

/** What `helm push` uploads: the blobs (config first, then the layers) and the manifest that ties them. */
export interface ChartArtifact {
  readonly config: Blob
  readonly layers: ReadonlyArray<Blob>
  readonly manifest: Uint8Array
  readonly manifestDigest: string
}

/**
 * The artifact of a chart archive (its bytes and the chart loaded from them) and its .prov, as Helm 4 builds it:
 * layers sorted by digest (as ORAS v1 did, for determinism), `created` the archive's modification time.
 */
export const chartArtifact = (
  archive: Uint8Array,
  chart: Chart,
  prov: Uint8Array | undefined,
  created: string,
): ChartArtifact => {
  const meta = loadedMetadata(chart)
  const config = blobOf(MediaTypes.config, new TextEncoder().encode(chartConfigJson(meta)))
  const layers = [blobOf(MediaTypes.chart, archive), ...(prov ? [blobOf(MediaTypes.prov, prov)] : [])].sort((a, b) =>
    a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0,
  )
  const manifest: Manifest = { config, layers, annotations: chartAnnotations(meta, created) }
  const bytes = manifestBytes(manifest)
  return { config, layers, manifest: bytes, manifestDigest: digestOf(bytes) }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/** Go's `t.Format(time.RFC3339)` of a moment in a zone `offsetMinutes` east of UTC (`Z` for UTC). */
export const rfc3339 = (epochMs: number, offsetMinutes: number): string => {
  const d = new Date(epochMs + offsetMinutes * 60_000)
  const zone =
    offsetMinutes === 0
      ? 'Z'
      : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${zone}`
  )
}
