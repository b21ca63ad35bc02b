/** A JSON value as manifests and API objects hold it. */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }
type JsonObject = { readonly [k: string]: Json }

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Deep structural equality of JSON values (object key order ignored). */
export const jsonEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]))
  }
  return false
}

/** RFC 7386: applies a merge patch (null deletes a key, objects merge, everything else replaces). */
export const applyMergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObject(patch)) return patch
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = applyMergePatch(out[k], v)
  }
  return out
}

/** The RFC 7386 merge patch that turns `from` into `to` (`{}` when they are equal); lists are replaced whole. */
export const createMergePatch = (from: unknown, to: unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  const a = isObject(from) ? from : {}
  const b = isObject(to) ? to : {}
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null
  for (const [k, v] of Object.entries(b)) {
    if (!(k in a)) out[k] = v
    else if (isObject(a[k]) && isObject(v)) {
      const sub = createMergePatch(a[k], v)
      if (Object.keys(sub).length > 0) out[k] = sub
    } else if (!jsonEqual(a[k], v)) out[k] = v
  }
  return out
}

/** Keys whose value is null somewhere in `p`, kept only where they are null (the deletions of a patch). */
const deletionsOf = (p: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(p)) {
    if (v === null) out[k] = null
    else if (isObject(v)) {
      const sub = deletionsOf(v as Record<string, unknown>)
      if (Object.keys(sub).length > 0) out[k] = sub
    }
  }
  return out
}

/** The patch without its deletions. */
const withoutDeletions = (p: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(p)) {
    if (v === null) continue
    if (isObject(v)) {
      const sub = withoutDeletions(v as Record<string, unknown>)
      if (Object.keys(sub).length > 0 || Object.keys(v).length === 0) out[k] = sub
    } else out[k] = v
  }
  return out
}

const mergeDeep = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...a }
  for (const [k, v] of Object.entries(b))
    out[k] = isObject(out[k]) && isObject(v) ? mergeDeep(out[k] as Record<string, unknown>, v as Record<string, unknown>) : v
  return out
}

/**
 * The three-way JSON merge patch of kubectl/Helm v3 (`jsonmergepatch.CreateThreeWayJSONMergePatch`):
 * deletions come from `original` → `modified` (only what the chart itself removed), additions and
 * changes from `current` → `modified`, so fields that other tools set on the live object survive.
 * Lists are replaced whole (a JSON merge patch has no list merge keys).
 */
export const createThreeWayMergePatch = (
  original: unknown,
  modified: unknown,
  current: unknown,
): Record<string, unknown> => {
  const deletions = deletionsOf(createMergePatch(original, modified))
  const changes = withoutDeletions(createMergePatch(current, modified))
  return mergeDeep(deletions, changes)
}
