/**
 * yaml.v2's scalar resolution (resolve.go) for a value decoded into `interface{}`: YAML 1.1 booleans and nulls
 * by table, numbers by Go's ParseInt/ParseUint/ParseFloat after dropping `_`, `0755` octal, timestamps kept as
 * text, and explicit tags checked (`cannot decode !!str `x` as a !!int`).
 */
import { YamlFailure } from './Reader'

/** A resolved scalar: a Go int (int64/uint64 range), a float64, a bool, a string, or null. */
export type Scalar =
  | { readonly kind: 'int'; readonly value: bigint; readonly unsigned: boolean }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'str'; readonly value: string; readonly timestamp?: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'merge' }

const YAML = 'tag:yaml.org,2002:'
const short = (tag: string): string => (tag.startsWith(YAML) ? `!!${tag.slice(YAML.length)}` : tag)
const RESOLVABLE = new Set(['', '!!str', '!!bool', '!!null', '!!int', '!!float', '!!timestamp'])

// a Map, not an object: a plain scalar such as `constructor` or `__proto__` is text, never a prototype member
const TABLE = new Map<string, Scalar>()
const put = (words: string, s: Scalar): void => {
  for (const w of words.split(' ')) TABLE.set(w, s)
}
put('y Y yes Yes YES on On ON true True TRUE', { kind: 'bool', value: true })
put('n N no No NO off Off OFF false False FALSE', { kind: 'bool', value: false })
put('~ null Null NULL', { kind: 'null' })
put('.nan .NaN .NAN', { kind: 'float', value: Number.NaN })
put('.inf .Inf .INF +.inf +.Inf +.INF', { kind: 'float', value: Number.POSITIVE_INFINITY })
put('-.inf -.Inf -.INF', { kind: 'float', value: Number.NEGATIVE_INFINITY })
put('<<', { kind: 'merge' })

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/

/** strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) readings of `plain` (sign, 0x, 0o, 0b, leading-0 octal). */
const goInteger = (plain: string): Scalar | undefined => {
  const m = GO_INT.exec(plain)
  if (m === null) return undefined
  const body = m[2]!.toLowerCase()
  const n = body.length > 1 && body[0] === '0' && !/^0[xob]/.test(body) ? BigInt(`0o${body.slice(1)}`) : BigInt(body)
  const v = m[1] === '-' ? -n : n
  if (v >= INT64_MIN && v <= INT64_MAX) return { kind: 'int', value: v, unsigned: false }
  if (m[1] === '' && v <= UINT64_MAX) return { kind: 'int', value: v, unsigned: true }
  return undefined
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const validDate = (y: number, mo: number, d: number): boolean =>
  mo >= 1 &&
  mo <= 12 &&
  d >= 1 &&
  d <= DAYS[mo - 1]! &&
  (mo !== 2 || d <= 28 || y % 4 === 0) &&
  (mo !== 2 || d !== 29 || y % 100 !== 0 || y % 400 === 0)
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/

/** yaml.v2's parseTimestamp: the four layouts it tries with time.Parse. */
const isTimestamp = (s: string): boolean => {
  const m = TIMESTAMP.exec(s)
  if (m === null || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false
  const [h, mi, se] = m[4] !== undefined ? [m[4], m[5], m[6]] : [m[7], m[8], m[9]]
  return h === undefined || (Number(h) < 24 && Number(mi) < 60 && Number(se) < 60)
}

const resolvePlain = (value: string, tag: string): Scalar => {
  if (tag !== '!!str' && tag !== '!!binary') {
    const hit = value === '' ? { kind: 'null' as const } : TABLE.get(value)
    if (hit !== undefined) return hit
    const c = value[0]!
    if (c === '.') {
      if (YAML_FLOAT.test(value)) {
        const f = Number(value)
        if (Number.isFinite(f)) return { kind: 'float', value: f }
      }
    } else if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      if ((tag === '' || tag === '!!timestamp') && isTimestamp(value)) return { kind: 'str', value, timestamp: true }
      const plain = value.replaceAll('_', '')
      const i = goInteger(plain)
      if (i !== undefined) return i
      if (YAML_FLOAT.test(plain)) {
        const f = Number(plain)
        if (Number.isFinite(f)) return { kind: 'float', value: f }
      }
    }
  }
  return { kind: 'str', value }
}

/**
 * Whether a plain untagged scalar resolves to a string (`resolveScalar(value, '', true).kind === 'str'`) without
 * building the resolved scalar: only the table's words and what starts like a number can resolve otherwise.
 */
export const resolvesToString = (value: string): boolean => {
  if (value === '' || TABLE.has(value)) return false
  const c = value[0]!
  return c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9') ? resolvePlain(value, '').kind === 'str' : true
}

/** Whether a plain untagged scalar resolves to NaN or ±Inf (`.nan`, `-.Inf`, ...): only these words do. */
export const resolvesNonFinite = (value: string): boolean => {
  const s = TABLE.get(value)
  return s !== undefined && s.kind === 'float'
}

const tagOf = (s: Scalar): string =>
  s.kind === 'str' ? (s.timestamp ? '!!timestamp' : '!!str') : s.kind === 'merge' ? '!!merge' : `!!${s.kind}`

/**
 * Resolves a scalar node's text under its tag (`tag` as the parser expanded it; '' for none). Plain untagged
 * scalars go by their text; quoted untagged ones are strings; a tag yaml.v2 cannot resolve keeps the text.
 */
export const resolveScalar = (value: string, longTag: string, implicit: boolean): Scalar => {
  if (longTag === '' && !implicit) return { kind: 'str', value }
  const tag = short(longTag)
  if (!RESOLVABLE.has(tag) && tag !== '!!binary') return { kind: 'str', value }
  const out = resolvePlain(value, tag)
  const rtag = tagOf(out)
  if (tag === '' || tag === rtag || tag === '!!str' || tag === '!!binary') return out
  if (tag === '!!float' && out.kind === 'int' && !out.unsigned) return { kind: 'float', value: Number(out.value) }
  throw new YamlFailure(`yaml: cannot decode ${rtag} \`${value}\` as a ${tag}`, undefined)
}
