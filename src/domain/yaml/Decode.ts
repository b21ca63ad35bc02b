/**
 * yaml.v2's Unmarshal into `interface{}` followed by sigs.k8s.io/yaml's JSON step, as Helm reads values,
 * Chart.yaml, `fromYaml` and manifests: the first document of the stream is composed (anchors per document,
 * an alias to a later or unknown anchor fails), decoded (merge keys `<<` in document order, later keys win,
 * excessive aliasing refused), then map keys become JSON strings and NaN/Inf are refused.
 */
import { formatValue } from '../go/Fmt'
import { quote } from '../go/Strconv'
import { compareBytes, GoInt, type GoMap, type Value } from '../go/Value'
import { MAX_DEPTH } from './Depth'
import { Parser, type YamlEvent } from './Parser'
import { failure, type Mark, YamlFailure } from './Reader'
import { resolveScalar, type Scalar } from './Resolve'
import { formatFloat32 } from './Target'

export type Node =
  | {
      readonly kind: 'scalar'
      readonly value: string
      readonly tag: string
      readonly implicit: boolean
      readonly line: number
    }
  | { readonly kind: 'sequence'; readonly children: Node[] }
  | { readonly kind: 'mapping'; readonly children: Node[] }
  | { readonly kind: 'alias'; readonly name: string; readonly target: Node }

/** The first document's root node (yaml.v2's parser.parse), or undefined for an empty stream. */
const compose = (text: string): Node | undefined => {
  const p = new Parser(text)
  const anchors = new Map<string, Node>()
  let depth = 0
  p.next() // stream-start
  const start = p.next()
  if (start.type === 'stream-end') return undefined
  const node = (e: YamlEvent): Node => {
    switch (e.type) {
      case 'alias': {
        const target = anchors.get(e.anchor)
        if (target === undefined) throw new YamlFailure(`yaml: unknown anchor '${e.anchor}' referenced`, e.start)
        return { kind: 'alias', name: e.anchor, target }
      }
      case 'scalar': {
        const n: Node = { kind: 'scalar', value: e.value, tag: e.tag, implicit: e.implicit, line: e.start.line + 1 }
        if (e.anchor !== '') anchors.set(e.anchor, n)
        return n
      }
      case 'sequence-start':
      case 'mapping-start': {
        // our own bound, far below yaml.v2's 10000: what decodes must also coalesce, render and print
        if (++depth > MAX_DEPTH)
          throw new YamlFailure(`yaml: line ${e.start.line + 1}: exceeded max depth of ${MAX_DEPTH}`, e.start)
        const children: Node[] = []
        const n: Node = { kind: e.type === 'sequence-start' ? 'sequence' : 'mapping', children }
        if (e.anchor !== '') anchors.set(e.anchor, n)
        const end = e.type === 'sequence-start' ? 'sequence-end' : 'mapping-end'
        for (let c = p.next(); c.type !== end; c = p.next()) children.push(node(c))
        depth--
        return n
      }
    }
    throw failure('parser', `unexpected ${e.type}`, e.start, undefined)
  }
  const root = node(p.next())
  p.next() // document-end (it may read ahead into the next document)
  return root
}

/** A decoded value before the JSON step: Go's map[interface{}]interface{} keeps keys of any kind, in order. */
type Raw =
  | Scalar
  | { readonly kind: 'seq'; readonly items: Raw[] }
  | { readonly kind: 'map'; readonly entries: Entry[] }
interface Entry {
  key: Raw
  value: Raw
}

const LOW = 400_000
const HIGH = 4_000_000
const allowedAliasRatio = (count: number): number =>
  count <= LOW ? 0.99 : count >= HIGH ? 0.1 : 0.99 - 0.89 * ((count - LOW) / (HIGH - LOW))

const sameKey = (a: Raw, b: Raw): boolean => {
  if (a.kind !== b.kind) return false
  if (a.kind === 'int' && b.kind === 'int') return a.value === b.value && a.unsigned === b.unsigned
  if ('value' in a && 'value' in b) return Object.is(a.value, b.value)
  return a.kind === 'null'
}

/**
 * fmt's map-key order (internal/fmtsort) for interface keys: nil first, then by concrete type — compared by the
 * address of Go's type descriptor, so by the binary's layout: Helm 4.1.4 orders string, uint64, int, float64,
 * bool (observed with `fromYaml`) — then by value (false before true).
 */
const keyRank = (k: Raw): number =>
  k.kind === 'null' ? 0 : k.kind === 'str' ? 1 : k.kind === 'int' ? (k.unsigned ? 2 : 3) : k.kind === 'float' ? 4 : 5
const compareKeys = (a: Raw, b: Raw): number => {
  const ra = keyRank(a)
  const rb = keyRank(b)
  if (ra !== rb) return ra - rb
  const x = 'value' in a ? a.value : 0
  const y = 'value' in b ? b.value : 0
  if (typeof x === 'string' && typeof y === 'string') return compareBytes(x, y)
  return x < y ? -1 : x > y ? 1 : 0
}

/** Go's %#v of a decoded value, for `invalid map key` messages. */
const goSyntax = (v: Raw): string => {
  switch (v.kind) {
    case 'seq':
      return `[]interface {}{${v.items.map(goSyntax).join(', ')}}`
    case 'map': {
      // fmt sorts map keys: values of one type by value (types among themselves in an order of Go's own)
      const sorted = [...v.entries].sort((a, b) => compareKeys(a.key, b.key))
      return `map[interface {}]interface {}{${sorted.map((e) => `${goSyntax(e.key)}:${goSyntax(e.value)}`).join(', ')}}`
    }
    case 'str':
      return quote(v.value)
    case 'int':
      return v.unsigned ? `0x${v.value.toString(16)}` : v.value.toString()
    case 'float':
      return formatValue(v.value)
    case 'bool':
      return String(v.value)
    default:
      return 'interface {}(nil)'
  }
}

const lineOf = (n: Node): number => (n.kind === 'scalar' ? n.line : 0)

export class Decoder {
  private count = 0
  private aliasCount = 0
  private aliasDepth = 0
  private depth = 0
  private readonly active = new Set<Node>()

  /** `unique`: a key given twice in one mapping fails, as yaml.v2's UnmarshalStrict */
  constructor(private readonly unique = false) {}

  decode(n: Node): Raw {
    if (++this.depth > MAX_DEPTH + 1)
      throw new YamlFailure(`yaml: exceeded max depth of ${MAX_DEPTH} (through aliases)`, undefined)
    try {
      return this.decodeNode(n)
    } finally {
      this.depth--
    }
  }

  private decodeNode(n: Node): Raw {
    this.count++
    if (this.aliasDepth > 0) this.aliasCount++
    if (this.aliasCount > 100 && this.count > 1000 && this.aliasCount / this.count > allowedAliasRatio(this.count))
      throw new YamlFailure('yaml: document contains excessive aliasing', undefined)
    switch (n.kind) {
      case 'scalar': {
        const s = resolveScalar(n.value, n.tag, n.implicit)
        if (s.kind === 'merge') return { kind: 'str', value: n.value }
        if (s.kind === 'str' && n.tag === 'tag:yaml.org,2002:binary') {
          const clean = s.value.replace(/[\r\n]/g, '')
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0)
            throw new YamlFailure('yaml: !!binary value contains invalid base64 data', undefined)
          return { kind: 'str', value: Buffer.from(clean, 'base64').toString('utf8') }
        }
        return s
      }
      case 'sequence':
        return { kind: 'seq', items: n.children.map((c) => this.decode(c)) }
      case 'alias': {
        if (this.active.has(n)) throw new YamlFailure(`yaml: anchor '${n.name}' value contains itself`, undefined)
        this.active.add(n)
        this.aliasDepth++
        try {
          return this.decode(n.target)
        } finally {
          this.aliasDepth--
          this.active.delete(n)
        }
      }
      case 'mapping': {
        const entries: Entry[] = []
        this.mapping(n, entries)
        return { kind: 'map', entries }
      }
    }
  }

  private set(entries: Entry[], key: Raw, value: Raw): void {
    const at = entries.find((e) => sameKey(e.key, key))
    if (at) at.value = value
    else entries.push({ key, value })
  }

  private mapping(n: { children: Node[] }, entries: Entry[]): void {
    const own: Raw[] = []
    for (let i = 0; i + 1 < n.children.length; i += 2) {
      const k = n.children[i]!
      if (k.kind === 'scalar' && k.value === '<<' && (k.implicit || k.tag === 'tag:yaml.org,2002:merge')) {
        this.merge(n.children[i + 1]!, entries)
        continue
      }
      const key = this.decode(k)
      if (key.kind === 'seq' || key.kind === 'map')
        throw new YamlFailure(`yaml: invalid map key: ${goSyntax(key)}`, undefined)
      if (this.unique) {
        if (own.some((o) => sameKey(o, key)))
          throw new YamlFailure(
            `yaml: unmarshal errors: line ${lineOf(k)}: key ${goSyntax(key)} already set in map`,
            undefined,
          )
        own.push(key)
      }
      this.set(entries, key, this.decode(n.children[i + 1]!))
    }
  }

  // yaml.v2's merge: a map, an alias of one, or a list of those (later ones first, so earlier ones win)
  private merge(n: Node, entries: Entry[]): void {
    const wantMap = (): YamlFailure =>
      new YamlFailure('yaml: map merge requires map or sequence of maps as the value', undefined)
    const into = (m: Node): void => {
      const v = this.decode(m)
      if (v.kind !== 'map') throw wantMap()
      for (const e of v.entries) this.set(entries, e.key, e.value)
    }
    if (n.kind === 'mapping') return into(n)
    if (n.kind === 'alias') {
      if (n.target.kind !== 'mapping') throw wantMap()
      return into(n)
    }
    if (n.kind !== 'sequence') throw wantMap()
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i]!
      if (c.kind === 'alias' ? c.target.kind !== 'mapping' : c.kind !== 'mapping') throw wantMap()
      into(c)
    }
  }
}

/** What a decoded scalar becomes after the JSON step. */
export interface JsonOptions {
  /** ints as `GoInt` (int64) instead of float64 numbers (decoders that mirror ghodss's typed conversions) */
  readonly intAsBigInt: boolean
  /** keep NaN and ±Inf (callers that convert fields for Go targets first) instead of failing as json.Marshal */
  readonly keepNonFinite: boolean
  /** refuse a key given twice in one mapping (yaml.v2's UnmarshalStrict) */
  readonly uniqueKeys?: boolean
}

const keyString = (key: Raw, value: Raw): string => {
  switch (key.kind) {
    case 'str':
      return key.value
    case 'int':
      if (!key.unsigned) return key.value.toString()
      break
    case 'float': {
      const s = formatFloat32(key.value)
      return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s
    }
    case 'bool':
      return key.value ? 'true' : 'false'
  }
  const type = key.kind === 'null' ? '%!s(<nil>)' : 'uint64'
  const shown = key.kind === 'null' ? '<nil>' : goSyntax(key)
  // fmt prints a nil operand as <nil> even under %#v (inside a collection it is interface {}(nil))
  const v = value.kind === 'null' ? '<nil>' : goSyntax(value)
  throw new YamlFailure(`unsupported map key of type: ${type}, key: ${shown}, value: ${v}`, undefined)
}

export const toValue = (v: Raw, o: JsonOptions): Value => {
  switch (v.kind) {
    case 'null':
    case 'merge':
      return null
    case 'bool':
    case 'str':
      return v.value
    case 'int':
      return o.intAsBigInt ? new GoInt(v.value, v.unsigned ? 'uint64' : 'int64') : Number(v.value)
    case 'float':
      return v.value
    case 'seq':
      return v.items.map((x) => toValue(x, o))
    case 'map': {
      const out: GoMap = {}
      for (const e of v.entries) out[keyString(e.key, e.value)] = toValue(e.value, o)
      return out
    }
  }
}

/**
 * The first YAML document of `text` as Helm reads it (yaml.v2, then sigs.k8s.io/yaml's JSON step); null for an
 * empty stream. Throws YamlFailure with Go's text (`yaml: line 3: did not find expected key`).
 */
export const decodeYaml = (text: string, options: JsonOptions): Value => {
  const root = compose(text)
  if (root === undefined) return null
  const value = toValue(new Decoder(options.uniqueKeys).decode(root), options)
  if (!options.keepNonFinite && holdsNonFinite(value)) refuseNonFinite(value)
  return value
}

/** Whether NaN or ±Inf occurs anywhere in a decoded value (in any order: `refuseNonFinite` then names the first). */
const holdsNonFinite = (v: Value): boolean => {
  if (typeof v === 'number') return !Number.isFinite(v)
  if (v === null || typeof v !== 'object' || v instanceof GoInt) return false
  if (Array.isArray(v)) {
    for (const x of v) if (holdsNonFinite(x)) return true
  } else for (const k in v) if (holdsNonFinite((v as GoMap)[k] as Value)) return true
  return false
}

/**
 * encoding/json's refusal of NaN and ±Inf, after sigs.k8s.io/yaml converted the whole document (so a bad map key
 * anywhere is reported first); json.Marshal meets values in sorted-key order.
 */
const refuseNonFinite = (v: Value): void => {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new YamlFailure(`json: unsupported value: ${formatValue(v)}`, undefined)
  } else if (Array.isArray(v)) for (const x of v) refuseNonFinite(x)
  else if (v !== null && typeof v === 'object' && !(v instanceof GoInt)) {
    const m = v as GoMap
    for (const k of Object.keys(m).sort(compareBytes)) refuseNonFinite(m[k] as Value)
  }
}

export type { Mark }
