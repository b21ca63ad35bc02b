import * as t from 'io-ts'
import { isGoInt } from '../go/Value'

/**
 * Go's `strconv.FormatFloat(v, 'g', -1, 32)`: the shortest decimal that round-trips through float32,
 * in %e form when the exponent is < -4 or >= 6 (Go fixes the %g switch-over at 6 digits when the
 * precision is "shortest"), e.g. 1.10 → "1.1", 1234567 → "1.234567e+06".
 */
export const formatFloat32 = (v: number): string => {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf'
  const f = Math.fround(v)
  if (f === 0) return Object.is(f, -0) ? '-0' : '0'
  let sci = f.toExponential(8)
  for (let p = 1; p <= 9; p++) {
    const s = f.toExponential(p - 1)
    if (Math.fround(Number(s)) === f) {
      sci = s
      break
    }
  }
  const [mantissa = '', expText = '0'] = sci.split('e')
  const neg = mantissa.startsWith('-')
  const digits = mantissa.replace(/^-/, '').replace('.', '').replace(/0+$/, '') || '0'
  const exp = Number(expText)
  const sign = neg ? '-' : ''
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    const e = Math.abs(exp).toString().padStart(2, '0')
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0')
  const frac = digits.slice(exp + 1)
  return `${sign}${intPart}${frac ? `.${frac}` : ''}`
}

// Helm reads Chart.yaml/requirements.yaml with ghodss/yaml, which converts a YAML scalar landing in a
// Go string field to text: ints via FormatInt, floats via FormatFloat(v, 'g', -1, 32), bools as
// "true"/"false". So `appVersion: 1.10` is "1.1" and `version: 1` is "1".
const ghodssString = (u: unknown): string | undefined => {
  if (typeof u === 'string') return u
  if (typeof u === 'boolean') return u ? 'true' : 'false'
  if (typeof u === 'number') return formatFloat32(u)
  if (isGoInt(u as never)) return String(u)
  return undefined
}

/** A Go string field as ghodss fills it from YAML (see `formatFloat32`). */
export const GoString = new t.Type<string, string, unknown>(
  'string',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    const s = ghodssString(u)
    return s === undefined ? t.failure(u, c) : t.success(s)
  },
  t.identity,
)

/** A Go bool field: only a YAML boolean decodes (json.Unmarshal refuses a string). */
export const GoBool = t.boolean

/** A Go field that YAML `null` leaves at its zero value: null decodes as undefined. */
export const nullable = <A, O>(c: t.Type<A, O, unknown>): t.Type<A | undefined, O | undefined, unknown> =>
  new t.Type<A | undefined, O | undefined, unknown>(
    c.name,
    (u): u is A | undefined => u === undefined || c.is(u),
    (u, ctx) => (u === null || u === undefined ? t.success(undefined) : c.validate(u, ctx)),
    (a) => (a === undefined ? undefined : c.encode(a)),
  )
