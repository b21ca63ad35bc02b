import { type Value, GoInt, type IntKind, isNil } from '../../go/Value'
import { type FuncMap, sliceItems, str, strval, want } from './args'
import { typed } from '../../go/Collections'

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** Wraps a bigint into int64 range the way Go's conversions overflow. */
export const wrap64 = (n: bigint): bigint => BigInt.asIntN(64, n)

// Go's strconv.ParseInt(s, 0, 64) syntax: sign, then 0x / 0o / 0b / leading-0 octal, underscores only after a prefix.
const parseIntBase0 = (s: string): bigint | undefined => {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s)
  if (m === null) return undefined
  let body = m[2]
  if (body.includes('_')) {
    // Go's underscoreOK: each '_' sits between digits, or right after a base prefix
    if (/__|_$/.test(body) || /^0[xXbBoO]?_?$/.test(body)) return undefined
    body = body.replace(/_/g, '')
  }
  const n = /^0[0-7]+$/.test(body) ? BigInt('0o' + body.slice(1)) : BigInt(body)
  const v = m[1] === '-' ? -n : n
  return v < INT64_MIN || v > INT64_MAX ? undefined : v
}

// spf13/cast trims a trailing ".0", ".00", ... before parsing an integer string.
const trimZeroDecimal = (s: string): string => {
  const m = /^(.*[0-9])\.0+$/.exec(s)
  return m !== null ? m[1] : s
}

/** spf13/cast `ToInt64`: ints, floats (truncated), bools, numeric strings (base prefixes, `010` octal); else 0. */
export const toInt64 = (v: Value): bigint => {
  if (isNil(v)) return 0n
  if (v instanceof GoInt) return wrap64(v.value)
  switch (typeof v) {
    case 'number':
      // Go's int64(f) on amd64: out of range (or NaN) gives the "integer indefinite" value, math.MinInt64
      return Number.isFinite(v) && Math.abs(v) < 2 ** 63 ? BigInt(Math.trunc(v)) : INT64_MIN
    case 'boolean':
      return v ? 1n : 0n
    case 'string':
      return parseIntBase0(trimZeroDecimal(v)) ?? 0n
  }
  return 0n
}

/** spf13/cast `ToFloat64`: numbers, bools, `strconv.ParseFloat` of strings; else 0. */
export const toFloat64 = (v: Value): number => {
  if (isNil(v)) return 0
  if (v instanceof GoInt) return Number(v.value)
  switch (typeof v) {
    case 'number':
      return v
    case 'boolean':
      return v ? 1 : 0
    case 'string':
      return parseGoFloat(v) ?? 0
  }
  return 0
}

// Go's underscoreOK: '_' only between digits (or right after a base prefix)
const underscoreOK = (s: string): boolean => {
  let t = s.replace(/^[+-]/, '')
  let saw = '^'
  let hex = false
  if (/^0[bBoOxX]/.test(t)) {
    hex = /^0[xX]/.test(t)
    t = t.slice(2)
    saw = '0'
  }
  for (const c of t) {
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0'
    else if (c === '_') {
      if (saw !== '0') return false
      saw = '_'
    } else {
      if (saw === '_') return false
      saw = '!'
    }
  }
  return saw !== '_'
}

/** Go's `strconv.ParseFloat(s, 64)`: decimal or hex-with-p-exponent text, `inf`/`nan`, digit-separating underscores; undefined on error. */
export const parseGoFloat = (s: string): number | undefined => {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity
  if (/^[+-]?nan$/i.test(s)) return NaN
  if (s.includes('_') && !underscoreOK(s)) return undefined
  const t = s.replace(/_/g, '')
  if (/^[+-]?0[xX]/.test(t)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(t)
    if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return undefined
    const mant = parseInt((m[2] || '0') + (m[3] ?? ''), 16) / 16 ** (m[3] ?? '').length
    const v = mant * 2 ** Number(m[4])
    return Number.isFinite(v) ? (m[1] === '-' ? -v : v) : undefined
  }
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : undefined
}

const goInt = (n: bigint, kind: IntKind): GoInt => new GoInt(kind === 'int' || kind === 'int64' ? wrap64(n) : n, kind)

/** Go's `strconv.Atoi` (base 10 only); 0 on error. */
// strconv.Atoi returns the clamped value with its range error; Sprig ignores the error
const parseAtoi = (s: string): bigint => {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0n
  const n = BigInt(s)
  return n < INT64_MIN ? INT64_MIN : n > INT64_MAX ? INT64_MAX : n
}

/** Sprig's type conversions: toString/atoi/int/int64/float64/toDecimal/toStrings (`int "010"` is 8, `int "12.9"` 0). */
export const conversionFuncs = (): FuncMap => ({
  toString: (...a: Value[]) => {
    want('toString', a, 1)
    return strval(a[0])
  },
  atoi: (...a) => {
    want('atoi', a, 1)
    return goInt(parseAtoi(str(a[0])), 'int')
  },
  int: (...a) => {
    want('int', a, 1)
    return goInt(toInt64(a[0]), 'int')
  },
  int64: (...a) => {
    want('int64', a, 1)
    return goInt(toInt64(a[0]), 'int64')
  },
  float64: (...a) => {
    want('float64', a, 1)
    return toFloat64(a[0])
  },
  toDecimal: (...a) => {
    want('toDecimal', a, 1)
    // strconv.ParseInt(fmt.Sprint(v), 8, 64)
    const s = strval(a[0])
    if (!/^[+-]?[0-7]+$/.test(s)) return goInt(0n, 'int64')
    const mag = BigInt('0o' + s.replace(/^[+-]/, ''))
    const n = s.startsWith('-') ? -mag : mag
    return goInt(n < INT64_MIN || n > INT64_MAX ? 0n : n, 'int64')
  },
  toStrings: (...a) => {
    want('toStrings', a, 1)
    return strslice(a[0])
  },
})

/** Sprig's `strslice`: a list's non-nil elements as strings; nil → []; a scalar → [itself]. */
export const strslice = (v: Value): string[] => {
  if (isNil(v)) return typed([], '[]string')
  const items = sliceItems(v)
  if (items === undefined) return typed([strval(v)], '[]string')
  return typed(items.filter((x) => !isNil(x)).map(strval), '[]string')
}
