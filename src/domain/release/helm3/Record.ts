// The JSON of Helm 3/4's release record (helm.sh/helm/v4 pkg/release/v1 Release, Info, Hook, HookExecution;
// pkg/chart/v2 Chart, Metadata, Dependency, Lock; pkg/chart/common File): its shape, checked with io-ts
// where the record is read, and its text, written field by field in Go's declaration order with each
// field's omitempty/omitzero rule, so that a record Helm wrote is written back byte for byte.
import * as t from 'io-ts'
import type { Value } from '../../go/Value'
import { parseGoTime } from './GoTime'
import { jsonOf, jsonStruct } from './GoJson'

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null])

/** An RFC 3339 time as Go reads it; `""` is Helm's zero time too (Info and HookExecution UnmarshalJSON). */
const GoTimeText = new t.Type<string, string, unknown>(
  'GoTime',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' && (u === '' || parseGoTime(u) !== undefined) ? t.success(u) : t.failure(u, c)),
  t.identity,
)

/** `[]byte` as Go's encoding/json carries it: standard base64 with padding. */
const Base64 = new t.Type<string, string, unknown>(
  'base64',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && u.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(u) ? t.success(u) : t.failure(u, c),
  t.identity,
)

/** A Go `int` (JSON numbers with a fraction or beyond 2^53 are refused). */
const GoIntNumber = new t.Type<number, number, unknown>(
  'int',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)

/** A `map[string]interface{}` (config, values, resources) as readJson gives it. */
const GoMapValue = new t.Type<Record<string, Value>, Record<string, Value>, unknown>(
  'map[string]interface{}',
  (u): u is Record<string, Value> => typeof u === 'object' && u !== null && !Array.isArray(u),
  (u, c) =>
    typeof u === 'object' && u !== null && !Array.isArray(u) && Object.getPrototypeOf(u) === Object.prototype
      ? t.success(u as Record<string, Value>)
      : t.failure(u, c),
  t.identity,
)

const Strings = nullable(t.array(t.string))
const StringMap = nullable(t.record(t.string, t.string))

export const FileC = t.partial({ name: nullable(t.string), data: nullable(Base64), modtime: nullable(GoTimeText) })
export const DependencyC = t.partial({
  name: nullable(t.string),
  version: nullable(t.string),
  repository: nullable(t.string),
  condition: nullable(t.string),
  tags: Strings,
  enabled: nullable(t.boolean),
  'import-values': nullable(t.array(t.unknown)),
  alias: nullable(t.string),
})
export const MetadataC = t.partial({
  name: nullable(t.string),
  home: nullable(t.string),
  sources: Strings,
  version: nullable(t.string),
  description: nullable(t.string),
  keywords: Strings,
  maintainers: nullable(
    t.array(nullable(t.partial({ name: nullable(t.string), email: nullable(t.string), url: nullable(t.string) }))),
  ),
  icon: nullable(t.string),
  apiVersion: nullable(t.string),
  condition: nullable(t.string),
  tags: nullable(t.string),
  appVersion: nullable(t.string),
  deprecated: nullable(t.boolean),
  annotations: StringMap,
  kubeVersion: nullable(t.string),
  dependencies: nullable(t.array(nullable(DependencyC))),
  type: nullable(t.string),
})
export const LockC = t.partial({
  generated: nullable(GoTimeText),
  digest: nullable(t.string),
  dependencies: nullable(t.array(nullable(DependencyC))),
})
export const ChartC = t.partial({
  metadata: nullable(MetadataC),
  lock: nullable(LockC),
  templates: nullable(t.array(nullable(FileC))),
  values: nullable(GoMapValue),
  schema: nullable(Base64),
  schemamodtime: nullable(GoTimeText),
  files: nullable(t.array(nullable(FileC))),
  modtime: nullable(GoTimeText),
  /** Beyond Helm: what Helm v2's chart holds that Helm 3's does not (see Extension.ts); Helm ignores it. */
  wheelhouse: t.unknown,
})
export const HookC = t.partial({
  name: nullable(t.string),
  kind: nullable(t.string),
  path: nullable(t.string),
  manifest: nullable(t.string),
  events: Strings,
  last_run: nullable(
    t.partial({ started_at: nullable(GoTimeText), completed_at: nullable(GoTimeText), phase: nullable(t.string) }),
  ),
  weight: nullable(GoIntNumber),
  delete_policies: Strings,
  output_log_policies: Strings,
})
export const InfoC = t.partial({
  first_deployed: nullable(GoTimeText),
  last_deployed: nullable(GoTimeText),
  deleted: nullable(GoTimeText),
  description: nullable(t.string),
  status: nullable(t.string),
  notes: nullable(t.string),
  resources: nullable(GoMapValue),
})
export const ReleaseC = t.partial({
  name: nullable(t.string),
  info: nullable(InfoC),
  chart: nullable(ChartC),
  config: nullable(GoMapValue),
  manifest: nullable(t.string),
  hooks: nullable(t.array(nullable(HookC))),
  version: nullable(GoIntNumber),
  namespace: nullable(t.string),
  apply_method: nullable(t.string),
  /** Beyond Helm: what Helm v2's release holds that Helm 3's does not (see Extension.ts); Helm ignores it. */
  wheelhouse: t.unknown,
})

export type FileJson = t.TypeOf<typeof FileC>
export type DependencyJson = t.TypeOf<typeof DependencyC>
export type MetadataJson = t.TypeOf<typeof MetadataC>
export type LockJson = t.TypeOf<typeof LockC>
export type ChartJson = t.TypeOf<typeof ChartC>
export type HookJson = t.TypeOf<typeof HookC>
export type InfoJson = t.TypeOf<typeof InfoC>
export type ReleaseJson = t.TypeOf<typeof ReleaseC>

// --- writing: `omitempty` leaves out "", 0, false, nil and empty slices and maps; `omitzero` a zero time

type Maybe<A> = A | null | undefined
const str = (s: Maybe<string>): string | undefined => (s ? jsonOf(s) : undefined)
const strAlways = (s: Maybe<string>): string => jsonOf(s ?? '')
const list = <A>(xs: Maybe<ReadonlyArray<A>>, f: (a: A) => string): string | undefined =>
  xs?.length ? `[${xs.map(f).join(',')}]` : undefined
const listOrNull = <A>(xs: Maybe<ReadonlyArray<A>>, f: (a: A) => string): string =>
  xs == null ? 'null' : `[${xs.map(f).join(',')}]`
const map = (m: Maybe<Readonly<Record<string, unknown>>>): string | undefined =>
  m && Object.keys(m).length > 0 ? jsonOf(m as Value) : undefined
const time = (s: Maybe<string>): string | undefined => (s ? jsonOf(s) : undefined)
const opt = <A>(a: Maybe<A>, f: (a: A) => string): string | undefined => (a == null ? undefined : f(a))

const writeDependency = (d: Maybe<DependencyJson>): string =>
  d == null
    ? 'null'
    : jsonStruct([
        ['name', strAlways(d.name)],
        ['version', str(d.version)],
        ['repository', strAlways(d.repository)],
        ['condition', str(d.condition)],
        ['tags', list(d.tags, jsonOf)],
        ['enabled', d.enabled ? 'true' : undefined],
        ['import-values', d['import-values']?.length ? jsonOf(d['import-values'] as Value) : undefined],
        ['alias', str(d.alias)],
      ])

/** The JSON text of chart metadata, as Helm 4.1.4's `json.Marshal(chart.Metadata)` writes it. */
export const writeMetadata = (m: MetadataJson): string =>
  jsonStruct([
    ['name', str(m.name)],
    ['home', str(m.home)],
    ['sources', list(m.sources, jsonOf)],
    ['version', str(m.version)],
    ['description', str(m.description)],
    ['keywords', list(m.keywords, jsonOf)],
    [
      'maintainers',
      list(m.maintainers, (x) =>
        x == null
          ? 'null'
          : jsonStruct([
              ['name', str(x.name)],
              ['email', str(x.email)],
              ['url', str(x.url)],
            ]),
      ),
    ],
    ['icon', str(m.icon)],
    ['apiVersion', str(m.apiVersion)],
    ['condition', str(m.condition)],
    ['tags', str(m.tags)],
    ['appVersion', str(m.appVersion)],
    ['deprecated', m.deprecated ? 'true' : undefined],
    ['annotations', map(m.annotations)],
    ['kubeVersion', str(m.kubeVersion)],
    ['dependencies', list(m.dependencies, writeDependency)],
    ['type', str(m.type)],
  ])

const writeFile = (f: Maybe<FileJson>): string =>
  f == null
    ? 'null'
    : jsonStruct([
        ['name', strAlways(f.name)],
        ['data', f.data == null ? 'null' : jsonOf(f.data)],
        ['modtime', time(f.modtime)],
      ])

/** The JSON text of a chart (`wheelhouse`, when set, is a Go value written last). */
export const writeChart = (c: ChartJson): string =>
  jsonStruct([
    ['metadata', c.metadata == null ? 'null' : writeMetadata(c.metadata)],
    [
      'lock',
      c.lock == null
        ? 'null'
        : jsonStruct([
            ['generated', jsonOf(c.lock.generated || '0001-01-01T00:00:00Z')],
            ['digest', strAlways(c.lock.digest)],
            ['dependencies', listOrNull(c.lock.dependencies, writeDependency)],
          ]),
    ],
    ['templates', listOrNull(c.templates, writeFile)],
    ['values', c.values == null ? 'null' : jsonOf(c.values)],
    ['schema', c.schema == null ? 'null' : jsonOf(c.schema)],
    ['schemamodtime', jsonOf(c.schemamodtime || '0001-01-01T00:00:00Z')],
    ['files', listOrNull(c.files, writeFile)],
    ['modtime', time(c.modtime)],
    ['wheelhouse', opt(c.wheelhouse as Value, jsonOf)],
  ])

const writeHook = (h: Maybe<HookJson>): string =>
  h == null
    ? 'null'
    : jsonStruct([
        ['name', str(h.name)],
        ['kind', str(h.kind)],
        ['path', str(h.path)],
        ['manifest', str(h.manifest)],
        ['events', list(h.events, jsonOf)],
        [
          'last_run',
          jsonStruct([
            ['started_at', time(h.last_run?.started_at)],
            ['completed_at', time(h.last_run?.completed_at)],
            ['phase', strAlways(h.last_run?.phase)],
          ]),
        ],
        ['weight', h.weight ? String(h.weight) : undefined],
        ['delete_policies', list(h.delete_policies, jsonOf)],
        ['output_log_policies', list(h.output_log_policies, jsonOf)],
      ])

/** The JSON text of a release record, as Helm 4.1.4's `json.Marshal(rls)` writes it. */
export const writeRelease = (r: ReleaseJson): string =>
  jsonStruct([
    ['name', str(r.name)],
    [
      'info',
      opt(r.info, (i) =>
        jsonStruct([
          ['first_deployed', time(i.first_deployed)],
          ['last_deployed', time(i.last_deployed)],
          ['deleted', time(i.deleted)],
          ['description', str(i.description)],
          ['status', str(i.status)],
          ['notes', str(i.notes)],
          ['resources', map(i.resources)],
        ]),
      ),
    ],
    ['chart', opt(r.chart, writeChart)],
    ['config', map(r.config)],
    ['manifest', str(r.manifest)],
    ['hooks', list(r.hooks, writeHook)],
    ['version', r.version ? String(r.version) : undefined],
    ['namespace', str(r.namespace)],
    ['apply_method', str(r.apply_method)],
    ['wheelhouse', opt(r.wheelhouse as Value, jsonOf)],
  ])
