import type { Value } from './Value'

// Go distinguishes a nil []interface{} (prints "[]", marshals to JSON/YAML null) from an empty one;
// the value model has only arrays, so the nil ones some Sprig functions return are remembered here.
const NIL_LISTS = new WeakSet<object>()

/** A fresh empty list that serialises as Go's nil slice does (`null`). */
export const nilList = (): Value[] => {
  const a: Value[] = []
  NIL_LISTS.add(a)
  return a
}

/** Whether `v` is a nil slice made by `nilList`. */
export const isNilList = (v: Value): boolean => Array.isArray(v) && v.length === 0 && NIL_LISTS.has(v)

// Some Sprig functions return typed Go collections ([]string, []int, map[string]string); the value model
// has only []interface{} and map[string]interface{}, so their Go type is remembered for typeOf/deepEqual.
const GO_TYPES = new WeakMap<object, string>()

/** Marks a list or map made by a Sprig function with the Go type it has in Go. */
export const typed = <T extends object>(v: T, goType: string): T => {
  GO_TYPES.set(v, goType)
  return v
}

/** The Go type recorded by `typed`, if any. */
export const typedName = (v: Value): string | undefined =>
  typeof v === 'object' && v !== null ? GO_TYPES.get(v as object) : undefined
