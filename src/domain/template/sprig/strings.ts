import { quote as goQuote } from '../../go/Fmt'
import { type Value, GoError, isNil } from '../../go/Value'
import { type FuncMap, int, str, strval, want } from './args'
import { strslice } from './conversion'
import { typed } from '../../go/Collections'
import {
  abbreviate,
  camelcase,
  deleteWhiteSpace,
  goLower,
  goUpper,
  initials,
  snakeLike,
  swapcase,
  title,
  uncapitalize,
  wrapCustom,
} from './words'
import { charge } from '../../go/Budget'

/** How many times `sub` occurs in `s` (one more than the characters when `sub` is empty, as Go counts). */
const occurrences = (s: string, sub: string): number => {
  if (sub === '') return s.length + 1
  let n = 0
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++
  return n
}

/** Charges the render's budget for indenting every line of `v` by `n` spaces, before it is built; returns `n`. */
const chargeIndent = (n: number, v: Value): number => {
  if (n > 0 && typeof v === 'string') charge(n * (occurrences(v, '\n') + 1))
  return n
}

const isAscii = (s: string): boolean => !/[^\x00-\x7f]/.test(s)

/** Go `s[from:to]` on the UTF-8 bytes of s (a cut inside a rune leaves U+FFFD when printed). */
export const byteSlice = (s: string, from: number, to?: number): string => {
  if (isAscii(s)) return s.slice(from, to)
  return Buffer.from(s, 'utf8').subarray(from, to).toString('utf8')
}
/** Go's `len` of a string (UTF-8 bytes). */
export const byteLen = (s: string): number => (isAscii(s) ? s.length : Buffer.byteLength(s, 'utf8'))

const sliceBounds = (lo: number, hi: number, len: number): void => {
  if (hi > len) throw new GoError(`runtime error: slice bounds out of range [:${hi}] with length ${len}`)
  if (lo > hi) throw new GoError(`runtime error: slice bounds out of range [${lo}:${hi}]`)
  if (lo < 0) throw new GoError(`runtime error: slice bounds out of range [${lo}:]`)
}

// Go's unicode.IsSpace
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/

const spaces = (n: number): string => {
  if (n < 0) throw new GoError('strings: negative Repeat count')
  return ' '.repeat(n)
}

const removeNil = (a: Value[]): Value[] => a.filter((x) => !isNil(x))

const un =
  (name: string, f: (s: string) => Value) =>
  (...a: Value[]): Value => {
    want(name, a, 1)
    return f(str(a[0]))
  }
const bin =
  (name: string, f: (a: string, b: string) => Value) =>
  (...a: Value[]): Value => {
    want(name, a, 2)
    return f(str(a[0]), str(a[1]))
  }

/** Go's strings.Trim/TrimLeft/TrimRight with a cutset (by code point). */
const trimCutset = (s: string, cutset: string, left: boolean, right: boolean): string => {
  const set = new Set(Array.from(cutset))
  const cps = Array.from(s)
  let i = 0
  let j = cps.length
  if (left) while (i < j && set.has(cps[i])) i++
  if (right) while (j > i && set.has(cps[j - 1])) j--
  return cps.slice(i, j).join('')
}

const trimSpace = (s: string): string => {
  let i = 0
  let j = s.length
  while (i < j && SPACE.test(s[i])) i++
  while (j > i && SPACE.test(s[j - 1])) j--
  return s.slice(i, j)
}

/** Go's strings.Split (an empty separator splits into code points). */
export const goSplit = (s: string, sep: string, n = -1): string[] => {
  if (n === 0) return []
  if (sep === '') {
    const cps = Array.from(s)
    if (n > 0 && cps.length > n) return [...cps.slice(0, n - 1), cps.slice(n - 1).join('')]
    return cps
  }
  const parts = s.split(sep)
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)]
  return parts
}

const indexed = (parts: string[]): Record<string, Value> => {
  const out: Record<string, Value> = {}
  parts.forEach((p, i) => {
    out[`_${i}`] = p
  })
  return typed(out, 'map[string]string')
}

/** Sprig's string functions, with Go's byte semantics (`trunc`, `substr` cut UTF-8 bytes). */
export const stringFuncs = (): FuncMap => ({
  hello: (...a) => {
    want('hello', a, 0)
    return 'Hello!'
  },
  upper: un('upper', goUpper),
  lower: un('lower', goLower),
  title: un('title', title),
  untitle: un('untitle', uncapitalize),
  substr: (...a) => {
    want('substr', a, 3)
    const [start, end, s] = [int(a[0]), int(a[1]), str(a[2])]
    const len = byteLen(s)
    if (start < 0) {
      sliceBounds(0, end, len)
      return byteSlice(s, 0, end)
    }
    if (end < 0 || end > len) {
      sliceBounds(start, len, len)
      return byteSlice(s, start)
    }
    sliceBounds(start, end, len)
    return byteSlice(s, start, end)
  },
  repeat: (...a) => {
    want('repeat', a, 2)
    const n = int(a[0])
    if (n < 0) throw new GoError('strings: negative Repeat count')
    const s = str(a[1])
    charge(n * s.length) // before it is built: the render's budget refuses a gigabyte string up front
    return s.repeat(n)
  },
  trim: un('trim', trimSpace),
  trimAll: bin('trimAll', (cut, s) => trimCutset(s, cut, true, true)),
  trimall: bin('trimall', (cut, s) => trimCutset(s, cut, true, true)),
  trimSuffix: bin('trimSuffix', (suf, s) => (suf !== '' && s.endsWith(suf) ? s.slice(0, s.length - suf.length) : s)),
  trimPrefix: bin('trimPrefix', (pre, s) => (s.startsWith(pre) ? s.slice(pre.length) : s)),
  nospace: un('nospace', deleteWhiteSpace),
  initials: un('initials', initials),
  swapcase: un('swapcase', swapcase),
  snakecase: un('snakecase', (s) => snakeLike(s, '_')),
  kebabcase: un('kebabcase', (s) => snakeLike(s, '-')),
  camelcase: un('camelcase', camelcase),
  wrap: (...a) => {
    want('wrap', a, 2)
    return wrapCustom(str(a[1]), int(a[0]), '', false)
  },
  wrapWith: (...a) => {
    want('wrapWith', a, 3)
    return wrapCustom(str(a[2]), int(a[0]), str(a[1]), true)
  },
  abbrev: (...a) => {
    want('abbrev', a, 2)
    const [width, s] = [int(a[0]), str(a[1])]
    if (width < 4) return s
    return abbreviate(s, 0, width)
  },
  abbrevboth: (...a) => {
    want('abbrevboth', a, 3)
    const [left, right, s] = [int(a[0]), int(a[1]), str(a[2])]
    if (right < 4 || (left > 0 && right < 7)) return s
    return abbreviate(s, left, right)
  },
  contains: bin('contains', (sub, s) => s.includes(sub)),
  hasPrefix: bin('hasPrefix', (pre, s) => s.startsWith(pre)),
  hasSuffix: bin('hasSuffix', (suf, s) => s.endsWith(suf)),
  quote: (...a) =>
    removeNil(a)
      .map((x) => goQuote(strval(x)))
      .join(' '),
  squote: (...a) =>
    removeNil(a)
      .map((x) => `'${strval(x)}'`)
      .join(' '),
  cat: (...a) => removeNil(a).map(strval).join(' '),
  indent: (...a) => {
    want('indent', a, 2)
    const pad = spaces(chargeIndent(int(a[0]), a[1]))
    return (
      pad +
      str(a[1])
        .split('\n')
        .join('\n' + pad)
    )
  },
  nindent: (...a) => {
    want('nindent', a, 2)
    const pad = spaces(chargeIndent(int(a[0]), a[1]))
    return (
      '\n' +
      pad +
      str(a[1])
        .split('\n')
        .join('\n' + pad)
    )
  },
  replace: (...a) => {
    want('replace', a, 3)
    const [from, to, s] = [str(a[0]), str(a[1]), str(a[2])]
    if (to.length > from.length) charge(occurrences(s, from) * (to.length - from.length))
    return from === '' ? goSplit(s, '').reduce((acc, c) => acc + c + to, to) : s.split(from).join(to)
  },
  plural: (...a) => {
    want('plural', a, 3)
    const [one, many, n] = [str(a[0]), str(a[1]), int(a[2])]
    return n === 1 ? one : many
  },
  trunc: (...a) => {
    want('trunc', a, 2)
    const [c, s] = [int(a[0]), str(a[1])]
    const len = byteLen(s)
    if (c < 0 && len + c > 0) return byteSlice(s, len + c)
    if (c >= 0 && len > c) return byteSlice(s, 0, c)
    return s
  },
  join: (...a) => {
    want('join', a, 2)
    return strslice(a[1]).join(str(a[0]))
  },
  split: bin('split', (sep, s) => indexed(goSplit(s, sep))),
  splitList: bin('splitList', (sep, s) => typed(goSplit(s, sep), '[]string')),
  splitn: (...a) => {
    want('splitn', a, 3)
    return indexed(goSplit(str(a[2]), str(a[0]), int(a[1])))
  },
})
