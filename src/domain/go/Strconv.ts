/**
 * The parts of Go's `strconv` the template engine needs: `FormatFloat` (exact, Go's rounding and
 * exponent rules, not JS `String`) and `Quote`/`QuoteToASCII`/`QuoteRune`/`CanBackquote`.
 */

/** Decimal digits of a non-negative float: value = 0.d1d2…dn × 10^dp (Go's `decimalSlice`). */
interface Digits {
  d: string
  dp: number
}

const f64 = new DataView(new ArrayBuffer(8))

/** The exact mantissa and binary exponent of a finite float64: |f| = mant × 2^exp. */
const decompose = (f: number): { mant: bigint; exp: number } => {
  f64.setFloat64(0, f)
  const hi = f64.getUint32(0)
  const lo = f64.getUint32(4)
  const bexp = (hi >>> 20) & 0x7ff
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  let exp: number
  if (bexp === 0) exp = -1074
  else {
    mant |= 1n << 52n
    exp = bexp - 1075
  }
  return { mant, exp }
}

/** Every decimal digit of |f| (a double always has a finite decimal expansion). */
const exactDigits = (f: number): Digits => {
  const { mant, exp } = decompose(f)
  if (mant === 0n) return { d: '', dp: 0 }
  let s: string
  let dp: number
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString()
    dp = s.length
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString()
    dp = s.length + exp
  }
  let end = s.length
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--
  return { d: s.slice(0, end), dp }
}

/** The shortest digits that read back as |f| (JS and Go agree on them). */
const shortestDigits = (f: number): Digits => {
  if (f === 0) return { d: '', dp: 0 }
  const e = Math.abs(f).toExponential()
  const at = e.indexOf('e')
  const mantissa = e.slice(0, at)
  const d = mantissa.length > 1 ? mantissa[0] + mantissa.slice(2) : mantissa
  return { d, dp: Number(e.slice(at + 1)) + 1 }
}

// Go's decimal.Round: round half to even on the exact digits.
const round = (x: Digits, nd: number): Digits => {
  if (nd < 0 || nd >= x.d.length) return x
  const c = x.d.charCodeAt(nd)
  const up = c === 53 && nd + 1 === x.d.length ? nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1 : c >= 53
  if (!up) {
    let end = nd
    while (end > 0 && x.d.charCodeAt(end - 1) === 48) end--
    return { d: x.d.slice(0, end), dp: x.dp }
  }
  let i = nd - 1
  while (i >= 0 && x.d[i] === '9') i--
  if (i < 0) return { d: '1', dp: x.dp + 1 }
  return { d: x.d.slice(0, i) + String.fromCharCode(x.d.charCodeAt(i) + 1), dp: x.dp }
}

const fmtE = (neg: boolean, x: Digits, prec: number, e: string): string => {
  let out = neg ? '-' : ''
  out += x.d.length === 0 ? '0' : x.d[0]
  if (prec > 0) {
    out += '.'
    const frac = x.d.slice(1, Math.min(x.d.length, prec + 1))
    out += frac + '0'.repeat(prec - frac.length)
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1
  const sign = exp < 0 ? '-' : '+'
  if (exp < 0) exp = -exp
  return out + e + sign + (exp < 10 ? '0' : '') + String(exp)
}

const fmtF = (neg: boolean, x: Digits, prec: number): string => {
  let out = neg ? '-' : ''
  if (x.dp > 0) {
    const m = Math.min(x.dp, x.d.length)
    out += x.d.slice(0, m) + '0'.repeat(x.dp - m)
  } else out += '0'
  if (prec > 0) {
    out += '.'
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1
      out += j >= 0 && j < x.d.length ? x.d[j] : '0'
    }
  }
  return out
}

const fmtB = (neg: boolean, f: number): string => {
  const { mant, exp } = decompose(f)
  return `${neg ? '-' : ''}${mant}p${exp >= 0 ? '+' : ''}${exp}`
}

// %x of a float: -0x1.8p+01, mantissa in hex with `prec` hex digits (-1 = shortest).
const fmtX = (neg: boolean, f: number, prec: number, upper: boolean): string => {
  let { mant, exp } = decompose(f)
  if (mant === 0n) exp = 0
  else {
    // normalise to 1.xxxx (53 bits) with the leading 1 at bit 52
    while (mant < 1n << 52n) {
      mant <<= 1n
      exp--
    }
    exp += 52
  }
  let frac = mant & ((1n << 52n) - 1n)
  let lead = mant === 0n ? 0n : 1n
  let hex = frac.toString(16).padStart(13, '0')
  if (prec >= 0 && prec < 13) {
    const shift = BigInt((13 - prec) * 4)
    const full = (lead << 52n) | frac
    let q = full >> shift
    const rem = full & ((1n << shift) - 1n)
    const half = 1n << (shift - 1n)
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++
    if (q >> BigInt(prec * 4) >= 2n) {
      q >>= 1n
      exp++
    }
    lead = q >> BigInt(prec * 4)
    frac = q & ((1n << BigInt(prec * 4)) - 1n)
    hex = prec === 0 ? '' : frac.toString(16).padStart(prec, '0')
  } else {
    hex = hex.replace(/0+$/, '')
    if (prec > 13) hex = hex.padEnd(prec, '0')
  }
  const sign = exp < 0 ? '-' : '+'
  const e = Math.abs(exp)
  let out = `${neg ? '-' : ''}0x${lead}${hex === '' ? '' : '.' + hex}p${sign}${e < 10 ? '0' : ''}${e}`
  if (upper) out = out.toUpperCase()
  return out
}

/** The float formats of `strconv.FormatFloat`. */
export type FloatFormat = 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'b' | 'x' | 'X'

/**
 * Go's `strconv.FormatFloat(f, fmt, prec, 64)`: `prec` -1 means the shortest digits that round-trip.
 * Rounding is exact (half to even on the true binary value), so `%f` of 1e100 prints every digit.
 */
export const formatFloat = (f: number, fmt: FloatFormat, prec: number): string => {
  if (Number.isNaN(f)) return 'NaN'
  if (f === Infinity) return '+Inf'
  if (f === -Infinity) return '-Inf'
  const neg = f < 0 || Object.is(f, -0)
  if (fmt === 'b') return fmtB(neg, f)
  if (fmt === 'x' || fmt === 'X') return fmtX(neg, f, prec, fmt === 'X')
  const shortest = prec < 0
  let x: Digits
  if (shortest) {
    x = shortestDigits(f)
    if (fmt === 'e' || fmt === 'E') prec = Math.max(x.d.length - 1, 0)
    else if (fmt === 'f' || fmt === 'F') prec = Math.max(x.d.length - x.dp, 0)
    else prec = x.d.length
  } else {
    x = exactDigits(f)
    if (fmt === 'e' || fmt === 'E') x = round(x, prec + 1)
    else if (fmt === 'f' || fmt === 'F') x = round(x, x.dp + prec)
    else {
      if (prec === 0) prec = 1
      x = round(x, prec)
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, x, prec, fmt)
    case 'f':
    case 'F':
      return fmtF(neg, x, prec)
    default: {
      let eprec = prec
      if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length
      if (shortest) eprec = 6
      const exp = x.dp - 1
      if (exp < -4 || exp >= eprec) {
        if (prec > x.d.length) prec = x.d.length
        return fmtE(neg, x, prec - 1, fmt === 'g' ? 'e' : 'E')
      }
      if (prec > x.dp) prec = x.d.length
      return fmtF(neg, x, Math.max(prec - x.dp, 0))
    }
  }
}

// made on first use: a Unicode property class costs ~0.4 ms to create, and most runs print only ASCII
let printable: RegExp | undefined
const GRAPHIC_SPACES = new Set([
  0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f,
  0x3000,
])

/** Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export const isPrint = (cp: number): boolean => {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f
  printable ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u
  return printable.test(String.fromCodePoint(cp))
}

/** Go's `unicode.IsGraphic` (IsPrint plus the Unicode space separators). */
export const isGraphic = (cp: number): boolean => isPrint(cp) || GRAPHIC_SPACES.has(cp)

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0')

const escapeRune = (cp: number, quote: number, ascii: boolean): string => {
  if (cp === quote || cp === 92) return '\\' + String.fromCharCode(cp)
  if (ascii ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return String.fromCodePoint(cp)
  switch (cp) {
    case 7:
      return '\\a'
    case 8:
      return '\\b'
    case 12:
      return '\\f'
    case 10:
      return '\\n'
    case 13:
      return '\\r'
    case 9:
      return '\\t'
    case 11:
      return '\\v'
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2)
  if (cp >= 0xd800 && cp < 0xe000) return ascii ? '\\ufffd' : '\ufffd'
  if (cp < 0x10000) return '\\u' + hex(cp, 4)
  return '\\U' + hex(cp, 8)
}

const quoteWith = (s: string, quote: number, ascii: boolean): string => {
  const q = String.fromCharCode(quote)
  let out = q
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x20 && c < 0x7f && c !== quote && c !== 92) continue
    out += s.slice(start, i)
    const cp = s.codePointAt(i)!
    if (cp > 0xffff) i++
    out += escapeRune(cp, quote, ascii)
    start = i + 1
  }
  return out + s.slice(start) + q
}

/** Go's `strconv.Quote`: a double-quoted Go string literal, printable Unicode kept. */
export const quote = (s: string): string => quoteWith(s, 34, false)

/** Go's `strconv.QuoteToASCII` (`%+q`). */
export const quoteToASCII = (s: string): string => quoteWith(s, 34, true)

/** Go's `strconv.QuoteRune` (`%q` of an integer); invalid code points become U+FFFD. */
export const quoteRune = (cp: number, ascii = false): string =>
  quoteWith(String.fromCodePoint(cp > 0x10ffff || cp < 0 || (cp >= 0xd800 && cp < 0xe000) ? 0xfffd : cp), 39, ascii)

/** Go's `strconv.CanBackquote`: no control characters (but tab), no backquote, no U+FEFF. */
export const canBackquote = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c < 0x20 && c !== 9) || c === 0x7f || c === 0x60 || c === 0xfeff) return false
  }
  return true
}
