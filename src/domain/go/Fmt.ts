/**
 * Go's `fmt` over the template value model: `Sprint`, `Sprintln`, `Sprintf` and `%v` printing
 * (maps with sorted keys, `<nil>` inside containers, float64 by Go's shortest `%g` rule).
 */
import { type Value, GoInt } from './Value'
import { noFlags, printArg } from './Print'
import { typeName } from './Types'

export { formatFloat, quote, quoteRune, quoteToASCII, canBackquote } from './Strconv'
export type { FloatFormat } from './Strconv'
export { typeName } from './Types'

/** `%v` of any value, as Go prints it (`map[a:1 b:[x y]]`, `<nil>`, `1e+06`). */
export const formatValue = (v: Value): string => printArg(noFlags(), v, 'v', 0)

const isStringArg = (v: Value): boolean => typeof v === 'string'

/** Go's `fmt.Sprint`: operands printed with `%v`, a space between two operands when neither is a string. */
export const sprint = (...args: Value[]): string => {
  let out = ''
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && !isStringArg(args[i]) && !isStringArg(args[i - 1])) out += ' '
    out += formatValue(args[i])
  }
  return out
}

/** Go's `fmt.Sprintln`: operands printed with `%v`, separated by spaces, then a newline. */
export const sprintln = (...args: Value[]): string => args.map(formatValue).join(' ') + '\n'

const parsenum = (s: string, start: number, end: number): { num: number; ok: boolean; next: number } => {
  let num = 0
  let ok = false
  let i = start
  while (i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    if (num > 1e6) return { num: 0, ok: false, next: end }
    num = num * 10 + (s.charCodeAt(i) - 48)
    ok = true
    i++
  }
  return { num, ok, next: i }
}

const intFromArg = (args: ReadonlyArray<Value>, argNum: number): { num: number; isInt: boolean; argNum: number } => {
  if (argNum >= args.length) return { num: 0, isInt: false, argNum }
  const a = args[argNum]
  if (a instanceof GoInt && a.value <= 1000000n && a.value >= -1000000n)
    return { num: Number(a.value), isInt: true, argNum: argNum + 1 }
  return { num: 0, isInt: false, argNum: argNum + 1 }
}

/** Go's `fmt.Sprintf`: verbs, flags, width, precision, `*`, `%[n]` and Go's `%!` error forms. */
export const sprintf = (format: string, ...args: Value[]): string => {
  let out = ''
  let argNum = 0
  let reordered = false
  const end = format.length
  let i = 0
  while (i < end) {
    let goodArgNum = true
    const lasti = i
    while (i < end && format.charCodeAt(i) !== 37) i++
    if (i > lasti) out += format.slice(lasti, i)
    if (i >= end) break
    i++
    const f = noFlags()
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          f.sharp = true
          break
        case '0':
          f.zero = true
          break
        case '+':
          f.plus = true
          break
        case '-':
          f.minus = true
          break
        case ' ':
          f.space = true
          break
        default:
          break flags
      }
    }
    const argNumber = (): boolean => {
      if (i >= end || format[i] !== '[') return false
      reordered = true
      let close = -1
      for (let j = i + 1; j < end; j++)
        if (format[j] === ']') {
          close = j
          break
        }
      if (end - i < 3 || close < 0) {
        i += 1
        goodArgNum = false
        return false
      }
      const n = parsenum(format, i + 1, close)
      i = close + 1
      if (!n.ok || n.next !== close) {
        goodArgNum = false
        return false
      }
      if (n.num - 1 >= 0 && n.num - 1 < args.length) {
        argNum = n.num - 1
        return true
      }
      goodArgNum = false
      return true
    }
    let afterIndex = argNumber()
    if (i < end && format[i] === '*') {
      i++
      const r = intFromArg(args, argNum)
      f.wid = r.num
      f.widPresent = r.isInt
      argNum = r.argNum
      if (!f.widPresent) out += '%!(BADWIDTH)'
      if (f.wid < 0) {
        f.wid = -f.wid
        f.minus = true
        f.zero = false
      }
      afterIndex = false
    } else {
      const n = parsenum(format, i, end)
      f.wid = n.num
      f.widPresent = n.ok
      i = n.next
      if (afterIndex && f.widPresent) goodArgNum = false
    }
    if (i + 1 <= end && format[i] === '.') {
      i++
      if (afterIndex) goodArgNum = false
      afterIndex = argNumber()
      if (i < end && format[i] === '*') {
        i++
        const r = intFromArg(args, argNum)
        f.prec = r.num
        f.precPresent = r.isInt
        argNum = r.argNum
        if (f.prec < 0) {
          f.prec = 0
          f.precPresent = false
        }
        if (!f.precPresent) out += '%!(BADPREC)'
        afterIndex = false
      } else {
        const n = parsenum(format, i, end)
        f.prec = n.num
        f.precPresent = true
        i = n.next
      }
    }
    if (!afterIndex) afterIndex = argNumber()
    if (i >= end) {
      out += '%!(NOVERB)'
      break
    }
    const cp = format.codePointAt(i)!
    const verb = String.fromCodePoint(cp)
    i += verb.length
    if (verb === '%') out += '%'
    else if (!goodArgNum) out += `%!${verb}(BADINDEX)`
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`
    else {
      if (verb === 'v') {
        f.sharpV = f.sharp
        f.sharp = false
        f.plusV = f.plus
        f.plus = false
      }
      out += printArg(f, args[argNum], verb, 0)
      argNum++
    }
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA '
    for (let j = argNum; j < args.length; j++) {
      if (j > argNum) out += ', '
      const a = args[j]
      out += a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a)}`
    }
    out += ')'
  }
  return out
}
