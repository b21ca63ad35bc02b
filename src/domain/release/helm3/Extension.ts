// Beyond Helm: the `wheelhouse` fields of a Helm 3 record (one in the release, one in each chart) hold what
// Helm v2's model has and Helm 3's has not: the lock of a running operation, the user's values and the
// chart's values.yaml as written, subcharts, Helm v2's chart fields, hook delete timeouts, the last test
// suite. Go's encoding/json ignores unknown fields, so Helm 4 reads such a record as its own; a record Helm
// rewrites loses them, as its own records lose the same things. Each is written only when the Helm 3 form
// alone would not give it back.
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'

const TimeText = t.string

const TestRunC = t.intersection([
  t.type({
    name: t.string,
    status: t.keyof({ UNKNOWN: null, SUCCESS: null, FAILURE: null, RUNNING: null }),
    info: t.string,
  }),
  t.partial({ started_at: TimeText, completed_at: TimeText }),
])

export const ReleaseExtensionC = t.partial({
  lock: t.type({ timeout: t.number, holder: t.string, session: t.string }),
  /** Config.raw (the user's values as YAML) when not the YAML of `config`. */
  config: t.string,
  testSuite: t.intersection([
    t.type({ results: t.array(TestRunC) }),
    t.partial({ started_at: TimeText, completed_at: TimeText }),
  ]),
  /** Each hook's delete timeout (seconds), when one is not Helm v2's default. */
  deleteTimeouts: t.array(t.number),
})
export type ReleaseExtension = t.TypeOf<typeof ReleaseExtensionC>

/** chart/Chart's Dependency as it is (not Helm's JSON of it). */
const DependencyC = t.intersection([
  t.type({ name: t.string }),
  t.partial({
    version: t.string,
    repository: t.string,
    condition: t.string,
    tags: t.array(t.string),
    enabled: t.boolean,
    importValues: t.array(t.union([t.string, t.type({ child: t.string, parent: t.string })])),
    alias: t.string,
  }),
])

export const ChartExtensionC = t.partial({
  /** values.yaml as written, when not the YAML of `values`. */
  values: t.string,
  engine: t.string,
  tillerVersion: t.string,
  /** The chart's declared dependencies, when requirements.yaml / Chart.yaml's `dependencies` do not give them. */
  requirements: t.array(DependencyC),
  /** Chart.lock's `generated` as written, when Go could not read it as a time. */
  lockGenerated: t.string,
  /** The subcharts (charts/), each a chart as the record holds one. */
  charts: t.array(t.unknown),
})
export type ChartExtension = t.TypeOf<typeof ChartExtensionC>

/** The extension decoded, or none when absent or not of its shape (a record is never refused for it). */
export const readExtension = <A>(codec: t.Type<A, unknown, unknown>, u: unknown): A | undefined => {
  if (u === undefined || u === null) return undefined
  const r = codec.decode(u)
  return E.isRight(r) ? r.right : undefined
}

/** An object without its undefined fields and without the empty ones (undefined when nothing is left). */
export const compactExtension = <A extends object>(
  a: { readonly [K in keyof A]?: A[K] | undefined },
): A | undefined => {
  const entries = Object.entries(a).filter(([, v]) => v !== undefined)
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as A)
}
