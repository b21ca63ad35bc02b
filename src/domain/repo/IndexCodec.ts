import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { firstProblem } from './Decode'

/** One chart version of a repository index: the chart's Chart.yaml fields plus where and when it was published. */
export interface ChartVersion {
  readonly name: string
  readonly version: string
  readonly urls: ReadonlyArray<string>
  readonly digest?: string
  readonly created?: string
  readonly removed?: boolean
  readonly appVersion?: string
  readonly description?: string
  readonly keywords?: ReadonlyArray<string>
  readonly apiVersion?: string
  readonly deprecated?: boolean
  readonly [field: string]: unknown
}

/** A repository's index.yaml: entries per chart name, each list newest first. */
export interface IndexFile {
  readonly apiVersion: string
  readonly generated: string
  readonly entries: Readonly<Record<string, ReadonlyArray<ChartVersion>>>
  readonly publicKeys?: ReadonlyArray<string>
}

// index.yaml is read with the YAML failsafe schema (the fast reader gives the same), so every scalar keeps its
// source text as Go's string fields do (a digest of digits with one `e` is no float, `version: 1.10` stays "1.10");
// the JSON forms (`repo index --json`, our compact cache) may hold numbers and booleans, read as their text.

/** A scalar as its text (string, or a JSON number/boolean). */
const Text = new t.Type<string, string, unknown>(
  'text',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string'
      ? t.success(u)
      : typeof u === 'number' || typeof u === 'boolean'
        ? t.success(String(u))
        : t.failure(u, c, 'expected a scalar'),
  t.identity,
)

/** A scalar with some text. */
const NonEmptyText = new t.Type<string, string, unknown>(
  'non-empty text',
  (u): u is string => typeof u === 'string' && u !== '',
  (u, c) =>
    pipe(
      Text.validate(u, c),
      E.chain((s) => (s === '' ? t.failure(u, c, 'expected a non-empty scalar') : t.success(s))),
    ),
  t.identity,
)

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

const ChartVersionHead = t.type({ name: NonEmptyText, version: NonEmptyText })

// Optional text fields: a value of the wrong kind is dropped, as Go leaves a field it cannot fill at its zero value
const TEXT_FIELDS = ['appVersion', 'description', 'digest', 'created', 'apiVersion'] as const
const FLAG_FIELDS = ['deprecated', 'removed'] as const

/**
 * One chart version of an index, with every Chart.yaml field it carries kept (for `repo index --merge`); Left
 * when it has no name or version (Helm 4 skips such an entry with a warning: the caller drops it).
 */
export const decodeChartVersion = (u: unknown): E.Either<t.Errors, ChartVersion> =>
  pipe(
    ChartVersionHead.decode(u),
    E.map(({ name, version }) => {
      const v = u as Record<string, unknown>
      const urls = Array.isArray(v.urls) ? v.urls.filter((x): x is string => typeof x === 'string') : []
      const out: Record<string, unknown> = { ...v, name, version, urls }
      for (const k of TEXT_FIELDS) {
        const s = Text.decode(v[k])
        if (E.isRight(s)) out[k] = s.right
        else delete out[k]
      }
      // failsafe YAML reads `true` as text
      for (const k of FLAG_FIELDS) {
        if (v[k] === 'true' || v[k] === true) out[k] = true
        else delete out[k]
      }
      if (Array.isArray(v.dependencies))
        out.dependencies = v.dependencies.map((d) =>
          isRecord(d) && typeof d.enabled === 'string' ? { ...d, enabled: d.enabled === 'true' } : d,
        )
      return out as ChartVersion
    }),
  )

/** `entries:` a mapping of chart name to versions (YAML `entries:` with nothing after it reads as empty). */
const Entries = new t.Type<Record<string, ReadonlyArray<unknown>>, unknown, unknown>(
  'mapping',
  (u): u is Record<string, ReadonlyArray<unknown>> => isRecord(u),
  (u, c) =>
    u === undefined || u === null || u === ''
      ? t.success({})
      : isRecord(u)
        ? t.success(Object.fromEntries(Object.entries(u).map(([k, v]) => [k, Array.isArray(v) ? v : []])))
        : t.failure(u, c, 'expected a mapping of chart names'),
  t.identity,
)

const IndexDoc = t.intersection([
  t.type({ apiVersion: NonEmptyText }),
  t.partial({ generated: Text, entries: Entries, publicKeys: t.unknown }),
])

/**
 * Decodes a parsed index document: needs a mapping with `apiVersion` (Helm's "no API version specified") and an
 * `entries` mapping; drops versions without a name or version. Left: the first problem, naming its key.
 */
export const decodeIndexDoc = (
  doc: unknown,
): E.Either<string, Omit<IndexFile, 'entries'> & { entries: Record<string, ChartVersion[]> }> => {
  if (!isRecord(doc)) return E.left('not a YAML mapping')
  if (doc.apiVersion === undefined || doc.apiVersion === null || doc.apiVersion === '')
    return E.left('no API version specified')
  return pipe(
    IndexDoc.decode(doc),
    E.mapLeft(firstProblem),
    E.map((d) => {
      const entries: Record<string, ChartVersion[]> = {}
      for (const [name, list] of Object.entries(d.entries ?? {}))
        entries[name] = list.flatMap((u) =>
          pipe(
            decodeChartVersion(u),
            E.match(
              () => [],
              (v) => [v],
            ),
          ),
        )
      const publicKeys = Array.isArray(d.publicKeys)
        ? d.publicKeys.filter((k): k is string => typeof k === 'string')
        : undefined
      return { apiVersion: d.apiVersion, generated: d.generated ?? '', entries, ...(publicKeys ? { publicKeys } : {}) }
    }),
  )
}

// The compact cache (JSON beside a cached index.yaml) is ours, but it is still bytes from disk: decoded the same
// way, under the key of the YAML it was built from (a stale or foreign file decodes as nothing).
const CompactCache = t.type({ key: t.string, index: t.unknown })

/** The compact cache text for `index` built from the YAML whose cache key is `key`. */
export const encodeCompactCache = (key: string, index: IndexFile): string => JSON.stringify({ key, index })

/** The index of a compact cache when its key is `key` and it decodes; undefined otherwise (rebuild it). */
export const decodeCompactCacheDoc = (key: string, doc: unknown): E.Either<string, unknown> =>
  pipe(
    CompactCache.decode(doc),
    E.mapLeft(firstProblem),
    E.chain((c) => (c.key === key ? E.right(c.index) : E.left('stale'))),
  )
