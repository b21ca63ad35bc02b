import * as E from 'fp-ts/Either'
import { compareBytes, isGoMap, isNil, type Value } from '../go/Value'
import { parseYamlNode } from '../yaml/Read'
import { scalarAsString } from '../yaml/Target'
import { plainBlockTopFields } from '../yaml/PlainBlock'
import { readTopFields } from '../yaml/Validate'
import { goYamlText, type YamlError } from '../yaml/YamlError'

/** What a manifest document's head tells about it (Helm's `releaseutil.SimpleHead`). */
export interface SimpleHead {
  readonly apiVersion?: string
  readonly kind?: string
  readonly metadata?: {
    readonly name?: string
    readonly annotations?: Readonly<Record<string, string>>
  }
}

// The Go type json.Unmarshal names in its errors for SimpleHead.metadata.
const METADATA_TYPE = 'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }'

class Refused extends Error {}

/** encoding/json's word for a JSON value's kind in `cannot unmarshal <kind> into ...`. */
const jsonKind = (v: Value): string =>
  Array.isArray(v)
    ? 'array'
    : isGoMap(v)
      ? 'object'
      : typeof v === 'string'
        ? 'string'
        : typeof v === 'boolean'
          ? 'bool'
          : 'number'

const unmarshalError = (v: Value, field: string, type: string): Refused =>
  new Refused(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type ${type}`)

/** The Go targets sigs.k8s.io/yaml converts a SimpleHead document for: fields by json name. */
type Target = 'string' | 'annotations' | { readonly [field: string]: Target }
const METADATA: Target = { annotations: 'annotations', name: 'string' }
const HEAD: Target = { apiVersion: 'string', kind: 'string', metadata: METADATA }

/** The field a JSON key fills: an exact name, else the first that matches ignoring case (encoding/json's rule). */
const fieldFor = (names: ReadonlyArray<string>, key: string): string | undefined =>
  names.find((n) => n === key) ?? names.find((n) => n.toLowerCase() === key.toLowerCase())

/**
 * sigs.k8s.io/yaml's YAML → JSON step: a scalar under a string target becomes text, so only a NaN or ±Inf
 * elsewhere reaches json.Marshal, which refuses it (before json.Unmarshal judges any type).
 */
const checkJson = (v: Value, target: Target | undefined): void => {
  if (typeof v === 'number' && !Number.isFinite(v) && target !== 'string')
    throw new Refused(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`)
  if (Array.isArray(v)) for (const x of v) checkJson(x, undefined)
  else if (isGoMap(v))
    // json.Marshal writes a map's keys sorted by bytes: the first refused value in that order is the one named
    for (const k of Object.keys(v).sort(compareBytes)) {
      const x = v[k] as Value
      if (target === 'annotations') checkJson(x, 'string')
      else if (typeof target === 'object') {
        const field = fieldFor(Object.keys(target), k)
        checkJson(x, field === undefined ? undefined : target[field])
      } else checkJson(x, undefined)
    }
}

/**
 * A Go string field: a scalar is converted to text first (sigs.k8s.io/yaml), null leaves the zero value,
 * a list or map fails as json.Unmarshal fails. `where` is Go's `<Struct>.<json path>` naming of the field.
 */
const stringField = (v: Value, where: string): string | undefined => {
  if (isNil(v)) return undefined
  const s = scalarAsString(v)
  if (s === undefined) throw unmarshalError(v, where, 'string')
  return s
}

/**
 * The members of a JSON object that json.Unmarshal gives to each field: keys are visited in the order
 * json.Marshal wrote them (sorted by bytes), a key matches a field exactly or case-insensitively, and a later
 * key overwrites an earlier one; keys of no field are ignored.
 */
const fieldsOf = (m: Record<string, Value>, names: ReadonlyArray<string>): Map<string, Value> => {
  const out = new Map<string, Value>()
  for (const key of Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const name = fieldFor(names, key)
    if (name !== undefined) out.set(name, m[key])
  }
  return out
}

const decodeAnnotations = (v: Value): Record<string, string> | undefined => {
  if (isNil(v)) return undefined
  if (!isGoMap(v)) throw unmarshalError(v, '.metadata.annotations', 'map[string]string')
  const out: Record<string, string> = {}
  for (const key of Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const x = v[key]
    // json.Unmarshal stores a null map element as the zero value ""
    out[key] = isNil(x) ? '' : (stringField(x, '.metadata.annotations') ?? '')
  }
  return out
}

const decodeMetadata = (v: Value): SimpleHead['metadata'] => {
  if (isNil(v)) return undefined
  if (!isGoMap(v)) throw unmarshalError(v, 'SimpleHead.metadata', METADATA_TYPE)
  const f = fieldsOf(v, ['annotations', 'name'])
  const annotations = f.has('annotations') ? decodeAnnotations(f.get('annotations')) : undefined
  const name = f.has('name') ? stringField(f.get('name'), '.metadata.name') : undefined
  return {
    ...(name !== undefined ? { name } : {}),
    ...(annotations !== undefined ? { annotations } : {}),
  }
}

const decodeHead = (v: Value): SimpleHead => {
  if (isNil(v)) return {}
  if (!isGoMap(v)) throw new Refused(`json: cannot unmarshal ${jsonKind(v)} into Go value of type util.SimpleHead`)
  const f = fieldsOf(v, ['apiVersion', 'kind', 'metadata'])
  const apiVersion = f.has('apiVersion') ? stringField(f.get('apiVersion'), 'SimpleHead.apiVersion') : undefined
  const kind = f.has('kind') ? stringField(f.get('kind'), 'SimpleHead.kind') : undefined
  const metadata = f.has('metadata') ? decodeMetadata(f.get('metadata')) : undefined
  return {
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  }
}

// Tiller reads one document several times per operation (sort, plan, hooks, status); reading is pure, so
// results are memoised by text. Callers never mutate what they get.
const memo = new Map<string, E.Either<string, SimpleHead>>()

/**
 * Helm's `yaml.Unmarshal(doc, &SimpleHead)` (sigs.k8s.io/yaml: YAML 1.1 through yaml.v2, to JSON with each
 * scalar converted for its Go target, then encoding/json): the head, or Left with Helm's error text
 * (`error converting YAML to JSON: yaml: line 3: ...`, `error unmarshaling JSON: while decoding JSON: json:
 * cannot unmarshal array into Go struct field SimpleHead.kind of type string`).
 */
export const readHead = (doc: string): E.Either<string, SimpleHead> => {
  const hit = memo.get(doc)
  if (hit !== undefined) return hit
  if (memo.size >= 4096) memo.clear()
  const r = readHeadUncached(doc)
  memo.set(doc, r)
  return r
}

const HEAD_FIELDS = Object.keys(HEAD)
const isHeadField = (key: string): boolean => fieldFor(HEAD_FIELDS, key) !== undefined

const readHeadUncached = (doc: string): E.Either<string, SimpleHead> => {
  // the fields the head is decoded from, when the rest of the document is plain (read line by line, else by a
  // validating read that builds nothing else); otherwise the whole document, whose read also gives Helm's error
  const top = plainBlockTopFields(doc, isHeadField) ?? readTopFields(doc, isHeadField)
  if (top !== undefined) return headOfNode(top)
  const parsed = parseYamlNode('', doc)
  return E.isLeft(parsed) ? E.left(headReadError(parsed.left)) : headOfNode(parsed.right)
}

/** readHead's text for a document yaml.v2 cannot read (`error converting YAML to JSON: yaml: line 3: ...`). */
export const headReadError = (e: YamlError): string => `error converting YAML to JSON: ${goYamlText(e)}`

/**
 * readHead's steps after yaml.v2's read, for callers that read the whole document once for more than its head
 * (Tiller's sort and apply): `node` is `parseYamlNode`'s value, which is not changed.
 */
export const headOfNode = (node: Value): E.Either<string, SimpleHead> => {
  try {
    checkJson(node, HEAD)
    return E.right(decodeHead(node))
  } catch (e) {
    if (!(e instanceof Refused)) throw e
    return E.left(
      e.message.startsWith('json: unsupported')
        ? `error converting YAML to JSON: ${e.message}`
        : `error unmarshaling JSON: while decoding JSON: ${e.message}`,
    )
  }
}
