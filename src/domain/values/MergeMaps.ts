import { type GoMap, type Value, isGoMap } from '../go/Value'

/** Sets `m[k] = v` as an own data property, even for the key `__proto__` (a plain assignment would change the prototype). */
export const putKey = (m: GoMap, k: string, v: Value): void => {
  if (k === '__proto__') Object.defineProperty(m, k, { value: v, writable: true, enumerable: true, configurable: true })
  else m[k] = v
}

/** Own-property lookup (`_, ok := m[k]` in Go): `undefined` when absent. */
export const getKey = (m: GoMap, k: string): { readonly value: Value } | undefined =>
  Object.hasOwn(m, k) ? { value: m[k] } : undefined

/**
 * Helm's `MergeMaps(a, b)`: a new map with `b` laid over `a`; two maps under the same key merge
 * recursively, anything else in `b` (lists, scalars, nil) replaces. Neither input is changed.
 * Used for successive `-f` files and the JSON-object form of `--set-json`.
 */
export const mergeMaps = (a: GoMap, b: GoMap): GoMap => {
  const out: GoMap = {}
  for (const [k, v] of Object.entries(a)) putKey(out, k, v)
  for (const [k, v] of Object.entries(b)) {
    const prev = getKey(out, k)?.value
    putKey(out, k, isGoMap(v) && prev !== undefined && prev !== null && isGoMap(prev) ? mergeMaps(prev, v) : v)
  }
  return out
}

/** A deep copy of maps and lists (scalars, bytes and structs are shared: nothing mutates them). */
export const deepCopy = <V extends Value>(v: V): V => {
  if (Array.isArray(v)) return v.map(deepCopy) as V
  if (v !== null && v !== undefined && isGoMap(v)) {
    const out: GoMap = {}
    for (const [k, x] of Object.entries(v)) putKey(out, k, deepCopy(x))
    return out as V
  }
  return v
}
