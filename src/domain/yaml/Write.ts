import * as E from 'fp-ts/Either'
import { invalidArgument } from '../GeneralError'
import type { HelmError } from '../errors'
import { type Value, GoInt, isGoStruct, isNil } from '../template/gotpl/value'
import { isNilList } from '../template/sprig/nilList'
import { isYamlBreak, isYamlPrintable, type ScalarStyle, stringStyle } from './WriteScalar'

/**
 * The YAML emitter Helm's `toYaml` and `helm get values` use (sigs.k8s.io/yaml: json.Marshal, then the
 * JSON read back and written by yaml.v2): keys in yaml.v2's natural order, sequences not indented under
 * a key, 2-space indentation, long lines folded past column 80, output ending in a newline.
 */

class MarshalError extends Error {}

const INT64_MIN = -(2n ** 63n)
const UINT64_MAX = 2n ** 64n - 1n

// yaml.v3 (toYamlPretty) marshals the Go value directly: float64 printed with %g, -0 kept.
const prettyNumber = (f: number): string =>
  Number.isNaN(f) ? '.nan' : f === Infinity ? '.inf' : f === -Infinity ? '-.inf' : Object.is(f, -0) ? '-0' : formatG(f)

/** Go `strconv.FormatFloat(f, 'g', -1, 64)`. */
const formatG = (f: number): string => {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-])(\d+)$/.exec(f.toExponential())
  if (m === null) return String(f)
  const exp = Number(m[5]) * (m[4] === '-' ? -1 : 1)
  if (exp >= -4 && exp < 6) return String(f)
  const e = Math.abs(exp)
  return `${m[1]}${m[2]}${m[3] === undefined ? '' : '.' + m[3]}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`
}

// json.Marshal prints a float64 as digits (shortest round trip, zero padded) below 1e21; yaml.v2 then
// reads integer-looking text as an int when it fits int64 or uint64 and prints it back unchanged,
// otherwise as a float64 printed with %g. So 1000000.0 → 1000000, 1234567.5 → 1.2345675e+06, -0 → 0.
const numberText = (f: number): string => {
  if (!Number.isFinite(f)) throw new MarshalError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`)
  if (Number.isInteger(f) && Math.abs(f) < 1e21) {
    const text = f === 0 ? '0' : String(f)
    const n = BigInt(text)
    if (n >= INT64_MIN && n <= UINT64_MAX) return text
  }
  return formatG(f)
}

// A JSON string is read back by yaml.v2: a raw NEL (which json.Marshal leaves unescaped) is a line
// break inside a double-quoted scalar, so it folds (with the spaces around it) to one space.
const foldNel = (s: string): string =>
  s.replace(/ *\u0085(?: *\u0085)* */g, (m) => {
    const breaks = m.split('\u0085').length - 1
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1)
  })

const checkChars = (s: string): string => {
  // yaml.v2's reader refuses these raw characters (json.Marshal escapes only C0 controls and U+2028/9)
  if (/[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/.test(s)) throw new MarshalError('yaml: control characters are not allowed')
  return s.includes('\u0085') ? foldNel(s) : s
}

/** yaml.v2 `keyList.Less` for string keys: letters after non-letters, digit runs compared as numbers. */
export const yamlKeyLess = (a: string, b: string): boolean => {
  const ar = Array.from(a)
  const br = Array.from(b)
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue
    const al = isLetter(ar[i])
    const bl = isLetter(br[i])
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!
    // non-letters first. This order is not transitive ("10a" < "1a" < "2a" < "10a"), so for such keys Go's
    // sort result depends on map iteration order and Helm's own output varies from run to run.
    if (al || bl) return bl
    let an = 0n
    let bn = 0n
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n
          bn = 1n
          break
        }
      }
    }
    let ai = i
    let bi = i
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48)
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48)
    if (an !== bn) return an < bn
    if (ai !== bi) return ai < bi
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!
  }
  return ar.length < br.length
}
const isLetter = (c: string): boolean => /^\p{L}$/u.test(c)
const isDigit = (c: string): boolean => c >= '0' && c <= '9' ? true : c > '\u007f' && /^\p{Nd}$/u.test(c)

const compareKeys = (a: string, b: string): number => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0)

const base64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64')

const BEST_WIDTH = 80

/** A line-oriented copy of yaml.v2's emitter state (column, indention, whitespace) for block style output. */
class Emitter {
  readonly width: number
  constructor(readonly pretty = false) {
    this.width = pretty ? Infinity : BEST_WIDTH
  }
  out = ''
  column = 0
  whitespace = true
  indention = true

  put(s: string): void {
    this.out += s
    this.column += s.length
  }

  putBreak(): void {
    this.out += '\n'
    this.column = 0
  }

  indicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ')
    this.put(ind)
    this.whitespace = isWhitespace
    this.indention = this.indention && isIndention
  }

  writeIndent(indent: number): void {
    const ind = Math.max(indent, 0)
    if (!this.indention || this.column > ind || (this.column === ind && !this.whitespace)) this.putBreak()
    if (this.column < ind) this.put(' '.repeat(ind - this.column))
    this.whitespace = true
    this.indention = true
  }

  node(v: Value, parentIndent: number, inMapping: boolean): void {
    if (isNil(v)) return this.plain('null')
    switch (typeof v) {
      case 'boolean':
        return this.plain(v ? 'true' : 'false')
      case 'number':
        return this.plain(this.pretty ? prettyNumber(v) : numberText(v))
      case 'string':
        return this.string(this.pretty ? v : checkChars(v), parentIndent, false)
      case 'function':
        throw new MarshalError('json: unsupported type: func()')
    }
    if (v instanceof GoInt) return this.plain(v.value.toString())
    if (v instanceof Uint8Array) return this.string(base64(v), parentIndent, false)
    if (Array.isArray(v)) {
      if (v.length === 0) return isNilList(v) ? this.plain('null') : this.indicator('[]', true, false, false)
      // a sequence directly under a mapping key is not indented (yaml.v2's "indentless" sequence)
      const indent = parentIndent < 0 ? 0 : inMapping && !this.indention && !this.pretty ? parentIndent : parentIndent + 2
      for (const item of v) {
        this.writeIndent(indent)
        this.indicator('-', true, false, true)
        this.node(item, indent, false)
      }
      return
    }
    if (isGoStruct(v)) {
      const json = v.method('MarshalJSON')
      return this.node(json === undefined ? {} : json(), parentIndent, inMapping)
    }
    const keys = Object.keys(v)
    if (keys.length === 0) return this.indicator('{}', true, false, false)
    const entries = keys.map((k) => [this.pretty ? k : checkChars(k), k] as const)
    entries.sort((x, y) => compareKeys(x[0], y[0]))
    const indent = parentIndent < 0 ? 0 : parentIndent + 2
    for (const [key, raw] of entries) {
      this.writeIndent(indent)
      const { style, multiline } = stringStyle(key, true, this.pretty)
      if (!multiline && Buffer.byteLength(key, 'utf8') <= 128) {
        this.scalar(key, style, indent, true)
        this.indicator(':', false, false, false)
      } else {
        // not a simple key: yaml.v2 writes "? key" then ": value"
        this.indicator('?', true, false, true)
        this.string(key, indent, false)
        this.writeIndent(indent)
        this.indicator(':', true, false, true)
      }
      this.node(v[raw], indent, true)
    }
  }

  plain(text: string): void {
    if (!this.whitespace) this.put(' ')
    this.put(text)
    this.whitespace = false
    this.indention = false
  }

  string(s: string, parentIndent: number, simpleKey: boolean): void {
    this.scalar(s, stringStyle(s, simpleKey, this.pretty).style, parentIndent, simpleKey)
  }

  scalar(s: string, style: ScalarStyle, parentIndent: number, simpleKey: boolean): void {
    // yaml.v2 increases the indent for the scalar itself: continuation lines go two columns deeper
    const indent = parentIndent < 0 ? 2 : parentIndent + 2
    const breaks = !simpleKey
    switch (style) {
      case 'plain':
        return this.writePlain(s, indent, breaks)
      case 'single':
        return this.writeSingle(s, indent, breaks)
      case 'double':
        return this.writeDouble(s, indent, breaks)
      case 'literal':
        return this.writeLiteral(s, indent)
    }
  }

  writePlain(s: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ')
    if (!allowBreaks || s.length + this.column <= this.width || !s.includes(' ')) this.put(s)
    else {
      let spaces = false
      for (let i = 0; i < s.length; i++) {
        const c = s[i]
        if (c === ' ') {
          if (!spaces && this.column > this.width && s[i + 1] !== ' ') this.writeIndent(indent)
          else this.put(c)
          spaces = true
        } else {
          this.put(c)
          this.indention = false
          spaces = false
        }
      }
    }
    this.whitespace = false
    this.indention = false
  }

  writeSingle(s: string, indent: number, allowBreaks: boolean): void {
    this.indicator("'", true, false, false)
    let spaces = false
    let breaks = false
    for (let i = 0; i < s.length; i++) {
      const c = s[i]
      const cp = c.charCodeAt(0)
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.width && i > 0 && i < s.length - 1 && s[i + 1] !== ' ')
          this.writeIndent(indent)
        else this.put(c)
        spaces = true
      } else if (isYamlBreak(cp)) {
        if (!breaks && c === '\n') this.putBreak()
        this.writeBreak(c)
        this.indention = true
        breaks = true
      } else {
        if (breaks) this.writeIndent(indent)
        this.put(c === "'" ? "''" : c)
        this.indention = false
        spaces = false
        breaks = false
      }
    }
    this.indicator("'", false, false, false)
    this.whitespace = false
    this.indention = false
  }

  writeBreak(c: string): void {
    if (c === '\n') this.putBreak()
    else {
      this.out += c
      this.column = 0
    }
  }

  writeDouble(s: string, indent: number, allowBreaks: boolean): void {
    let spaces = false
    this.indicator('"', true, false, false)
    for (let i = 0; i < s.length; i++) {
      let cp = s.charCodeAt(i)
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
        const lo = s.charCodeAt(i + 1)
        if (lo >= 0xdc00 && lo <= 0xdfff) cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00)
      }
      if (!isYamlPrintable(cp) || cp === 0xfeff || isYamlBreak(cp) || cp === 0x22 || cp === 0x5c) {
        if (cp > 0xffff) i++
        this.put('\\' + doubleEscape(cp))
        spaces = false
      } else if (cp === 0x20) {
        if (allowBreaks && !spaces && this.column > this.width && i > 0 && i < s.length - 1) {
          this.writeIndent(indent)
          if (s[i + 1] === ' ') this.put('\\')
        } else this.put(' ')
        spaces = true
      } else {
        this.put(s[i])
        spaces = false
      }
    }
    this.indicator('"', false, false, false)
    this.whitespace = false
    this.indention = false
  }

  writeLiteral(s: string, indent: number): void {
    this.indicator('|', true, false, false)
    const first = s.charCodeAt(0)
    if (first === 0x20 || isYamlBreak(first)) this.put('2')
    const last = s.charCodeAt(s.length - 1)
    if (!isYamlBreak(last)) this.put('-')
    else if (s.length === 1 || isYamlBreak(s.charCodeAt(s.length - 2))) this.put('+')
    this.putBreak()
    this.indention = true
    this.whitespace = true
    let breaks = true
    for (let i = 0; i < s.length; i++) {
      const c = s[i]
      if (isYamlBreak(c.charCodeAt(0))) {
        this.writeBreak(c)
        this.indention = true
        breaks = true
      } else {
        if (breaks) this.writeIndent(indent)
        this.put(c)
        this.indention = false
        breaks = false
      }
    }
  }
}

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
}

const doubleEscape = (cp: number): string => {
  const e = ESCAPES[cp]
  if (e !== undefined) return e
  const hex = cp.toString(16).toUpperCase()
  return cp <= 0xff ? 'x' + hex.padStart(2, '0') : cp <= 0xffff ? 'u' + hex.padStart(4, '0') : 'U' + hex.padStart(8, '0')
}

/**
 * Marshals a Go value to YAML exactly as sigs.k8s.io/yaml (hence Helm) does; the text ends with a newline.
 * Fails with InvalidArgument carrying Go's error text for what JSON or yaml.v2 refuse (NaN, ±Inf,
 * functions, C1 control characters).
 */
export const encodeYaml = (v: Value): E.Either<HelmError, string> => {
  try {
    const e = new Emitter()
    e.node(v, -1, false)
    e.writeIndent(-1)
    return E.right(e.out)
  } catch (err) {
    if (err instanceof MarshalError) {
      const json = err.message.startsWith('json:')
      return E.left(invalidArgument(json ? `error marshaling into JSON: ${err.message}` : `error converting JSON to YAML: ${err.message}`))
    }
    throw err
  }
}

/**
 * The YAML text of a value (what `helm get values` and `helm show values`-style output print), ending in a
 * newline; a value YAML cannot carry (NaN, a function) gives "" as Helm's `toYaml` does.
 */
/**
 * Helm's `toYamlPretty`: the yaml.v3 encoder with 2-space indentation (sequences indented under their key,
 * no folding of long lines, numbers printed as Go prints float64); ends with a newline.
 */
export const toYamlPrettyString = (v: Value): string => {
  try {
    const e = new Emitter(true)
    e.node(v, -1, false)
    e.writeIndent(-1)
    return e.out
  } catch (err) {
    if (err instanceof MarshalError) return ''
    throw err
  }
}

export const toYamlString = (v: Value): string => {
  const r = encodeYaml(v)
  return E.isRight(r) ? r.right : ''
}
