// The fake cluster's view of objects: plain JSON trees whose metadata is typed (it was decoded when the
// object came in), every other field read through the domain's narrowing accessors (Fields.ts).
export {
  at,
  isObject,
  type JsonObject,
  listAt,
  numAt,
  objAt,
  objectsAt,
  strAt,
  stringMapAt,
} from '../../domain/release/Fields'
export { jsonEqual } from '../../domain/release/MergePatch'

/** An owner reference (`metadata.ownerReferences[]`). */
export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

/** `metadata` as the fake cluster stores it. */
export interface ObjectMeta {
  name: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
  [field: string]: unknown
}

/** A Kubernetes object: typed metadata, any other field as JSON. */
export interface KObj {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  [field: string]: unknown
}

const skipped = (x: unknown): boolean => x === undefined || typeof x === 'function' || typeof x === 'symbol'

const copyJson = (v: unknown): unknown => {
  // -0 + 0 is 0, as JSON writes it
  if (typeof v !== 'object' || v === null) return typeof v !== 'number' ? v : Number.isFinite(v) ? v + 0 : null
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length)
    for (let i = 0; i < v.length; i++) out[i] = skipped(v[i]) ? null : copyJson(v[i])
    return out
  }
  const proto = Object.getPrototypeOf(v)
  if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function')
    return JSON.parse(JSON.stringify(v))
  const out: Record<string, unknown> = {}
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k]
    if (skipped(x)) continue
    // JSON.parse makes "__proto__" an own property; an assignment would set the prototype
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: copyJson(x), enumerable: true, writable: true, configurable: true })
    else out[k] = copyJson(x)
  }
  return out
}

/**
 * A deep copy of a JSON value, the same tree a JSON round trip gives (undefined members dropped, undefined in a
 * list and NaN/±Inf as null; anything that is not plain data goes through JSON itself), copied directly: about
 * five times faster than the round trip and than structuredClone on these trees.
 */
export const clone = <A>(v: A): A => (v === undefined ? v : (copyJson(v) as A))
