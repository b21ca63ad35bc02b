import { type Value, GoInt, isGoStruct } from './Value'

/**
 * The Go type name of a value, as `%T`, error messages and Sprig's `typeOf` print it:
 * `float64`, `int`, `int64`, `string`, `bool`, `map[string]interface {}`, `[]interface {}`, `[]uint8`,
 * a struct's own `goType`, `<nil>` for nil.
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
  if (Array.isArray(v)) return '[]interface {}'
  if (isGoStruct(v)) return v.goType
  return 'map[string]interface {}'
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
  if (isGoStruct(v)) return v.goType.startsWith('*') ? 'ptr' : 'struct'
  return 'map'
}
