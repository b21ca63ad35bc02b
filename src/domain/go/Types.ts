import { typedName } from './Collections'
import { type Value, GoComplex, GoInt, isGoStruct } from './Value'

/**
 * The Go type name of a value, as `%T`, error messages and Sprig's `typeOf` print it:
 * `float64`, `int`, `int64`, `string`, `bool`, `map[string]interface {}`, `[]interface {}`, `[]uint8`,
 * a struct's own `goType`, the Go type a Sprig function gave its list or map (`[]string` from regexFindAll,
 * `[]int` from until; see `typed`), `<nil>` for nil.
 */
export const typeName = (v: Value): string => {
  if (v === null || v === undefined) return '<nil>'
  switch (typeof v) {
    case 'boolean':
      return 'bool'
    case 'string':
      return 'string'
    case 'number':
      return 'float64'
    case 'function':
      return 'func(...interface {}) (interface {}, error)'
  }
  if (v instanceof GoInt) return v.kind
  if (v instanceof Uint8Array) return '[]uint8'
  if (Array.isArray(v)) return typedName(v) ?? '[]interface {}'
  if (isGoStruct(v)) return v.goType
  return typedName(v) ?? 'map[string]interface {}'
}

/** Go's reflect kind name of a value (`map`, `slice`, `ptr`, `struct`, `float64`, ...), for messages and `kindOf`. */
export const kindName = (v: Value): string => {
  if (v === null || v === undefined) return 'invalid'
  switch (typeof v) {
    case 'boolean':
      return 'bool'
    case 'string':
      return 'string'
    case 'number':
      return 'float64'
    case 'function':
      return 'func'
  }
  if (v instanceof GoInt) return v.kind
  if (v instanceof Uint8Array || Array.isArray(v)) return 'slice'
  if (v instanceof GoComplex) return 'complex128'
  if (isGoStruct(v)) return v.goType.startsWith('*') ? 'ptr' : 'struct'
  return 'map'
}
