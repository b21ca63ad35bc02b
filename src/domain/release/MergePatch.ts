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

// Lists Kubernetes merges by key under a strategic merge patch (the `patchMergeKey`s of the core types
// charts use most); any other list is replaced whole, as a JSON merge patch does.
const listMergeKeys: Readonly<Record<string, ReadonlyArray<string>>> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  ports: ['containerPort', 'port'],
}

/** The merge key of a list field, if every entry of both lists carries it. */
const mergeKeyOf = (field: string, ...lists: ReadonlyArray<unknown>[]): string | undefined =>
  listMergeKeys[field]?.find((k) =>
    lists.every((l) => l.every((e) => isObject(e) && e[k] !== undefined && e[k] !== null)),
  )

const keyed = (list: ReadonlyArray<unknown>, key: string): Map<string, unknown> =>
  new Map(list.map((e) => [JSON.stringify((e as JsonObject)[key]), e]))

/**
 * The object the chart wants, merged into what is live: fields the chart sets win; fields the chart
 * dropped since `original` go; fields only the live object has (set by the server or other tools) stay.
 * Keyed lists (containers, env, ports, volumes, …) merge entry by entry the same way, keeping entries
 * others added (an injected sidecar); other lists are the chart's.
 */
export const threeWayMerge = (original: unknown, modified: unknown, current: unknown, field = ''): unknown => {
  if (isObject(modified) && isObject(current)) {
    const orig = isObject(original) ? original : {}
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(current)) if (!(k in modified) && !(k in orig)) out[k] = v
    for (const [k, v] of Object.entries(modified)) out[k] = k in current ? threeWayMerge(orig[k], v, current[k], k) : v
    return out
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    const orig = Array.isArray(original) ? original : []
    const key = mergeKeyOf(field, modified, current, orig)
    if (key === undefined) return modified
    const origBy = keyed(orig, key)
    const curBy = keyed(current, key)
    const modBy = keyed(modified, key)
    const merged = modified.map((e) => {
      const id = JSON.stringify((e as JsonObject)[key])
      return curBy.has(id) ? threeWayMerge(origBy.get(id), e, curBy.get(id)) : e
    })
    const kept = current.filter((e) => {
      const id = JSON.stringify((e as JsonObject)[key])
      return !modBy.has(id) && !origBy.has(id)
    })
    return [...merged, ...kept]
  }
  return modified
}

/**
 * The three-way patch of kubectl/Helm v3, as an RFC 7386 merge patch from the live object to
 * `threeWayMerge(original, modified, current)`: deletions are only what the chart itself removed,
 * fields other tools set survive, and keyed lists keep entries others added (sent whole, since a JSON
 * merge patch replaces lists). Empty when the live object already is what the chart wants.
 */
export const createThreeWayMergePatch = (
  original: unknown,
  modified: unknown,
  current: unknown,
): Record<string, unknown> => createMergePatch(current, threeWayMerge(original, modified, current))
