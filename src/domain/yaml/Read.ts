import * as E from 'fp-ts/Either'
import type { DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions } from 'yaml'
import { yamlV2NumberTag } from './Numbers'
import { MAX_NODES, parseDocumentsBounded, yamlDepthReason, yamlNodeEstimate, yamlSizeReason } from './Depth'
import { indentQuotedContinuations } from './QuotedIndent'
import { type YamlError, yamlParseError, yamlTypeError } from './YamlError'
import { type GoMap, GoInt, type Value } from '../go/Value'

/**
 * A billion-laughs document is refused once alias expansion exceeds this many nodes
 * (the `yaml` package counts each alias times the size of what it points to).
 */
const MAX_ALIAS_EXPANSION = 10_000

// yaml.v2 (what Helm reads with) has no timestamp type when decoding into interface{}: dates stay
// strings. It never resolves base-60 numbers (`1:20`) either, so drop those YAML 1.1 tags too, and
// resolve numbers by yaml.v2's rules first (the YAML 1.1 float tag would read `.` as NaN).
const options: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: false,
  merge: true,
  prettyErrors: false,
  customTags: (tags) => [
    yamlV2NumberTag,
    ...tags.filter(
      (t) =>
        typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && !('format' in t && t.format === 'TIME')),
    ),
  ],
}

const toJsOptions: ToJSOptions = { maxAliasCount: MAX_ALIAS_EXPANSION, mapAsMap: false }

/** 1-based line and column of a character offset. */
const lineColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, Math.max(0, offset))
  const lineStart = before.lastIndexOf('\n') + 1
  return { line: before.split('\n').length, column: offset - lineStart + 1 }
}

class Unsupported extends Error {}

/** Removes the `yaml` package's " at line L, column C" suffix and code frame: we report the position ourselves. */
const reasonOf = (msg: string): string => msg.replace(/ at line \d+, column \d+[\s\S]*$/, '').trim()

/** Key text as ghodss/yaml gives it when it turns a YAML map into a JSON object. */
const keyText = (k: unknown): string =>
  typeof k === 'string'
    ? k
    : k === null || k === undefined
      ? 'null'
      : typeof k === 'object'
        ? JSON.stringify(k)
        : String(k)

// Helm reads YAML through ghodss/yaml: YAML → JSON → Go, so every value must be JSON-representable
// (numbers become float64, `!!binary` becomes its decoded text, NaN/Inf fail json.Marshal).
const toGo = (v: unknown, json: boolean): Value => {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') {
    if (json && !Number.isFinite(v))
      throw new Unsupported(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`)
    return v
  }
  if (typeof v === 'bigint') return new GoInt(v, 'int64')
  if (typeof v === 'string' || typeof v === 'boolean') return v
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8')
  if (Array.isArray(v)) return v.map((x) => toGo(x, json))
  if (v instanceof Map) {
    const out: GoMap = {}
    for (const [k, x] of v) out[keyText(k)] = toGo(x, json)
    return out
  }
  if (v instanceof Set) {
    const out: GoMap = {}
    for (const k of v) out[keyText(k)] = null
    return out
  }
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'object') {
    const out: GoMap = {}
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toGo(x, json)
    return out
  }
  throw new Unsupported(`unsupported YAML value ${String(v)}`)
}

/**
 * Parses the first YAML document of `text` the way Helm (yaml.v2 via ghodss) does: YAML 1.1 booleans
 * (`yes/no/on/off/y/n`), `0755` octal, `1_000`, merge keys `<<`, last duplicate key wins, no timestamps,
 * every number a float64. Returns the value (null for an empty document); fails with YamlParseError
 * (file, line, column) on malformed YAML, alias bombs, and values JSON cannot carry (NaN, Inf).
 */
export const parseYamlDocument = (path: string, text: string): E.Either<YamlError, Value> =>
  parse(path, text, false, true)

/**
 * Like `parseYamlDocument`, but YAML integers come back as `GoInt` (int64) and floats as numbers, for
 * decoders that mirror ghodss's typed conversions (Chart.yaml: an int and a float in a string field
 * print differently). Errors: YamlParseError.
 */
export const parseYamlTyped = (path: string, text: string): E.Either<YamlError, Value> => parse(path, text, true, true)

/**
 * The value yaml.v2 decodes into `interface{}`, before any JSON step: ints as `GoInt`, floats as numbers with
 * NaN and ±Inf kept, for decoders that judge each field by its Go target as sigs.k8s.io/yaml does (a manifest's
 * head: `kind: .nan` is the string ".nan" there, while a NaN elsewhere fails). Errors: YamlParseError.
 */
export const parseYamlNode = (path: string, text: string): E.Either<YamlError, Value> => parse(path, text, true, false)

const parse = (path: string, text: string, intAsBigInt: boolean, json: boolean): E.Either<YamlError, Value> => {
  const tooDeep = (offset: number): E.Either<YamlError, Value> => {
    const { line, column } = lineColumn(text, offset)
    return E.left(yamlParseError(path, line, column, yamlDepthReason))
  }
  if (yamlNodeEstimate(text) > MAX_NODES) return E.left(yamlParseError(path, 1, 1, yamlSizeReason))
  // yaml.v2's Unmarshal decodes only the first document of a stream and ignores the rest; a document nested
  // past MAX_DEPTH is refused before the (recursive) composer sees it.
  const first = parseDocumentsBounded(text, { ...options, intAsBigInt })
  if (first.tooDeep !== undefined && first.docs.length === 0) return tooDeep(first.tooDeep)
  let doc = first.docs[0]
  if (doc === undefined) return E.right(null)
  if (doc.errors[0]?.code === 'MISSING_CHAR' && /quote/.test(doc.errors[0].message)) {
    const relaxed = indentQuotedContinuations(text)
    if (relaxed !== text) {
      const retry = parseDocumentsBounded(relaxed, { ...options, intAsBigInt }).docs[0]
      if (retry !== undefined && retry.errors.length === 0) doc = retry
    }
  }
  const err = doc.errors[0]
  if (err !== undefined) {
    // the composer recurses: a stack that ends before MAX_DEPTH (a deep caller) is the same refusal
    if (/call stack/.test(err.message)) return tooDeep(err.pos[0])
    const { line, column } = lineColumn(text, err.pos[0])
    return E.left(yamlParseError(path, line, column, reasonOf(err.message)))
  }
  try {
    return E.right(toGo(doc.toJS(toJsOptions), json))
  } catch (e) {
    if (e instanceof RangeError && /call stack/.test(e.message)) return tooDeep(doc.contents?.range[0] ?? 0)
    const { line, column } = lineColumn(text, doc.contents?.range[0] ?? 0)
    const reason = e instanceof Unsupported ? e.message : reasonOf(e instanceof Error ? e.message : String(e))
    return E.left(yamlParseError(path, line, column, reason))
  }
}

const goTypeName = (v: Value): string =>
  Array.isArray(v)
    ? 'array'
    : typeof v === 'string'
      ? 'string'
      : typeof v === 'number'
        ? 'number'
        : typeof v === 'boolean'
          ? 'bool'
          : 'value'

/**
 * Parses a values file (values.yaml, `-f`) as Helm's `chartutil.ReadValues` does: an empty or null
 * document is `{}`; a top-level non-map fails as ghodss fails. Errors: YamlParseError.
 */
export const parseYamlValues = (path: string, text: string): E.Either<YamlError, GoMap> =>
  E.chain((v: Value): E.Either<YamlError, GoMap> => {
    if (v === null || v === undefined) return E.right({})
    if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)) return E.right(v as GoMap)
    return E.left(
      yamlTypeError(
        path,
        `error unmarshaling JSON: json: cannot unmarshal ${goTypeName(v)} into Go value of type map[string]interface {}`,
      ),
    )
  })(parseYamlDocument(path, text))
