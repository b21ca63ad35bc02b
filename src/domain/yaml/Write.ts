import * as E from 'fp-ts/Either'
import { type GeneralError, invalidArgument } from '../GeneralError'
import { type Value, GoComplex, GoInt, isGoStruct, isNil } from '../go/Value'
import { isNilList } from '../go/Collections'
import { ScalarWriter } from './WriteEmitter'
import { stringStyle } from './WriteScalar'
import { compareKeys } from './WriteKeys'
import { chargeNode, checkNesting } from '../go/Budget'

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
  if (!Number.isFinite(f))
    throw new MarshalError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`)
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
  if (/[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/.test(s))
    throw new MarshalError('yaml: control characters are not allowed')
  return s.includes('\u0085') ? foldNel(s) : s
}

const base64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64')

/** yaml.v2 marshalling of the Go value model (after sigs.k8s.io/yaml's JSON round trip) onto the scalar writer. */
class Emitter extends ScalarWriter {
  private depth = 0
  node(v: Value, parentIndent: number, inMapping: boolean): void {
    chargeNode() // a value shared many times over (built by templates) is written as often
    checkNesting(++this.depth)
    try {
      this.value(v, parentIndent, inMapping)
    } finally {
      this.depth--
    }
  }

  private value(v: Value, parentIndent: number, inMapping: boolean): void {
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
      const indent =
        parentIndent < 0 ? 0 : inMapping && !this.indention && !this.pretty ? parentIndent : parentIndent + 2
      for (const item of v) {
        this.writeIndent(indent)
        this.indicator('-', true, false, true)
        this.node(item, indent, false)
      }
      return
    }
    if (v instanceof GoComplex) throw new MarshalError('json: unsupported type: complex128')
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
}

/**
 * Marshals a Go value to YAML exactly as sigs.k8s.io/yaml (hence Helm) does; the text ends with a newline.
 * Fails with InvalidArgument carrying Go's error text for what JSON or yaml.v2 refuse (NaN, ±Inf,
 * functions, C1 control characters).
 */
export const encodeYaml = (v: Value): E.Either<GeneralError, string> => {
  try {
    const e = new Emitter()
    e.node(v, -1, false)
    e.writeIndent(-1)
    return E.right(e.out)
  } catch (err) {
    if (err instanceof MarshalError) {
      const json = err.message.startsWith('json:')
      return E.left(
        invalidArgument(
          json ? `error marshaling into JSON: ${err.message}` : `error converting JSON to YAML: ${err.message}`,
        ),
      )
    }
    throw err
  }
}

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

/**
 * The YAML text of a value (what `helm get values` and `helm show values`-style output print), ending in a
 * newline; a value YAML cannot carry (NaN, a function) gives "" as Helm's `toYaml` does.
 */
export const toYamlString = (v: Value): string => {
  const r = encodeYaml(v)
  return E.isRight(r) ? r.right : ''
}
