import { type Value, isGoInt, isGoMap } from '../go/Value'

const named: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
}

const escapeRune = (r: string, quote: string): string => {
  if (r === quote || r === '\\') return `\\${r}`
  const esc = named[r]
  if (esc !== undefined) return esc
  const cp = r.codePointAt(0) ?? 0
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`
  return r
}

/** Go's `%q` of a string (strconv.Quote for the characters values and keys carry). */
export const goQuote = (s: string): string => `"${Array.from(s, (r) => escapeRune(r, '"')).join('')}"`

/** Go's `%q` of a `[]rune`: `['a' 'b']`. */
export const goQuoteRunes = (rs: ReadonlyArray<string>): string =>
  `[${rs.map((r) => `'${escapeRune(r, "'")}'`).join(' ')}]`

/** The dynamic Go type name of a value as panics and `%T` print it (`int64`, `map[string]interface {}`, `nil`). */
export const goTypeName = (v: Value): string => {
  if (v === null || v === undefined) return 'nil'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'number') return 'float64'
  if (isGoInt(v)) return v.kind
  if (Array.isArray(v)) return '[]interface {}'
  if (v instanceof Uint8Array) return '[]uint8'
  if (typeof v === 'function') return 'func(...interface {}) interface {}'
  if (isGoMap(v)) return 'map[string]interface {}'
  return v.goType
}
