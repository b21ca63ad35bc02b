import type { Value } from '../gotpl/value'

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
