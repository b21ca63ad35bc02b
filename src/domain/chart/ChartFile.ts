import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import type { ChartReadError } from './ChartError'
import { parseYamlTyped } from '../yaml/Read'
import type { Dependency, Lock, Metadata } from './Chart'
import { invalidChartFile } from './ChartError'
import { yamlTypeError } from '../yaml/YamlError'
import { GoBool, GoString, nullable } from './GoString'

const strings = nullable(t.array(GoString))

const ImportValueC = t.union([GoString, t.type({ child: GoString, parent: GoString })])

// t.exact: Helm ignores keys it does not know.
const DependencyC = t.intersection([
  t.exact(t.type({ name: nullable(GoString) })),
  t.exact(
    t.partial({
      version: nullable(GoString),
      repository: nullable(GoString),
      condition: nullable(GoString),
      tags: strings,
      enabled: nullable(GoBool),
      'import-values': nullable(t.array(ImportValueC)),
      alias: nullable(GoString),
    }),
  ),
])

const MaintainerC = t.exact(t.partial({ name: nullable(GoString), email: nullable(GoString), url: nullable(GoString) }))

const MetadataC = t.exact(
  t.partial({
    apiVersion: nullable(GoString),
    name: nullable(GoString),
    version: nullable(GoString),
    kubeVersion: nullable(GoString),
    description: nullable(GoString),
    type: nullable(GoString),
    keywords: strings,
    home: nullable(GoString),
    sources: strings,
    dependencies: nullable(t.array(nullable(DependencyC))),
    maintainers: nullable(t.array(nullable(MaintainerC))),
    icon: nullable(GoString),
    appVersion: nullable(GoString),
    deprecated: nullable(GoBool),
    annotations: nullable(t.record(t.string, GoString)),
    engine: nullable(GoString),
    tillerVersion: nullable(GoString),
    condition: nullable(GoString),
    tags: nullable(GoString),
  }),
)

const LockC = t.exact(
  t.partial({
    generated: nullable(GoString),
    digest: nullable(GoString),
    dependencies: nullable(t.array(nullable(DependencyC))),
  }),
)

const RequirementsC = t.exact(t.partial({ dependencies: nullable(t.array(nullable(DependencyC))) }))

/** Drops undefined fields so decoded records compare and serialise cleanly. */
const compact = <A extends object>(a: A): A =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as A

// Go's `omitempty` writes an empty list as nothing, so `maintainers: []` and no key are the same chart.
const nonEmpty = <A>(xs: ReadonlyArray<A> | undefined): ReadonlyArray<A> | undefined =>
  xs === undefined || xs.length === 0 ? undefined : xs

const describe = (u: unknown): string =>
  u === null
    ? 'null'
    : Array.isArray(u)
      ? 'array'
      : typeof u === 'object'
        ? 'object'
        : typeof u === 'boolean'
          ? 'bool'
          : typeof u === 'string'
            ? 'string'
            : 'number'

// Worded like encoding/json's UnmarshalTypeError, which is what Helm prints for a mistyped field.
const problems = (struct: string, errs: t.Errors): ReadonlyArray<string> =>
  errs.map((e) => {
    const keys = e.context
      .slice(1)
      .map((c) => c.key)
      .filter((k) => k !== '' && !/^\d+$/.test(k))
    const expected = e.context[e.context.length - 1]?.type.name ?? 'value'
    return `json: cannot unmarshal ${describe(e.value)} into Go struct field ${[struct, ...keys].join('.')} of type ${expected}`
  })

const toDependency = (d: t.TypeOf<typeof DependencyC>): Dependency =>
  compact({
    name: d.name ?? '',
    version: d.version,
    repository: d.repository,
    condition: d.condition,
    tags: d.tags,
    enabled: d.enabled,
    importValues: d['import-values'],
    alias: d.alias,
  })

const toDependencies = (ds: ReadonlyArray<t.TypeOf<typeof DependencyC> | undefined> | undefined) =>
  (ds ?? []).filter((d): d is t.TypeOf<typeof DependencyC> => d !== undefined).map(toDependency)

const decodeYaml = <A>(path: string, text: string, codec: t.Type<A, unknown, unknown>, struct: string) =>
  pipe(
    parseYamlTyped(path, text),
    E.chain((doc): E.Either<ChartReadError, A> => {
      const v = doc ?? {}
      if (typeof v !== 'object' || Array.isArray(v))
        return E.left(
          yamlTypeError(
            path,
            `error unmarshaling JSON: json: cannot unmarshal ${describe(v)} into Go value of type ${struct}`,
          ),
        )
      return pipe(
        codec.decode(v),
        E.mapLeft((errs) => invalidChartFile(path, problems(struct, errs))),
      )
    }),
  )

/**
 * Decodes Chart.yaml text into Metadata with Helm's quirks (numbers and bools in string fields become
 * Go text, unknown keys ignored, `apiVersion` defaults to "v1"). Does not validate: see `validateMetadata`.
 * Errors: YamlParseError, YamlTypeError, InvalidChartFile (a field of the wrong type).
 */
export const decodeChartFile = (path: string, text: string): E.Either<ChartReadError, Metadata> =>
  pipe(
    decodeYaml(path, text, MetadataC, 'chart.Metadata'),
    E.map(
      (m) =>
        compact({
          ...m,
          apiVersion: m.apiVersion || 'v1',
          name: m.name ?? '',
          version: m.version ?? '',
          keywords: nonEmpty(m.keywords),
          sources: nonEmpty(m.sources),
          dependencies: nonEmpty(m.dependencies ? toDependencies(m.dependencies) : undefined),
          maintainers: nonEmpty(m.maintainers?.filter((x): x is NonNullable<typeof x> => x !== undefined).map(compact)),
        }) as Metadata,
    ),
  )

/** Decodes requirements.yaml (`dependencies:` list). Errors: YamlParseError, YamlTypeError, InvalidChartFile. */
export const decodeRequirements = (path: string, text: string): E.Either<ChartReadError, ReadonlyArray<Dependency>> =>
  pipe(
    decodeYaml(path, text, RequirementsC, 'chartutil.Requirements'),
    E.map((r) => toDependencies(r.dependencies)),
  )

/** Decodes requirements.lock / Chart.lock. Errors: YamlParseError, YamlTypeError, InvalidChartFile. */
export const decodeLock = (path: string, text: string): E.Either<ChartReadError, Lock> =>
  pipe(
    decodeYaml(path, text, LockC, 'chart.Lock'),
    E.map((l) => ({
      generated: l.generated ?? '',
      digest: l.digest ?? '',
      dependencies: toDependencies(l.dependencies),
    })),
  )

/**
 * A Dependency as Helm marshals it (Go json tags): `name` and `repository` always, the other fields
 * only when set (omitempty: empty strings, empty lists and `enabled: false` are left out).
 */
export const encodeDependency = (d: Dependency): Record<string, unknown> => {
  const out: Record<string, unknown> = { name: d.name }
  if (d.version) out.version = d.version
  out.repository = d.repository ?? ''
  if (d.condition) out.condition = d.condition
  if (d.tags?.length) out.tags = d.tags
  if (d.enabled) out.enabled = d.enabled
  if (d.importValues?.length) out['import-values'] = d.importValues
  if (d.alias) out.alias = d.alias
  return out
}
