/**
 * Go text/template's comparison builtins `eq ne lt le gt ge` with Go's basic-kind rules: int vs
 * float64 is `incompatible types for comparison`, nil compares equal only to nil, maps and slices
 * are not comparable. Failures throw GoError (the engine wraps them as `error calling eq: ...`).
 */
import { type Value, GoComplex, GoError, GoInt, isGoStruct } from '../../go/Value'
import { typeName } from '../../go/Types'
import { sprintf } from '../../go/Fmt'

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'other'

const basicKind = (v: Value): BasicKind => {
  if (v === null || v === undefined) return 'invalid'
  switch (typeof v) {
    case 'boolean':
      return 'bool'
    case 'string':
      return 'string'
    case 'number':
      return 'float'
  }
  if (v instanceof GoInt) return v.kind.startsWith('u') ? 'uint' : 'int'
  if (v instanceof GoComplex) return 'complex'
  return 'other'
}

const incompatible = (a: Value, b: Value): GoError =>
  new GoError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`)

const comparable = (v: Value): boolean =>
  !(
    Array.isArray(v) ||
    v instanceof Uint8Array ||
    (typeof v === 'object' && v !== null && !isGoStruct(v) && !(v instanceof GoInt)) ||
    typeof v === 'function'
  )

const eq2 = (a: Value, b: Value): boolean => {
  const k1 = basicKind(a)
  const k2 = basicKind(b)
  if (k1 !== k2) {
    if ((k1 === 'int' || k1 === 'uint') && (k2 === 'int' || k2 === 'uint'))
      return (a as GoInt).value === (b as GoInt).value
    if (k1 !== 'invalid' && k2 !== 'invalid') throw incompatible(a, b)
    return false
  }
  switch (k1) {
    case 'bool':
    case 'string':
    case 'float':
      return a === b
    case 'int':
    case 'uint':
      return (a as GoInt).value === (b as GoInt).value
    case 'complex':
      return (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im
    case 'invalid':
      return true
  }
  if (typeName(a) !== typeName(b))
    throw new GoError(`non-comparable types ${sprintf('%s', a)}: ${typeName(a)}, ${typeName(b)}: ${sprintf('%v', b)}`)
  if (!comparable(b)) throw new GoError(`non-comparable type ${sprintf('%s', b)}: ${typeName(b)}`)
  return a === b
}

/** `eq a b c...`: whether `a` equals any of the others. */
export const eq = (a: Value, ...rest: Value[]): boolean => {
  if (rest.length === 0) throw new GoError('missing argument for comparison')
  for (const b of rest) if (eq2(a, b)) return true
  return false
}

/** `ne a b`. */
export const ne = (a: Value, b: Value): boolean => !eq(a, b)

/** `lt a b`: ordered comparison of basic kinds only. */
export const lt = (a: Value, b: Value): boolean => {
  const k1 = basicKind(a)
  if (k1 === 'invalid' || k1 === 'other') throw new GoError('invalid type for comparison')
  const k2 = basicKind(b)
  if (k2 === 'invalid' || k2 === 'other') throw new GoError('invalid type for comparison')
  if (k1 !== k2) {
    if ((k1 === 'int' || k1 === 'uint') && (k2 === 'int' || k2 === 'uint'))
      return (a as GoInt).value < (b as GoInt).value
    throw incompatible(a, b)
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new GoError('invalid type for comparison')
    case 'int':
    case 'uint':
      return (a as GoInt).value < (b as GoInt).value
    case 'string':
      return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0
  }
  return (a as number) < (b as number)
}

/** `le a b`. */
export const le = (a: Value, b: Value): boolean => lt(a, b) || eq(a, b)
/** `gt a b`. */
export const gt = (a: Value, b: Value): boolean => !le(a, b)
/** `ge a b`. */
export const ge = (a: Value, b: Value): boolean => !lt(a, b)
