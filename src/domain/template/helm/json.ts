import { quote as goQuote } from '../../go/Strconv'
import { type Value, GoComplex, GoError, GoInt, compareBytes, isGoStruct, isNil } from '../../go/Value'
import { isNilList } from '../../go/Collections'
import { chargeNode, charged, checkNesting } from '../../go/Budget'
import { MAX_DEPTH } from '../../yaml/Depth'

/**
 * Go's encoding/json over the template value model: `Marshal` (HTML-escaped), `MarshalIndent`, an
 * encoder without HTML escaping (Sprig's toRawJson), and `Unmarshal` into interface{} with Go's error texts.
 */

/** A value json.Marshal refuses (NaN, ±Inf, functions); the message is Go's. */
export class JsonError extends GoError {}

const HTML = /[<>&\u2028\u2029]/

const escapeString = (s: string, html: boolean): string => {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20) {
      out +=
        c === 0x0a
          ? '\\n'
          : c === 0x0d
            ? '\\r'
            : c === 0x09
              ? '\\t'
              : c === 0x08
                ? '\\b'
                : c === 0x0c
                  ? '\\f'
                  : '\\u00' + c.toString(16).padStart(2, '0')
    } else if (c === 0x22) out += '\\"'
    else if (c === 0x5c) out += '\\\\'
    else if (html && (c === 0x3c || c === 0x3e || c === 0x26)) out += '\\u00' + c.toString(16)
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16)
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1)
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1]
        i++
      } else out += '\ufffd'
    } else out += s[i]
  }
  return out + '"'
}

/** Go's float64 JSON text: shortest digits, exponent form below 1e-6 and from 1e21 (`1e-7`, `1e+21`), `-0` kept. */
export const jsonNumber = (f: number): string => {
  if (!Number.isFinite(f))
    throw new JsonError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`)
  if (Object.is(f, -0)) return '-0'
  return String(f)
}

const encode = (v: Value, html: boolean, indent: string | undefined, depth: number): string => {
  chargeNode() // a value shared many times over (built by templates) is written as often
  checkNesting(depth)
  if (isNil(v)) return 'null'
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false'
    case 'string':
      return escapeString(v, html && HTML.test(v))
    case 'number':
      return jsonNumber(v)
    case 'function':
      throw new JsonError('json: unsupported type: func(...interface {}) (interface {}, error)')
  }
  if (v instanceof GoInt) return v.value.toString()
  if (v instanceof Uint8Array) return '"' + Buffer.from(v).toString('base64') + '"'
  const nl = indent === undefined ? '' : '\n' + indent.repeat(depth + 1)
  const end = indent === undefined ? '' : '\n' + indent.repeat(depth)
  const colon = indent === undefined ? ':' : ': '
  if (Array.isArray(v)) {
    if (v.length === 0) return isNilList(v) ? 'null' : '[]'
    return charged('[' + v.map((x) => nl + encode(x, html, indent, depth + 1)).join(',') + end + ']')
  }
  if (v instanceof GoComplex) throw new JsonError('json: unsupported type: complex128')
  if (isGoStruct(v)) {
    const json = v.method('MarshalJSON')
    return json === undefined ? '{}' : encode(json(), html, indent, depth)
  }
  const keys = Object.keys(v).sort(compareBytes)
  if (keys.length === 0) return '{}'
  return charged(
    '{' +
      keys.map((k) => nl + escapeString(k, html) + colon + encode(v[k], html, indent, depth + 1)).join(',') +
      end +
      '}',
  )
}

/** `json.Marshal(v)`; throws JsonError on NaN, ±Inf or a function. */
export const marshalJson = (v: Value): string => encode(v, true, undefined, 0)
/** `json.MarshalIndent(v, "", "  ")`. */
export const marshalJsonIndent = (v: Value): string => encode(v, true, '  ', 0)
/** An encoder with `SetEscapeHTML(false)`, without the trailing newline. */
export const marshalJsonRaw = (v: Value): string => encode(v, false, undefined, 0)

// Go's scanner quoteChar: strconv.Quote's escaping between single quotes
const describe = (c: string | undefined): string =>
  c === undefined ? '' : c === "'" ? "'\\''" : c === '"' ? `'"'` : `'${goQuote(c).slice(1, -1)}'`

/**
 * `json.Unmarshal` into interface{}: objects, arrays, float64 numbers. Throws GoError with Go's texts
 * ("unexpected end of JSON input", "invalid character 'x' looking for beginning of value", ...).
 */
export const unmarshalJson = (text: string): Value => {
  const r = decodeJson(text)
  if (r.error !== undefined) throw new GoError(r.error)
  return r.value
}

/**
 * The same decoding, reporting as Go's decoder does: a syntax error fails the whole text (thrown GoError),
 * while a number out of float64 range becomes nil and is reported in `error` after decoding finishes.
 */
export const decodeJson = (text: string): { readonly value: Value; readonly error?: string } => {
  let saved: string | undefined
  let i = 0
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++
  }
  const fail = (context: string): never => {
    // at the end Go's scanner feeds one space: inside a literal or number that is the offending character
    if (i >= text.length && (context.startsWith('in literal') || context.endsWith('numeric literal')))
      throw new GoError(`invalid character ' ' ${context}`)
    if (i >= text.length) throw new GoError('unexpected end of JSON input')
    throw new GoError(`invalid character ${describe(text[i])} ${context}`)
  }
  let depth = 0
  const value = (): Value => {
    ws()
    chargeNode(32) // what the decoded value takes, charged to a running render's budget
    const c = text[i]
    // Go's scanner stops at maxNestingDepth (10000); ours is the bound of every decoded document
    if ((c === '{' || c === '[') && depth >= MAX_DEPTH) fail('exceeded max depth')
    if (c === '{') {
      depth++
      i++
      const out: Record<string, Value> = {}
      ws()
      if (text[i] === '}') {
        i++
        depth--
        return out
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail('looking for beginning of object key string')
        const k = string()
        ws()
        if (text[i] !== ':') fail('after object key')
        i++
        out[k] = value()
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          depth--
          return out
        }
        fail('after object key:value pair')
      }
    }
    if (c === '[') {
      depth++
      i++
      const out: Value[] = []
      ws()
      if (text[i] === ']') {
        i++
        depth--
        return out
      }
      for (;;) {
        out.push(value())
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          depth--
          return out
        }
        fail('after array element')
      }
    }
    if (c === '"') return string()
    for (const [lit, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (c === lit[0]) {
        for (let k = 1; k < lit.length; k++) {
          i++
          if (text[i] !== lit[k]) fail(`in literal ${lit} (expecting '${lit[k]}')`)
        }
        i++
        return v
      }
    }
    if (c !== '-' && !(c >= '0' && c <= '9')) fail('looking for beginning of value')
    // Go's number states: sign, integer, fraction, exponent, each needing a digit
    const start = i
    const digit = (): boolean => i < text.length && text[i] >= '0' && text[i] <= '9'
    if (text[i] === '-') {
      i++
      if (!digit()) fail('in numeric literal')
    }
    if (text[i] === '0') i++
    else while (digit()) i++
    if (text[i] === '.') {
      i++
      if (!digit()) fail('after decimal point in numeric literal')
      while (digit()) i++
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      if (!digit()) fail('in exponent of numeric literal')
      while (digit()) i++
    }
    const m = [text.slice(start, i)]
    const n = Number(m[0])
    if (!Number.isFinite(n)) {
      saved ??= `json: cannot unmarshal number ${m[0]} into Go value of type float64`
      return null
    }
    return n
  }
  const ESC: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
  const string = (): string => {
    i++
    let out = ''
    while (i < text.length) {
      const ch = text[i]
      if (ch === '"') {
        i++
        return out
      }
      if (ch < ' ') fail('in string literal')
      if (ch !== '\\') {
        out += ch
        i++
        continue
      }
      i++
      const e = text[i]
      if (e === undefined) break
      if (e !== 'u') {
        if (ESC[e] === undefined) fail('in string escape code')
        out += ESC[e]
        i++
        continue
      }
      i++
      let hex = ''
      for (let k = 0; k < 4; k++, i++) {
        if (i >= text.length) return fail('in \\u hexadecimal character escape')
        if (!/[0-9a-fA-F]/.test(text[i])) fail('in \\u hexadecimal character escape')
        hex += text[i]
      }
      out += String.fromCharCode(parseInt(hex, 16))
    }
    return fail('in string literal')
  }
  const v = value()
  ws()
  if (i < text.length) fail('after top-level value')
  return saved === undefined ? { value: v } : { value: v, error: saved }
}
