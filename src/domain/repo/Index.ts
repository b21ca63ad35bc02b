import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { Document, isScalar, parse as parseYaml, visit } from 'yaml'
import { type Constraint, parseConstraint, satisfies } from '../semver/Constraint'
import type { SemverError } from '../semver/SemverError'
import { parseSimpleYaml } from './FastYaml'
import {
  type ChartVersion,
  type IndexFile,
  decodeChartVersion,
  decodeCompactCacheDoc,
  decodeIndexDoc,
  encodeCompactCache as encodeCompactCacheDoc,
} from './IndexCodec'
import { type RepoError, invalidIndex } from './RepoError'
import { compareVersionStringsDesc, parseVersion } from '../semver/Version'
import { urlJoin } from './UrlJoin'
import { lineAt, nestedTooDeep, yamlDepthReason, yamlTooDeep } from '../yaml/Depth'

export type { ChartVersion, IndexFile } from './IndexCodec'

/** Chart.yaml fields an index entry carries (Helm embeds the chart's Metadata in each ChartVersion). */
const METADATA_FIELDS = [
  'name',
  'home',
  'sources',
  'version',
  'description',
  'keywords',
  'maintainers',
  'engine',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'deprecated',
  'tillerVersion',
  'annotations',
  'kubeVersion',
  'dependencies',
  'type',
] as const

/** An empty index (what `repo index` starts from). */
export const emptyIndex = (generated: string): IndexFile => ({ apiVersion: 'v1', generated, entries: {} })

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

const COMPACT_FIELDS = [
  'name',
  'version',
  'appVersion',
  'description',
  'keywords',
  'urls',
  'digest',
  'deprecated',
] as const

/** The index with only what search, fetch and dependency resolution read (for the on-disk cache). */
export const compactIndex = (index: IndexFile): IndexFile => ({
  apiVersion: index.apiVersion,
  generated: index.generated,
  entries: Object.fromEntries(
    Object.entries(index.entries).map(([k, vs]) => [
      k,
      vs.map((v) => {
        const out: Record<string, unknown> = {}
        for (const f of COMPACT_FIELDS) if (v[f] !== undefined) out[f] = v[f]
        return out as ChartVersion
      }),
    ]),
  ),
})

/** Sorts every entry list newest first (Helm's SortEntries). */
export const sortEntries = (entries: Readonly<Record<string, ReadonlyArray<ChartVersion>>>) =>
  Object.fromEntries(
    Object.entries(entries).map(([k, vs]) => [
      k,
      [...vs].sort((a, b) => compareVersionStringsDesc(a.version, b.version)),
    ]),
  )

/**
 * Decodes an already-parsed index document (io-ts, IndexCodec): needs `apiVersion`, drops entries without a name
 * or version, sorts versions newest first. Left InvalidIndex naming the key at fault.
 */
export const decodeIndex = (source: string, doc: unknown): E.Either<RepoError, IndexFile> =>
  pipe(
    decodeIndexDoc(doc),
    E.bimap(
      (reason) => invalidIndex(source, reason),
      (d) => ({ ...d, entries: sortEntries(d.entries) }),
    ),
  )

/** The compact cache text (JSON) of `index`, stamped with the cache `key` of the YAML it comes from. */
export const encodeCompactCache = (key: string, index: IndexFile): string =>
  encodeCompactCacheDoc(key, compactIndex(index))

/**
 * The index a compact cache holds, when it is stamped `key` and decodes as an index (entries already sorted);
 * undefined when it is stale, foreign or corrupt (the caller rebuilds it from the YAML).
 */
export const decodeCompactCache = (key: string, text: string): IndexFile | undefined => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return undefined
  }
  return pipe(
    decodeCompactCacheDoc(key, doc),
    E.chain((index) => decodeIndexDoc(index)),
    E.match(
      () => undefined,
      (d) => d,
    ),
  )
}

/** Parses index.yaml (or the JSON form `repo index --json` writes). Left InvalidIndex. */
export const parseIndex = (source: string, text: string): E.Either<RepoError, IndexFile> => {
  let doc: unknown
  try {
    const trimmed = text.trimStart()
    if (trimmed.startsWith('{')) {
      doc = JSON.parse(trimmed)
      if (nestedTooDeep(doc)) return E.left(invalidIndex(source, `json: ${yamlDepthReason}`))
    } else {
      doc = parseSimpleYaml(text)
      if (doc === undefined) {
        // the full parser recurses: a document nested past the bound of every decoded document is refused first
        const deep = yamlTooDeep(text)
        if (deep !== undefined)
          return E.left(invalidIndex(source, `yaml: line ${lineAt(text, deep)}: ${yamlDepthReason}`))
        doc = parseYaml(text, { uniqueKeys: false, maxAliasCount: -1, schema: 'failsafe' })
      }
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err)
    return E.left(invalidIndex(source, reason ?? 'unparsable'))
  }
  return decodeIndex(source, doc)
}

/**
 * The newest version of `name` matching `version` (a constraint; empty = newest stable), Right(undefined)
 * when none does. An exact version string wins over the constraint, as in Helm. Left InvalidConstraint.
 */
export const findVersion = (
  index: IndexFile,
  name: string,
  version: string,
): E.Either<RepoError | SemverError, ChartVersion | undefined> => {
  const vs = index.entries[name] ?? []
  // Helm's IndexFile.Get reads the constraint first: a version text that is no constraint fails even when
  // an entry carries exactly that text
  const c = parseConstraint(version === '' ? '*' : version)
  if (E.isLeft(c)) return c
  if (version !== '') {
    const exact = vs.find((v) => v.version === version)
    if (exact) return E.right(exact)
  }
  return E.right(vs.find((v) => matches(c.right, v.version)))
}

const matches = (c: Constraint, version: string): boolean => {
  const v = parseVersion(version)
  return E.isRight(v) && satisfies(c, v.right)
}

/** True when the index holds this name and version. */
export const hasVersion = (index: IndexFile, name: string, version: string): boolean =>
  (index.entries[name] ?? []).some((v) => v.version === version)

/**
 * Adds a chart archive to the index (Helm's IndexFile.Add): the Chart.yaml fields, the URL (`file` relative,
 * or its base name joined onto `baseUrl` by Helm's URLJoin), the archive's sha256 and the creation time. Keeps an existing name+version.
 */
export const addVersion = (
  index: IndexFile,
  metadata: Readonly<Record<string, unknown>>,
  file: string,
  baseUrl: string,
  digest: string,
  created: string,
): IndexFile => {
  const fields: Record<string, unknown> = {}
  for (const k of METADATA_FIELDS) {
    const v = metadata[k]
    if (v === undefined || v === null || v === '' || v === false) continue
    if (Array.isArray(v) && v.length === 0) continue
    if (isRecord(v) && Object.keys(v).length === 0) continue
    fields[k] = v
  }
  const decoded = decodeChartVersion({
    ...fields,
    urls: [baseUrl ? urlJoin(baseUrl, file.slice(file.lastIndexOf('/') + 1)) : file],
    created,
    digest,
  })
  if (E.isLeft(decoded) || hasVersion(index, decoded.right.name, decoded.right.version)) return index
  const entry = decoded.right
  return { ...index, entries: { ...index.entries, [entry.name]: [...(index.entries[entry.name] ?? []), entry] } }
}

/** Adds every version of `other` that `index` lacks (Helm's IndexFile.Merge), then sorts. */
export const mergeIndex = (index: IndexFile, other: IndexFile): IndexFile => {
  const entries: Record<string, ChartVersion[]> = Object.fromEntries(
    Object.entries(index.entries).map(([k, v]) => [k, [...v]]),
  )
  for (const [name, vs] of Object.entries(other.entries))
    for (const v of vs) if (!(entries[name] ?? []).some((x) => x.version === v.version)) (entries[name] ??= []).push(v)
  return { ...index, entries: sortEntries(entries) }
}

/**
 * YAML text as Go's yaml.v2 writes a JSON-tagged struct: keys sorted, sequences not indented, strings that
 * would read back as timestamps double-quoted.
 */
export const goYaml = (value: unknown): string => {
  const doc = new Document(value, { sortMapEntries: true })
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(node.value))
        node.type = 'QUOTE_DOUBLE'
    },
  })
  return doc.toString({ indentSeq: false, lineWidth: 0 })
}

/** index.yaml text as Helm writes it: keys sorted (Go marshals through JSON), entries newest first. */
export const serializeIndex = (index: IndexFile): string =>
  goYaml({
    apiVersion: index.apiVersion,
    entries: sortEntries(index.entries),
    generated: index.generated,
    ...(index.publicKeys ? { publicKeys: index.publicKeys } : {}),
  })

/** Go's RFC3339Nano rendering of a time given as ISO text (trailing zero fractions trimmed). */
export const goTime = (iso: string): string => iso.replace(/\.(\d*?)0+Z$/, (_m, d: string) => (d ? `.${d}Z` : 'Z'))
