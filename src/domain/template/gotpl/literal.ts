/**
 * Go literal readers used by the parser: `strconv.Unquote` for "…", `…` and '…', and the number
 * readings of parse.NumberNode (ParseUint/ParseInt base 0, ParseFloat, rune constants).
 * Each returns `undefined` (or a message) instead of throwing.
 */
import type { NumberNode } from './ast'

const hexVal = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1

const NEEDS_DECODING = /["\\\n]/

/** Go's `strconv.Unquote`: the value of a Go string, raw string or rune literal; undefined if invalid. */
export const unquote = (s: string): string | undefined => {
  const q = s[0]
  if (s.length < 2 || s[s.length - 1] !== q) return undefined
  const body = s.slice(1, -1)
  if (q === '`') return body.includes('`') ? undefined : body.split('\r').join('')
  if (q !== '"' && q !== "'") return undefined
  // most strings hold no escape: their text is their value
  if (q === '"' && !NEEDS_DECODING.test(body)) return body
  let out = ''
  let bytes: number[] = []
  const flush = (): void => {
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8')
      bytes = []
    }
  }
  let runes = 0
  for (let i = 0; i < body.length; ) {
    const c = body.charCodeAt(i)
    if (c === q.charCodeAt(0) || c === 10) return undefined
    if (c !== 92) {
      flush()
      const cp = body.codePointAt(i)!
      out += String.fromCodePoint(cp)
      i += cp > 0xffff ? 2 : 1
      runes++
      continue
    }
    const e = body[i + 1]
    i += 2
    runes++
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    }
    if (e in simple) {
      flush()
      out += simple[e]
      continue
    }
    if (e === q) {
      flush()
      out += q
      continue
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8
      let v = 0
      for (let k = 0; k < len; k++) {
        const h = hexVal(body.charCodeAt(i + k))
        if (h < 0) return undefined
        v = v * 16 + h
      }
      i += len
      if (e === 'x') {
        if (q === "'") {
          flush()
          out += String.fromCharCode(v)
        } else bytes.push(v)
        continue
      }
      if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined
      flush()
      out += String.fromCodePoint(v)
      continue
    }
    if (e >= '0' && e <= '7') {
      let v = 0
      for (let k = -1; k < 2; k++) {
        const d = body.charCodeAt(i + k) - 48
        if (d < 0 || d > 7) return undefined
        v = v * 8 + d
      }
      i += 2
      if (v > 255) return undefined
      if (q === "'") {
        flush()
        out += String.fromCharCode(v)
      } else bytes.push(v)
      continue
    }
    return undefined
  }
  flush()
  if (q === "'" && runes !== 1) return undefined
  return out
}

const cleanUnderscores = (digits: string, based: boolean): string | undefined => {
  if (!digits.includes('_')) return digits
  // Go's underscoreOK: '_' only between digits, or right after a base prefix
  let prev = based ? '0' : '^'
  for (const ch of digits) {
    if (ch === '_' && (prev === '_' || prev === '^' || prev === '.')) return undefined
    if (ch === '.' && prev === '_') return undefined
    prev = ch
  }
  if (prev === '_') return undefined
  return digits.split('_').join('')
}

/** Go's `strconv.ParseInt(s, 0, 64)`-style integer reading (sign allowed), without range checks. */
const parseInteger = (text: string): bigint | undefined => {
  let s = text
  let neg = false
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-'
    s = s.slice(1)
  }
  if (s === '') return undefined
  let base = 10
  let prefix = ''
  if (s[0] === '0' && s.length > 1) {
    const p = s[1].toLowerCase()
    if (p === 'x' || p === 'o' || p === 'b') {
      base = p === 'x' ? 16 : p === 'o' ? 8 : 2
      prefix = s.slice(0, 2)
      s = s.slice(2)
    } else {
      base = 8
      s = s.slice(1)
      prefix = '0'
    }
  }
  const clean = cleanUnderscores(s, prefix !== '')
  if (clean === undefined || (clean === '' && prefix.length !== 1)) return undefined
  if (clean === '') return 0n
  for (const ch of clean) {
    const v = hexVal(ch.charCodeAt(0))
    if (v < 0 || v >= base) return undefined
  }
  const radix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : ''
  const v = BigInt(radix + clean)
  return neg ? -v : v
}

const isDigitIn = (c: string, hex: boolean): boolean =>
  c === '_' || (hex ? hexVal(c.charCodeAt(0)) >= 0 : c >= '0' && c <= '9')

/** Splits `int[.frac][e|p exp]` into its parts; the exponent part is required for hex (`p`), undefined if malformed. */
const splitFloat = (s: string, hex: boolean): [string, string, string | undefined] | undefined => {
  let i = 0
  while (i < s.length && isDigitIn(s[i], hex)) i++
  const int = s.slice(0, i)
  let frac = ''
  if (s[i] === '.') {
    const j = ++i
    while (i < s.length && isDigitIn(s[i], hex)) i++
    frac = s.slice(j, i)
  }
  if (i === s.length) return hex ? [int, frac, ''] : [int, frac, undefined]
  const e = s[i].toLowerCase()
  if (e !== (hex ? 'p' : 'e')) return undefined
  i++
  const k = i
  if (s[i] === '+' || s[i] === '-') i++
  const d = i
  while (i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_')) i++
  if (i !== s.length || i === d) return undefined
  return [int, frac, s.slice(k)]
}

/** Go's `strconv.ParseFloat(s, 64)` over decimal and hexadecimal float syntax. */
const parseFloat64 = (text: string): number | undefined => {
  let s = text
  let sign = 1
  if (s[0] === '+' || s[0] === '-') {
    sign = s[0] === '-' ? -1 : 1
    s = s.slice(1)
  }
  if (s[0] === '0' && (s[1] === 'x' || s[1] === 'X')) {
    const m = splitFloat(s.slice(2), true)
    if (!m || (m[0] === '' && m[1] === '') || m[2] === '') return undefined
    const int = cleanUnderscores(m[0], true)
    const frac = cleanUnderscores(m[1], false)
    if (int === undefined || frac === undefined) return undefined
    const mant = BigInt('0x' + (int + frac || '0'))
    const exp = Number(m[2]!.split('_').join('')) - 4 * frac.length
    return sign * Number(mant) * 2 ** exp
  }
  const clean = cleanUnderscores(s, false)
  const m = clean === undefined ? undefined : splitFloat(clean, false)
  if (!m || (m[0] === '' && m[1] === '') || m[2] === '') return undefined
  const f = Number(clean)
  return Number.isFinite(f) ? sign * f : undefined
}

/** `strconv.ParseFloat(s, 64)` with Go's error text (`strconv.ParseFloat: parsing "x": invalid syntax`). */
const parseFloatOrError = (text: string): number | string => {
  const f = parseFloat64(text)
  if (f !== undefined) return f
  // parseFloat64 refuses both bad syntax and overflow; the syntax is good when the digits alone parse
  const inRange = parseFloat64(text.replace(/([eEpP][+-]?)[0-9_]+$/, '$10'))
  const why = inRange !== undefined && /[eEpP][+-]?[0-9_]+$/.test(text) ? 'value out of range' : 'invalid syntax'
  return `strconv.ParseFloat: parsing ${JSON.stringify(text)}: ${why}`
}

/**
 * fmt.Sscan of a complex128, as text/template reads a `1+2i` constant: a float token (fmt's own scanner: sign,
 * digits and `_`, `0x` hex, a point, an exponent), a sign, another float token, then `i`; each token goes to
 * ParseFloat. Returns the parts, or Go's error text.
 */
const scanComplex = (text: string): readonly [number, number] | string => {
  let i = 0
  const accept = (chars: string): boolean => {
    if (i < text.length && chars.includes(text[i]!)) {
      i++
      return true
    }
    return false
  }
  const floatToken = (): string => {
    const start = i
    if (accept('nN') && accept('aA') && accept('nN')) return text.slice(start, i)
    accept('+-')
    if (accept('iI') && accept('nN') && accept('fF')) return text.slice(start, i)
    let digits = '0123456789_'
    let exp = 'eEpP'
    if (accept('0') && accept('xX')) {
      digits = '0123456789aAbBcCdDeEfF_'
      exp = 'pP'
    }
    while (accept(digits));
    if (accept('.')) while (accept(digits));
    if (accept(exp)) {
      accept('+-')
      while (accept('0123456789_'));
    }
    return text.slice(start, i)
  }
  const real = floatToken()
  const signAt = i
  if (!accept('+-')) return 'syntax error scanning complex number'
  const imag = text[signAt] + floatToken()
  if (!accept('i')) return 'syntax error scanning complex number'
  const re = parseFloatOrError(real)
  if (typeof re === 'string') return re
  const im = parseFloatOrError(imag)
  if (typeof im === 'string') return im
  return [re, im]
}

/** parse.NumberNode's simplifyComplex: a complex constant with no imaginary part also reads as float and int. */
const complexNode = (pos: number, text: string, re: number, im: number): NumberNode => {
  const isFloat = im === 0
  const isInt = isFloat && Number.isInteger(re) && re >= -(2 ** 63) && re < 2 ** 63
  const isUint = isFloat && Number.isInteger(re) && re >= 0 && re < 2 ** 64
  return {
    type: 'number',
    pos,
    text,
    isInt,
    isUint,
    isFloat,
    isComplex: true,
    int64: isInt ? BigInt(re) : 0n,
    uint64: isUint ? BigInt(re) : 0n,
    float64: isFloat ? re : 0,
    complex128: [re, im],
  }
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n

/**
 * The readings of a number literal, or the parse error text Go gives for it. `complex` marks the lexer's
 * complex item (`1+2i`); an imaginary literal (`1.5i`) is recognised by its `i`.
 */
export const readNumber = (pos: number, text: string, isChar: boolean, complex = false): NumberNode | string => {
  const node = (
    isInt: boolean,
    isUint: boolean,
    isFloat: boolean,
    int64: bigint,
    uint64: bigint,
    float64: number,
  ): NumberNode => ({ type: 'number', pos, text, isInt, isUint, isFloat, isComplex: false, int64, uint64, float64 })
  if (isChar) {
    // Go reads one character (strconv.UnquoteChar), then requires the closing quote
    const e = text[2]
    const width =
      text[1] !== '\\'
        ? text.codePointAt(1)! > 0xffff
          ? 2
          : 1
        : e === 'x'
          ? 4
          : e === 'u'
            ? 6
            : e === 'U'
              ? 10
              : e >= '0' && e <= '7'
                ? 4
                : 2
    if (unquote(`'${text.slice(1, 1 + width)}'`) === undefined) return 'invalid syntax'
    const r = unquote(text)
    if (r === undefined) return `malformed character constant: ${text}`
    const cp = BigInt(r.codePointAt(0)!)
    return node(true, true, true, cp, cp, Number(cp))
  }
  if (complex) {
    const c = scanComplex(text)
    return typeof c === 'string' ? c : complexNode(pos, text, c[0], c[1])
  }
  if (text.endsWith('i')) {
    const f = parseFloat64(text.slice(0, -1))
    if (f !== undefined) return complexNode(pos, text, 0, f)
  }
  const i = parseInteger(text)
  const isUint = i !== undefined && !text.startsWith('-') && !text.startsWith('+') && i >= 0n && i <= UINT64_MAX
  const isInt = i !== undefined && i >= INT64_MIN && i <= INT64_MAX
  if (isInt || isUint)
    return node(isInt, isUint || (isInt && i === 0n), true, isInt ? i! : 0n, isUint ? i! : 0n, Number(i))
  const f = parseFloat64(text)
  if (f === undefined) return `illegal number syntax: ${JSON.stringify(text)}`
  if (![...'.eEpP'].some((c) => text.includes(c))) return `integer overflow: ${JSON.stringify(text)}`
  const whole = Number.isInteger(f)
  const asInt = whole && f >= -(2 ** 63) && f < 2 ** 63
  const asUint = whole && f >= 0 && f < 2 ** 64
  return node(asInt, asUint, true, asInt ? BigInt(f) : 0n, asUint ? BigInt(f) : 0n, f)
}
