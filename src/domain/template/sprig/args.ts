import { formatValue } from '../../go/Fmt'
import { kindName, typeName } from '../../go/Types'
import { typedName } from '../../go/Collections'
import {
  type GoFunc,
  type GoMap,
  type Value,
  GoComplex,
  GoError,
  GoInt,
  isGoMap,
  isGoStruct,
  isNil,
} from '../../go/Value'
import { chargeNode, checkNesting } from '../../go/Budget'

/** Template functions by name (the shape of Go's `template.FuncMap`). */
export type FuncMap = Record<string, GoFunc>

/** Go's check of a function's argument count, worded as text/template words it. */
export const want = (fn: string, args: ReadonlyArray<Value>, n: number): void => {
  if (args.length !== n) throw new GoError(`wrong number of args for ${fn}: want ${n} got ${args.length}`)
}

/** The same for variadic functions: at least `n` arguments. */
export const wantAtLeast = (fn: string, args: ReadonlyArray<Value>, n: number): void => {
  if (args.length < n) throw new GoError(`wrong number of args for ${fn}: want at least ${n} got ${args.length}`)
}

const typeOfArg = (v: Value): string => (isNil(v) ? '<nil>' : typeName(v))

/** A `string` parameter: Go refuses any other type (nil too). */
export const str = (v: Value): string => {
  if (typeof v === 'string') return v
  if (isNil(v)) throw new GoError('wrong type for value; expected string; got interface {}')
  throw new GoError(`wrong type for value; expected string; got ${typeOfArg(v)}`)
}

/** An `int` parameter: a template literal (Go int) passes; float64 from values or an int64 does not. */
export const int = (v: Value): number => {
  if (v instanceof GoInt && v.kind === 'int') return Number(v.value)
  // a template literal 2.0 is an integer constant to Go; values.yaml numbers (float64) would fail there,
  // but we cannot tell them apart, so accept any integral float64 (only turns a Helm error into a render)
  if (typeof v === 'number' && Number.isInteger(v)) return v
  if (isNil(v)) throw new GoError('wrong type for value; expected int; got interface {}')
  throw new GoError(`wrong type for value; expected int; got ${typeOfArg(v)}`)
}

/** A `bool` parameter. */
export const bool = (v: Value): boolean => {
  if (typeof v === 'boolean') return v
  if (isNil(v)) throw new GoError('wrong type for value; expected bool; got interface {}')
  throw new GoError(`wrong type for value; expected bool; got ${typeOfArg(v)}`)
}

/** A `map[string]interface{}` parameter. */
export const dictArg = (v: Value): GoMap => {
  if (isGoMap(v)) return v
  if (isNil(v)) throw new GoError('wrong type for value; expected map[string]interface {}; got interface {}')
  throw new GoError(`wrong type for value; expected map[string]interface {}; got ${typeOfArg(v)}`)
}

/** Sprig's `strval`: strings and bytes as text, everything else as `%v`. */
export const strval = (v: Value): string => {
  if (typeof v === 'string') return v
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8')
  if (isGoStruct(v)) {
    const s = v.method('String') ?? v.method('Error')
    if (s !== undefined) return String(s())
  }
  return formatValue(v)
}

/** Go values a `reflect` slice walk sees: lists and byte slices (a byte slice's elements are uint8). */
export const sliceItems = (v: Value): Value[] | undefined => {
  if (Array.isArray(v)) return v
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt(BigInt(b), 'uint8'))
  return undefined
}

/** reflect's Kind name, as Sprig's "Cannot find first on type %s" messages print it. */
export const kindOf = (v: Value): string => kindName(v)

// Go panics on reflect.TypeOf(nil).Kind(); text/template reports the recovered panic.
export const nilDeref = (): GoError => new GoError('runtime error: invalid memory address or nil pointer dereference')

/** Sprig's `empty`: nil, false, 0, "" and empty collections; structs are never empty. */
export const empty = (v: Value): boolean => {
  if (isNil(v)) return true
  switch (typeof v) {
    case 'boolean':
      return !v
    case 'string':
      return v.length === 0
    case 'number':
      return v === 0
    case 'function':
      return false
  }
  if (v instanceof GoInt) return v.value === 0n
  if (v instanceof Uint8Array) return v.length === 0
  if (Array.isArray(v)) return v.length === 0
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0
  if (isGoStruct(v)) return false
  return Object.keys(v).length === 0
}

/** Go's `reflect.DeepEqual` over the value model: types must match (int 1 is not float64 1). */
export const deepEqual = (a: Value, b: Value, depth = 0): boolean => {
  chargeNode(0) // `uniq`, `has`, `without` compare every pair: each comparison is a step of the render
  checkNesting(depth)
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b)
  if (a instanceof GoInt || b instanceof GoInt)
    return a instanceof GoInt && b instanceof GoInt && a.kind === b.kind && a.value === b.value
  if (typeof a !== typeof b) return false
  if (typeof a !== 'object') return a === b || (Number.isNaN(a) && Number.isNaN(b as number) && false)
  if (a instanceof Uint8Array || b instanceof Uint8Array)
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b))
  // reflect.DeepEqual also compares types: []string{"a"} is not []interface{}{"a"}
  if (typedName(a) !== typedName(b)) return false
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i], depth + 1))
    )
  if (a instanceof GoComplex && b instanceof GoComplex) return a.re === b.re && a.im === b.im
  if (isGoStruct(a) || isGoStruct(b)) return a === b
  const am = a as GoMap
  const ak = Object.keys(am)
  const bm = b as GoMap
  return ak.length === Object.keys(bm).length && ak.every((k) => k in bm && deepEqual(am[k], bm[k], depth + 1))
}
