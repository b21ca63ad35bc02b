// Reading fields of raw JSON objects (Kubernetes objects as manifests and API servers hold them) without
// casting: each accessor narrows what it finds and answers undefined (or empty) when the shape differs.

/** A JSON object. */
export type JsonObject = { [field: string]: unknown }

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The value at a path of object fields (undefined as soon as one step is no object). */
export const at = (v: unknown, ...path: ReadonlyArray<string>): unknown => {
  let cur = v
  for (const p of path) {
    if (!isObject(cur)) return undefined
    cur = Object.hasOwn(cur, p) ? cur[p] : undefined
  }
  return cur
}
/** The object at a path, or undefined. */
export const objAt = (v: unknown, ...path: ReadonlyArray<string>): JsonObject | undefined => {
  const x = at(v, ...path)
  return isObject(x) ? x : undefined
}
/** The list at a path (empty when absent). */
export const listAt = (v: unknown, ...path: ReadonlyArray<string>): unknown[] => {
  const x = at(v, ...path)
  return Array.isArray(x) ? x : []
}
/** The objects of the list at a path (other entries skipped). */
export const objectsAt = (v: unknown, ...path: ReadonlyArray<string>): JsonObject[] =>
  listAt(v, ...path).filter(isObject)
/** The string at a path, or undefined. */
export const strAt = (v: unknown, ...path: ReadonlyArray<string>): string | undefined => {
  const x = at(v, ...path)
  return typeof x === 'string' ? x : undefined
}
/** The number at a path, or undefined. */
export const numAt = (v: unknown, ...path: ReadonlyArray<string>): number | undefined => {
  const x = at(v, ...path)
  return typeof x === 'number' ? x : undefined
}
/** The string-valued entries of the object at a path. */
export const stringMapAt = (v: unknown, ...path: ReadonlyArray<string>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [k, x] of Object.entries(objAt(v, ...path) ?? {})) if (typeof x === 'string') out[k] = x
  return out
}
