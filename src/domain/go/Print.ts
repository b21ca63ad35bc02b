/**
 * Go fmt's printer of one operand under one verb (fmt.printArg / printValue): flags, width and
 * precision, integers, floats, strings, bytes, maps with sorted keys, slices, nil and `%!verb(T=v)`.
 */
import { type Value, type GoMap, GoComplex, GoInt, isGoStruct, isGoMap, sortedKeys } from './Value'
import { formatFloat, quote, quoteToASCII, quoteRune, canBackquote, isPrint } from './Strconv'
import { typeName } from './Types'
import { chargeNode, charged, checkNesting } from './Budget'

/** The flags, width and precision of one verb. */
export interface Flags {
  plus: boolean
  minus: boolean
  sharp: boolean
  space: boolean
  zero: boolean
  plusV: boolean
  sharpV: boolean
  widPresent: boolean
  wid: number
  precPresent: boolean
  prec: number
}

/** No flags, no width, no precision. */
export const noFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
  widPresent: false,
  wid: 0,
  precPresent: false,
  prec: 0,
})

const runeCount = (s: string): number => {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c < 0xdc00) n--
  }
  return n
}

const padding = (f: Flags, n: number): string => (n <= 0 ? '' : (f.zero && !f.minus ? '0' : ' ').repeat(n))

/** Pads `s` to the width in runes, left or right (fmt.pad). */
const pad = (f: Flags, s: string): string => {
  if (!f.widPresent || f.wid === 0) return s
  const n = f.wid - runeCount(s)
  if (n <= 0) return s
  return f.minus ? s + ' '.repeat(n) : padding(f, n) + s
}

const truncate = (f: Flags, s: string): string => {
  if (!f.precPresent) return s
  let i = 0
  let n = 0
  while (i < s.length && n < f.prec) {
    const c = s.charCodeAt(i)
    i += c >= 0xd800 && c < 0xdc00 ? 2 : 1
    n++
  }
  return s.slice(0, i)
}

const LDIGITS = '0123456789abcdefx'
const UDIGITS = '0123456789ABCDEFX'

const fmtInteger = (f: Flags, v: bigint, base: number, verb: string, digits: string): string => {
  const negative = v < 0n
  const u = negative ? -v : v
  let prec = 0
  if (f.precPresent) {
    prec = f.prec
    if (prec === 0 && u === 0n) return padding({ ...f, zero: false }, f.wid)
  } else if (f.zero && !f.minus && f.widPresent) {
    prec = f.wid
    if (negative || f.plus || f.space) prec--
  }
  let s = u === 0n ? '0' : u.toString(base)
  if (digits === UDIGITS) s = s.toUpperCase()
  if (s.length < prec) s = '0'.repeat(prec - s.length) + s
  if (f.sharp) {
    if (base === 2) s = '0b' + s
    else if (base === 8 && s[0] !== '0') s = '0' + s
    else if (base === 16) s = '0' + digits[16] + s
  }
  if (verb === 'O') s = '0o' + s
  if (negative) s = '-' + s
  else if (f.plus) s = '+' + s
  else if (f.space) s = ' ' + s
  return pad({ ...f, zero: false }, s)
}

const fmtFloat = (f: Flags, v: number, verb: string, prec: number): string => {
  if (f.precPresent) prec = f.prec
  const fv = verb === 'v' ? 'g' : verb === 'F' ? 'f' : verb
  let num = formatFloat(v, fv as 'g', prec)
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1)
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1)
    return pad({ ...f, zero: false }, num)
  }
  if (f.sharp && verb !== 'b') {
    let digits = 0
    if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec
    let tail = ''
    let hasPoint = false
    let sawNonzero = false
    let body = num
    for (let i = 1; i < body.length; i++) {
      const c = body[i]
      if (c === '.') hasPoint = true
      else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
        tail = body.slice(i)
        body = body.slice(0, i)
        break
      } else {
        if (c !== '0') sawNonzero = true
        if (sawNonzero) digits--
      }
    }
    if (!hasPoint) {
      if (body.length === 2 && body[1] === '0') digits--
      body += '.'
    }
    if (digits > 0) body += '0'.repeat(digits)
    num = body + tail
  }
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.widPresent && f.wid > num.length)
      return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1)
    return pad(f, num)
  }
  return pad(f, num.slice(1))
}

const fmtSbx = (f: Flags, bytes: Uint8Array, digits: string): string => {
  let length = bytes.length
  if (f.precPresent && f.prec < length) length = f.prec
  let width = 2 * length
  if (width > 0) {
    if (f.space) {
      if (f.sharp) width *= 2
      width += length - 1
    } else if (f.sharp) width += 2
  } else return f.widPresent ? padding(f, f.wid) : ''
  let out = ''
  if (f.widPresent && f.wid > width && !f.minus) out += padding(f, f.wid - width)
  if (f.sharp) out += '0' + digits[16]
  for (let i = 0; i < length; i++) {
    if (f.space && i > 0) {
      out += ' '
      if (f.sharp) out += '0' + digits[16]
    }
    const c = bytes[i]
    out += digits[c >> 4] + digits[c & 15]
  }
  if (f.widPresent && f.wid > width && f.minus) out += ' '.repeat(f.wid - width)
  return out
}

const fmtQ = (f: Flags, s: string): string => {
  s = truncate(f, s)
  if (f.sharp && canBackquote(s)) return pad(f, '`' + s + '`')
  return pad(f, f.plus ? quoteToASCII(s) : quote(s))
}

const fmtString = (f: Flags, s: string, verb: string, arg: Value): string => {
  switch (verb) {
    case 'v':
      return f.sharpV ? fmtQ(f, s) : pad(f, truncate(f, s))
    case 's':
      return pad(f, truncate(f, s))
    case 'x':
      return fmtSbx(f, Buffer.from(s, 'utf8'), LDIGITS)
    case 'X':
      return fmtSbx(f, Buffer.from(s, 'utf8'), UDIGITS)
    case 'q':
      return fmtQ(f, s)
  }
  return badVerb(f, verb, arg)
}

const fmtIntValue = (f: Flags, v: GoInt, verb: string): string => {
  const signed = !v.kind.startsWith('u')
  switch (verb) {
    case 'v':
      if (f.sharpV && !signed) return fmtInteger({ ...f, sharp: true }, v.value, 16, verb, LDIGITS)
      return fmtInteger(f, v.value, 10, verb, LDIGITS)
    case 'd':
      return fmtInteger(f, v.value, 10, verb, LDIGITS)
    case 'b':
      return fmtInteger(f, v.value, 2, verb, LDIGITS)
    case 'o':
    case 'O':
      return fmtInteger(f, v.value, 8, verb, LDIGITS)
    case 'x':
      return fmtInteger(f, v.value, 16, verb, LDIGITS)
    case 'X':
      return fmtInteger(f, v.value, 16, verb, UDIGITS)
    case 'c':
      return pad(f, String.fromCodePoint(validRune(v.value)))
    case 'q': {
      const r = String.fromCodePoint(validRune(v.value))
      return pad(f, f.sharp && canBackquote(r) ? "'" + r + "'" : quoteRune(validRune(v.value), f.plus))
    }
    case 'U': {
      // Go prints the value as a uint64
      const u = v.value < 0n ? v.value + (1n << 64n) : v.value
      let s =
        'U+' +
        u
          .toString(16)
          .toUpperCase()
          .padStart(f.precPresent && f.prec > 4 ? f.prec : 4, '0')
      if (f.sharp && u <= 0x10ffffn && isPrint(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'"
      return pad({ ...f, zero: false }, s)
    }
  }
  return badVerb(f, verb, v)
}

const validRune = (v: bigint): number => (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n) ? 0xfffd : Number(v))

// fmt.fmtComplex: each part printed as a float under the verb (width applies to each), the imaginary one signed.
const fmtComplex = (f: Flags, c: GoComplex, verb: string): string => {
  if (!'vbgGxXfFeE'.includes(verb)) return badVerb(f, verb, c)
  const prec = verb === 'v' || verb === 'b' || verb === 'g' || verb === 'G' || verb === 'x' || verb === 'X' ? -1 : 6
  return `(${fmtFloat(f, c.re, verb, prec)}${fmtFloat({ ...f, plus: true }, c.im, verb, prec)}i)`
}

const badVerb = (f: Flags, verb: string, arg: Value): string => {
  if (arg === null || arg === undefined) return `%!${verb}(<nil>)`
  return `%!${verb}(${typeName(arg)}=${printArg(f, arg, 'v', 0)})`
}

const structString = (v: Value): string | undefined => (isGoStruct(v) && v.format ? v.format() : undefined)

/** Prints one operand under one verb (fmt.printArg + printValue); `depth` > 0 inside maps and slices. */
export const printArg = (f: Flags, arg: Value, verb: string, depth: number): string => {
  chargeNode() // a value shared many times over (built by templates) is printed as often
  checkNesting(depth)
  if (arg === null || arg === undefined) {
    if (depth > 0) return f.sharpV ? 'interface {}(nil)' : '<nil>'
    return verb === 'T' || verb === 'v' ? pad(f, '<nil>') : badVerb(f, verb, arg)
  }
  if (verb === 'T') return pad(f, truncate(f, typeName(arg)))
  if (verb === 'p') return badVerb(f, verb, arg)
  switch (typeof arg) {
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(f, arg ? 'true' : 'false') : badVerb(f, verb, arg)
    case 'string':
      return fmtString(f, arg, verb, arg)
    case 'number':
      switch (verb) {
        case 'v':
          return fmtFloat(f, arg, 'g', -1)
        case 'b':
        case 'g':
        case 'G':
        case 'x':
        case 'X':
          return fmtFloat(f, arg, verb, -1)
        case 'f':
        case 'e':
        case 'E':
        case 'F':
          return fmtFloat(f, arg, verb, 6)
      }
      return badVerb(f, verb, arg)
    case 'function':
      return verb === 'v' ? pad(f, '0x0') : badVerb(f, verb, arg)
  }
  if (arg instanceof GoInt) return fmtIntValue(f, arg, verb)
  if (arg instanceof Uint8Array) return fmtBytes(f, arg, verb, depth)
  if (Array.isArray(arg)) {
    if (f.sharpV) return charged(`${typeName(arg)}{${arg.map((e) => printArg(f, e, verb, depth + 1)).join(', ')}}`)
    let out = '['
    for (let i = 0; i < arg.length; i++) out += (i > 0 ? ' ' : '') + printArg(f, arg[i], verb, depth + 1)
    return charged(out + ']')
  }
  if (arg instanceof GoComplex) return fmtComplex(f, arg, verb)
  const s = structString(arg)
  if (s !== undefined) {
    if (verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q') return fmtString(f, s, verb, s)
    return badVerb(f, verb, arg)
  }
  if (isGoStruct(arg)) return `{}`
  if (isGoMap(arg)) return printMap(f, arg, verb, depth)
  return badVerb(f, verb, arg)
}

const printMap = (f: Flags, m: GoMap, verb: string, depth: number): string => {
  const keys = sortedKeys(m)
  if (f.sharpV) {
    const parts = keys.map((k) => `${printArg(f, k, verb, depth + 1)}:${printArg(f, m[k] ?? null, verb, depth + 1)}`)
    return charged(`${typeName(m)}{${parts.join(', ')}}`)
  }
  let out = 'map['
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += ' '
    out += printArg(f, keys[i], verb, depth + 1) + ':' + printArg(f, m[keys[i]] ?? null, verb, depth + 1)
  }
  return charged(out + ']')
}

const fmtBytes = (f: Flags, b: Uint8Array, verb: string, depth: number): string => {
  switch (verb) {
    case 'v':
    case 'd': {
      if (f.sharpV) {
        const parts: string[] = []
        for (const c of b) parts.push(fmtInteger({ ...f, sharp: true }, BigInt(c), 16, verb, LDIGITS))
        return `[]byte{${parts.join(', ')}}`
      }
      const parts: string[] = []
      for (const c of b) parts.push(fmtInteger(f, BigInt(c), 10, verb, LDIGITS))
      return `[${parts.join(' ')}]`
    }
    case 's':
      return pad(f, truncate(f, Buffer.from(b).toString('utf8')))
    case 'x':
      return fmtSbx(f, b, LDIGITS)
    case 'X':
      return fmtSbx(f, b, UDIGITS)
    case 'q':
      return fmtQ(f, Buffer.from(b).toString('utf8'))
  }
  const parts: string[] = []
  for (const c of b) parts.push(printArg(f, new GoInt(BigInt(c), 'uint8'), verb, depth + 1))
  return `[${parts.join(' ')}]`
}
