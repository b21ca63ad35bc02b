/**
 * Go text/template's predefined functions: and or not len index slice print printf println html js
 * urlquery call eq ne lt le gt ge. `and`, `or` and `call` are special-cased by the evaluator
 * (short-circuit; callee name); the entries here carry their Go signatures.
 */
import {
  type GoFunc,
  type Value,
  GoComplex,
  GoError,
  GoInt,
  int,
  isGoMap,
  isGoStruct,
  utf8Length,
  withSignature,
} from '../../go/Value'
import { sprint, sprintf, sprintln, formatValue } from '../../go/Fmt'
import { typeName } from '../../go/Types'
import { eq, ne, lt, le, gt, ge } from './compare'
import { isPrint } from '../../go/Strconv'

/** Go's truth of a value (`if`, `with`, `and`, `or`, `not`): false for zero values, nil and empty containers. */
export const isTrue = (v: Value): boolean => {
  if (v === null || v === undefined) return false
  switch (typeof v) {
    case 'boolean':
      return v
    case 'string':
      return v.length > 0
    case 'number':
      return v !== 0
    case 'function':
      return true
  }
  if (v instanceof GoInt) return v.value !== 0n
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0
  if (isGoStruct(v)) return true
  return Object.keys(v).length > 0
}

const length = (v: Value): Value => {
  // an invalid reflect.Value makes Go's len panic inside reflect
  if (v === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value')
  if (v === null) throw new GoError('len of nil pointer')
  if (typeof v === 'string') return int(utf8Length(v))
  if (Array.isArray(v) || v instanceof Uint8Array) return int(v.length)
  if (isGoMap(v)) return int(Object.keys(v).length)
  throw new GoError(`len of type ${typeName(v)}`)
}

const indexArg = (index: Value, cap: number): number => {
  if (index === null || index === undefined) throw new GoError('cannot index slice/array with nil')
  if (!(index instanceof GoInt)) throw new GoError(`cannot index slice/array with type ${typeName(index)}`)
  const x = index.value
  if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`)
  return Number(x)
}

const stringBytes = (s: string): Uint8Array => Buffer.from(s, 'utf8')

const index = (item: Value, ...indexes: Value[]): Value => {
  if (item === null || item === undefined) throw new GoError('index of untyped nil')
  let cur: Value = item
  for (const ix of indexes) {
    if (cur === null || cur === undefined) throw new GoError('index of nil pointer')
    if (typeof cur === 'string' || Array.isArray(cur) || cur instanceof Uint8Array) {
      const bytes: Uint8Array | undefined = typeof cur === 'string' ? stringBytes(cur) : undefined
      const len: number = bytes ? bytes.length : (cur as ArrayLike<Value>).length
      const x = indexArg(ix, len)
      if (x === len) throw new GoError(`reflect: ${bytes ? 'string' : 'slice'} index out of range`)
      if (bytes) cur = new GoInt(BigInt(bytes[x]), 'uint8')
      else if (cur instanceof Uint8Array) cur = new GoInt(BigInt(cur[x]), 'uint8')
      else cur = (cur as Value[])[x] ?? null
    } else if (isGoMap(cur)) {
      if (ix === null || ix === undefined) throw new GoError('value is nil; should be of type string')
      if (typeof ix !== 'string') throw new GoError(`value has type ${typeName(ix)}; should be string`)
      const m: { [k: string]: Value } = cur
      cur = Object.hasOwn(m, ix) ? (m[ix] ?? null) : null
    } else throw new GoError(`can't index item of type ${typeName(cur)}`)
  }
  return cur
}

const slice = (item: Value, ...indexes: Value[]): Value => {
  if (item === null || item === undefined) throw new GoError('slice of untyped nil')
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`)
  let len: number
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string')
    len = utf8Length(item)
  } else if (Array.isArray(item) || item instanceof Uint8Array) len = item.length
  else throw new GoError(`can't slice item of type ${typeName(item)}`)
  const idx = [0, len, len]
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ix, len)
  })
  if (idx[0] > idx[1]) throw new GoError(`invalid slice index: ${idx[0]} > ${idx[1]}`)
  if (indexes.length === 3 && idx[1] > idx[2]) throw new GoError(`invalid slice index: ${idx[1]} > ${idx[2]}`)
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(idx[0], idx[1]).toString('utf8')
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1])
  return item.slice(idx[0], idx[1])
}

// text/template's evalArgs: one string argument is used as is, otherwise fmt.Sprint of all of them.
// (printableValue turns a nil argument into "<no value>").
const evalArgs = (args: Value[]): string =>
  args.length === 1 && typeof args[0] === 'string'
    ? args[0]
    : sprint(...args.map((a) => (a === null || a === undefined ? '<no value>' : a)))

/** Go's `template.HTMLEscapeString`. */
export const htmlEscape = (s: string): string => {
  let out = ''
  let last = 0
  for (let i = 0; i < s.length; i++) {
    let rep: string
    switch (s.charCodeAt(i)) {
      case 0:
        rep = '\uFFFD'
        break
      case 34:
        rep = '&#34;'
        break
      case 39:
        rep = '&#39;'
        break
      case 38:
        rep = '&amp;'
        break
      case 60:
        rep = '&lt;'
        break
      case 62:
        rep = '&gt;'
        break
      default:
        continue
    }
    out += s.slice(last, i) + rep
    last = i + 1
  }
  return out + s.slice(last)
}

const HEX = '0123456789ABCDEF'

/** Go's `template.JSEscapeString`. */
export const jsEscape = (s: string): string => {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    switch (c) {
      case 92:
        out += '\\\\'
        continue
      case 39:
        out += "\\'"
        continue
      case 34:
        out += '\\"'
        continue
      case 60:
        out += '\\u003C'
        continue
      case 62:
        out += '\\u003E'
        continue
      case 38:
        out += '\\u0026'
        continue
      case 61:
        out += '\\u003D'
        continue
    }
    if (c < 0x20) out += '\\u00' + HEX[c >> 4] + HEX[c & 15]
    else if (c < 0x80) out += s[i]
    else {
      const cp = s.codePointAt(i)!
      const ch = String.fromCodePoint(cp)
      if (cp > 0xffff) i++
      out += isPrint(cp) ? ch : '\\u' + cp.toString(16).toUpperCase().padStart(4, '0')
    }
  }
  return out
}

/** Go's `url.QueryEscape`. */
export const queryEscape = (s: string): string => {
  let out = ''
  for (const b of Buffer.from(s, 'utf8')) {
    if (
      (b >= 48 && b <= 57) ||
      (b >= 65 && b <= 90) ||
      (b >= 97 && b <= 122) ||
      b === 45 ||
      b === 95 ||
      b === 46 ||
      b === 126
    )
      out += String.fromCharCode(b)
    else if (b === 32) out += '+'
    else out += '%' + HEX[b >> 4] + HEX[b & 15]
  }
  return out
}

const truthy = (a: Value, ...rest: Value[]): Value => {
  for (const v of [a, ...rest]) if (!isTrue(v)) return v
  return rest.length ? rest[rest.length - 1] : a
}
const falsy = (a: Value, ...rest: Value[]): Value => {
  for (const v of [a, ...rest]) if (isTrue(v)) return v
  return rest.length ? rest[rest.length - 1] : a
}

const call = (fn: Value, ...args: Value[]): Value => {
  if (fn === null || fn === undefined) throw new GoError('call of nil')
  if (typeof fn !== 'function') throw new GoError(`non-function of type ${typeName(fn)}`)
  return fn(...args)
}

/** The builtins by name, with their Go signatures. */
export const builtins: Readonly<Record<string, GoFunc>> = {
  and: withSignature(truthy, ['reflect.Value'], 'reflect.Value'),
  or: withSignature(falsy, ['reflect.Value'], 'reflect.Value'),
  not: withSignature((v) => !isTrue(v), ['reflect.Value']),
  len: withSignature(length, ['reflect.Value']),
  index: withSignature(index, ['reflect.Value'], 'reflect.Value'),
  slice: withSignature(slice, ['reflect.Value'], 'reflect.Value'),
  call: withSignature(call, ['reflect.Value'], 'reflect.Value'),
  print: withSignature((...a) => sprint(...a), [], 'any'),
  printf: withSignature((f, ...a) => sprintf(f as string, ...a), ['string'], 'any'),
  println: withSignature((...a) => sprintln(...a), [], 'any'),
  html: withSignature((...a) => htmlEscape(evalArgs(a)), [], 'any'),
  js: withSignature((...a) => jsEscape(evalArgs(a)), [], 'any'),
  urlquery: withSignature((...a) => queryEscape(evalArgs(a)), [], 'any'),
  eq: withSignature(eq, ['reflect.Value'], 'reflect.Value'),
  ne: withSignature(ne, ['reflect.Value', 'reflect.Value']),
  lt: withSignature(lt, ['reflect.Value', 'reflect.Value']),
  le: withSignature(le, ['reflect.Value', 'reflect.Value']),
  gt: withSignature(gt, ['reflect.Value', 'reflect.Value']),
  ge: withSignature(ge, ['reflect.Value', 'reflect.Value']),
}

/** `%v` of a value for `{{ x }}` output (text/template's printValue; nil handled by the caller). */
export const printOutput = (v: Value): string =>
  typeof v === 'string' ? v : isGoStruct(v) && v.printString ? v.printString() : formatValue(v)
