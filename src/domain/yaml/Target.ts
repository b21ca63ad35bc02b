import { isGoInt, type Value } from '../go/Value'

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

/**
 * A YAML scalar landing in a Go string field, as ghodss/yaml and sigs.k8s.io/yaml convert it before
 * json.Unmarshal: ints via FormatInt, floats via FormatFloat(v, 'g', -1, 32) with ±Inf and NaN written
 * `.inf`, `-.inf`, `.nan`, bools as "true"/"false" (so `appVersion: 1.10` is "1.1"). Undefined for
 * anything else (null, lists, maps), which json.Unmarshal then judges itself.
 */
export const scalarAsString = (u: Value | unknown): string | undefined => {
  if (typeof u === 'string') return u
  if (typeof u === 'boolean') return u ? 'true' : 'false'
  if (typeof u === 'number') {
    const s = formatFloat32(u)
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s
  }
  if (isGoInt(u as Value)) return String(u)
  return undefined
}
