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

// Optional text fields: a value of the wrong kind is dropped, as Go leaves a field it cannot fill at its zero value
const TEXT_FIELDS = ['appVersion', 'description', 'digest', 'created', 'apiVersion'] as const
const FLAG_FIELDS = ['deprecated', 'removed'] as const
const NORMALISED = new Set<string>(['name', 'version', 'urls', 'dependencies', ...TEXT_FIELDS, ...FLAG_FIELDS])

const textOrAbsent = (u: unknown): boolean => u === undefined || typeof u === 'string'

// Already in decoded form (what our compact cache holds): kept as is, no copy. Unrolled: search checks every version.
const isDecoded = (u: Record<string, unknown>): boolean => {
  const { name, version, urls } = u
  if (typeof name !== 'string' || name === '' || typeof version !== 'string' || version === '') return false
  if (!Array.isArray(urls)) return false
  for (let i = 0; i < urls.length; i++) if (typeof urls[i] !== 'string') return false
  return (
    textOrAbsent(u.appVersion) &&
    textOrAbsent(u.description) &&
    textOrAbsent(u.digest) &&
    textOrAbsent(u.created) &&
    textOrAbsent(u.apiVersion) &&
    (u.deprecated === undefined || u.deprecated === true) &&
    (u.removed === undefined || u.removed === true) &&
    u.dependencies === undefined
  )
}

const scalarText = (u: unknown): string | undefined =>
  typeof u === 'string' ? u : typeof u === 'number' || typeof u === 'boolean' ? String(u) : undefined

/**
 * One chart version of an index, with every Chart.yaml field it carries kept (for `repo index --merge`); fails when
 * it has no name or version (Helm 4 skips such an entry with a warning: the caller drops it). Written out by hand
 * (one pass, no intermediate objects): public indexes hold tens of thousands of versions and search decodes them
 * all on every run.
 */
export const ChartVersionC = new t.Type<ChartVersion, ChartVersion, unknown>(
  'chart version',
  (u): u is ChartVersion => isRecord(u) && typeof u.name === 'string' && typeof u.version === 'string',
  (u, c) => {
    if (!isRecord(u)) return t.failure(u, c, 'expected a mapping')
    if (isDecoded(u)) return t.success(u as ChartVersion)
    const name = scalarText(u.name)
    if (!name) return t.failure(u.name, [...c, { key: 'name', type: NonEmptyText, actual: u.name }], 'expected a name')
    const version = scalarText(u.version)
    if (!version)
      return t.failure(
        u.version,
        [...c, { key: 'version', type: NonEmptyText, actual: u.version }],
        'expected a version',
      )
    const out: Record<string, unknown> = { name, version }
    for (const k in u) if (!NORMALISED.has(k)) out[k] = u[k]
    out.urls = Array.isArray(u.urls) ? u.urls.filter((x): x is string => typeof x === 'string') : []
    for (const k of TEXT_FIELDS) {
      const text = scalarText(u[k])
      if (text !== undefined) out[k] = text
    }
    // failsafe YAML reads `true` as text
    for (const k of FLAG_FIELDS) if (u[k] === 'true' || u[k] === true) out[k] = true
    if (Array.isArray(u.dependencies))
      out.dependencies = u.dependencies.map((d) =>
        isRecord(d) && typeof d.enabled === 'string' ? { ...d, enabled: d.enabled === 'true' } : d,
      )
    else if (u.dependencies !== undefined) out.dependencies = u.dependencies
    return t.success(out as ChartVersion)
  },
  t.identity,
)

/** `ChartVersionC.decode`. */
export const decodeChartVersion = (u: unknown): E.Either<t.Errors, ChartVersion> => ChartVersionC.decode(u)

/**
 * Decodes a parsed index document: needs a mapping with `apiVersion` (Helm's "no API version specified") and an
 * `entries` mapping (YAML `entries:` with nothing after it reads as empty); drops versions without a name or version.
 * Left: the first problem, naming its key. (A hand-written pass rather than an io-ts intersection, which would merge
 * the tens of thousands of decoded versions once more.)
 */
export const decodeIndexDoc = (
  doc: unknown,
): E.Either<string, Omit<IndexFile, 'entries'> & { entries: Record<string, ChartVersion[]> }> => {
  if (!isRecord(doc)) return E.left('not a YAML mapping')
  if (doc.apiVersion === undefined || doc.apiVersion === null || doc.apiVersion === '')
    return E.left('no API version specified')
  const root: t.Context = [{ key: '', type: t.unknown, actual: doc }]
  const field = <A>(key: string, codec: t.Type<A, unknown, unknown>): t.Validation<A> =>
    codec.validate(doc[key], [...root, { key, type: codec, actual: doc[key] }])
  const apiVersion = field('apiVersion', NonEmptyText)
  if (E.isLeft(apiVersion)) return E.left(firstProblem(apiVersion.left))
  const generated = doc.generated === undefined ? E.right('') : field('generated', Text)
  if (E.isLeft(generated)) return E.left(firstProblem(generated.left))
  const raw = doc.entries
  if (raw !== undefined && raw !== null && raw !== '' && !isRecord(raw))
    return E.left(
      firstProblem([
        {
          value: raw,
          context: [...root, { key: 'entries', type: t.unknown, actual: raw }],
          message: 'expected a mapping of chart names',
        },
      ]),
    )
  const entries: Record<string, ChartVersion[]> = {}
  if (isRecord(raw))
    for (const name of Object.keys(raw)) {
      const list = raw[name]
      const versions: ChartVersion[] = []
      if (Array.isArray(list))
        for (const u of list) {
          const v = ChartVersionC.validate(u, root)
          if (E.isRight(v)) versions.push(v.right)
        }
      entries[name] = versions
    }
  const publicKeys = Array.isArray(doc.publicKeys)
    ? doc.publicKeys.filter((k): k is string => typeof k === 'string')
    : undefined
  return E.right({
    apiVersion: apiVersion.right,
    generated: generated.right,
    entries,
    ...(publicKeys ? { publicKeys } : {}),
  })
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
