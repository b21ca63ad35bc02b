// A chart as a Helm 3/4 record holds it (pkg/chart/v2 Chart as JSON) and back. Helm 3 keeps no subcharts,
// no values.yaml text and no Helm v2 fields (engine, tillerVersion): those travel in the chart's extension.
import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import type { Chart, ChartFile, Dependency, Lock, Metadata } from '../../chart/Chart'
import { decodeRequirements } from '../../chart/ChartFile'
import type { GoMap, Value } from '../../go/Value'
import { parseYamlTyped } from '../../yaml/Read'
import { toYamlString } from '../../yaml/Write'
import type { Helm3ChartResidue } from '../Helm3Residue'
import { type ChartExtension, ChartExtensionC, compactExtension, readExtension } from './Extension'
import { formatGoTime, goZeroTime, parseGoTime } from './GoTime'
import { jsonOf } from './GoJson'
import { ChartC, type ChartJson, type DependencyJson, type FileJson, type MetadataJson } from './Record'

type Maybe<A> = A | null | undefined
const some = <A>(xs: Maybe<ReadonlyArray<A>>): ReadonlyArray<A> | undefined => (xs?.length ? xs : undefined)
const compact = <A extends object>(a: A): A =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined && v !== null && v !== '')) as A

/** The YAML Helm prints for a values map (`helm get values`): sigs.k8s.io/yaml; "" for an empty one. */
export const valuesYaml = (m: GoMap): string => (Object.keys(m).length === 0 ? '' : toYamlString(m))

/** The values a YAML text holds, integers exact (so that a map written back spells its numbers as read). */
export const yamlValues = (raw: string): GoMap | undefined => {
  const v = parseYamlTyped('values', raw)
  if (E.isLeft(v)) return undefined
  const m = v.right ?? {}
  return typeof m === 'object' && !Array.isArray(m) && !(m instanceof Uint8Array) ? (m as GoMap) : undefined
}

/** Whether `raw` holds exactly the values `m` (as JSON sees them). */
const holds = (raw: string, m: GoMap): boolean => {
  const parsed = yamlValues(raw)
  return parsed !== undefined && jsonOf(parsed) === jsonOf(m)
}

const bytes = (b64: Maybe<string>): Uint8Array => {
  const b = Buffer.from(b64 ?? '', 'base64')
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
}

const toDependency = (d: DependencyJson): Dependency =>
  compact({
    name: d.name ?? '',
    version: d.version,
    repository: d.repository,
    condition: d.condition,
    tags: some(d.tags),
    enabled: d.enabled ?? undefined,
    importValues: some(d['import-values'] as Dependency['importValues']),
    alias: d.alias,
  }) as Dependency

const fromDependency = (d: Dependency): DependencyJson => ({
  name: d.name,
  version: d.version ?? '',
  repository: d.repository ?? '',
  condition: d.condition ?? '',
  tags: d.tags ? [...d.tags] : null,
  enabled: d.enabled ?? false,
  'import-values': d.importValues ? [...d.importValues] : null,
  alias: d.alias ?? '',
})

const dependencies = (ds: Maybe<ReadonlyArray<Maybe<DependencyJson>>>): Dependency[] =>
  (ds ?? []).filter((d): d is DependencyJson => d != null).map(toDependency)

const toMetadata = (m: MetadataJson, ext: ChartExtension | undefined): Metadata =>
  compact({
    apiVersion: m.apiVersion || 'v1',
    name: m.name ?? '',
    version: m.version ?? '',
    kubeVersion: m.kubeVersion,
    description: m.description,
    type: m.type,
    keywords: some(m.keywords),
    home: m.home,
    sources: some(m.sources),
    dependencies: some(dependencies(m.dependencies)),
    maintainers: some(
      (m.maintainers ?? []).filter((x) => x != null).map((x) => compact({ name: x.name, email: x.email, url: x.url })),
    ),
    icon: m.icon,
    appVersion: m.appVersion,
    deprecated: m.deprecated || undefined,
    annotations: m.annotations && Object.keys(m.annotations).length > 0 ? m.annotations : undefined,
    engine: ext?.engine,
    tillerVersion: ext?.tillerVersion,
    condition: m.condition,
    tags: m.tags,
  }) as Metadata

/** Metadata as Helm 4's chart.Metadata holds it (Go zero values for absent fields). */
export const fromMetadata = (m: Metadata): MetadataJson => ({
  name: m.name,
  home: m.home ?? '',
  sources: m.sources ? [...m.sources] : null,
  version: m.version,
  description: m.description ?? '',
  keywords: m.keywords ? [...m.keywords] : null,
  maintainers: m.maintainers ? m.maintainers.map((x) => ({ ...x })) : null,
  icon: m.icon ?? '',
  apiVersion: m.apiVersion,
  condition: m.condition ?? '',
  tags: m.tags ?? '',
  appVersion: m.appVersion ?? '',
  deprecated: m.deprecated ?? false,
  annotations: m.annotations ? { ...m.annotations } : null,
  kubeVersion: m.kubeVersion ?? '',
  dependencies: m.dependencies ? m.dependencies.map(fromDependency) : null,
  type: m.type ?? '',
})

/** The declared dependencies as the chart loader finds them: Chart.yaml's (v2) or requirements.yaml's. */
const declared = (metadata: Metadata, files: ReadonlyArray<ChartFile>): ReadonlyArray<Dependency> => {
  const file = files.find((f) => f.path === 'requirements.yaml')
  const fromFile = file ? decodeRequirements('requirements.yaml', Buffer.from(file.data).toString('utf8')) : undefined
  const v1 = fromFile && E.isRight(fromFile) ? fromFile.right : undefined
  return metadata.apiVersion === 'v2' ? (metadata.dependencies ?? v1 ?? []) : (v1 ?? [])
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** A chart of a record: the Chart and what only the record spells (see Helm3ChartResidue). Errors: a reason. */
export const chartOfJson = (
  j: ChartJson,
): E.Either<string, { readonly chart: Chart; readonly residue: Helm3ChartResidue | undefined }> => {
  if (j.metadata == null) return E.left('chart has no metadata')
  const ext = readExtension(ChartExtensionC, j.wheelhouse)
  const metadata = toMetadata(j.metadata, ext)
  const fileTimes: Record<string, string> = {}
  const files = (fs: Maybe<ReadonlyArray<Maybe<FileJson>>>): ChartFile[] =>
    (fs ?? [])
      .filter((f): f is FileJson => f != null)
      .map((f) => {
        const path = f.name ?? ''
        if (f.modtime) fileTimes[path] = f.modtime
        return { path, data: bytes(f.data) }
      })
  const templates = files(j.templates)
  const other = files(j.files)
  const values = (j.values ?? {}) as GoMap
  // a chart built in code may hold its values as the map alone (rawValues ""), as toProtoChart allows
  const rawValues =
    ext?.values !== undefined && (ext.values === '' || holds(ext.values, values)) ? ext.values : valuesYaml(values)
  const subcharts: Chart[] = []
  for (const u of ext?.charts ?? []) {
    const sub = ChartC.decode(u)
    if (E.isLeft(sub)) return E.left(`subchart of ${metadata.name} is not a chart`)
    const c = chartOfJson(sub.right)
    if (E.isLeft(c)) return c
    subcharts.push(c.right.chart)
  }
  const lock: Lock | undefined =
    j.lock == null
      ? undefined
      : {
          generated: ext?.lockGenerated ?? j.lock.generated ?? '',
          digest: j.lock.digest ?? '',
          dependencies: dependencies(j.lock.dependencies),
        }
  const requirements: ReadonlyArray<Dependency> = ext?.requirements ?? declared(metadata, other)
  const chart: Chart = {
    metadata,
    requirements,
    ...(lock ? { lock } : {}),
    templates,
    values,
    rawValues,
    ...(j.schema != null ? { schema: bytes(j.schema) } : {}),
    files: other,
    dependencies: subcharts,
  }
  const emptyAs: Record<string, 'null' | 'empty'> = {}
  if (j.templates != null && j.templates.length === 0) emptyAs.templates = 'empty'
  if (j.files != null && j.files.length === 0) emptyAs.files = 'empty'
  if (j.values != null && Object.keys(j.values).length === 0 && rawValues === '') emptyAs.values = 'empty'
  const residue = compactExtension<Helm3ChartResidue>({
    modTime: j.modtime || undefined,
    schemaModTime: j.schemamodtime && j.schemamodtime !== goZeroTime ? j.schemamodtime : undefined,
    fileModTimes: Object.keys(fileTimes).length > 0 ? fileTimes : undefined,
    emptyAs: Object.keys(emptyAs).length > 0 ? emptyAs : undefined,
  })
  return E.right({ chart, residue })
}

/** Go's spelling of Chart.lock's `generated`, or undefined when Go cannot read it as a time. */
const lockTime = (s: string): string | undefined => {
  const t = parseGoTime(s)
  return t === undefined ? undefined : formatGoTime(t)
}

/** The record form of a chart; `residue` (the top chart's) puts back what only a record read from Helm spelled. */
export const chartJsonOf = (c: Chart, residue?: Helm3ChartResidue): ChartJson => {
  const times = residue?.fileModTimes ?? {}
  const files = (fs: ReadonlyArray<ChartFile>, key: 'templates' | 'files'): FileJson[] | null =>
    fs.length === 0 && residue?.emptyAs?.[key] !== 'empty'
      ? null
      : fs.map((f) => ({
          name: f.path,
          data: Buffer.from(f.data).toString('base64'),
          ...(times[f.path] ? { modtime: times[f.path] } : {}),
        }))
  const empty = Object.keys(c.values).length === 0
  const generated = c.lock ? lockTime(c.lock.generated) : undefined
  const metadata = fromMetadata(c.metadata)
  const requirements = declared(c.metadata, c.files)
  const ext = compactExtension<ChartExtension>({
    values: c.rawValues === valuesYaml(c.values) ? undefined : c.rawValues,
    engine: c.metadata.engine,
    tillerVersion: c.metadata.tillerVersion,
    requirements: sameJson(requirements, c.requirements)
      ? undefined
      : (c.requirements.map((d) => compact({ ...d })) as unknown as ChartExtension['requirements']),
    lockGenerated: c.lock && generated === undefined ? c.lock.generated : undefined,
    charts: c.dependencies.length > 0 ? c.dependencies.map((d) => chartJsonOf(d)) : undefined,
  })
  return {
    metadata,
    lock: c.lock
      ? {
          generated: generated ?? goZeroTime,
          digest: c.lock.digest,
          dependencies: c.lock.dependencies.map(fromDependency),
        }
      : null,
    templates: files(c.templates, 'templates'),
    // Helm's loader leaves the values of a chart without values.yaml nil
    values:
      empty && c.rawValues === '' && residue?.emptyAs?.values !== 'empty' ? null : (c.values as Record<string, Value>),
    schema: c.schema ? Buffer.from(c.schema).toString('base64') : null,
    schemamodtime: residue?.schemaModTime ?? goZeroTime,
    files: files(c.files, 'files'),
    ...(residue?.modTime ? { modtime: residue.modTime } : {}),
    ...(ext ? { wheelhouse: ext as unknown as Value } : {}),
  }
}
