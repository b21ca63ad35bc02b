// The patch formats the API server applies besides JSON merge patch (RFC 7386, the domain's
// applyMergePatch — one implementation for the whole tree): JSON patch (RFC 6902) and strategic merge patch
// (merge keys taken from a table of the built-in types' common list fields).
import { clone as deepClone, isObject as isObj, type JsonObject } from './Json'

/** A patch the API server would refuse; `code` is the HTTP status it answers with. */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly code: number = 422,
  ) {
    super(message)
  }
}

type KObj = JsonObject
const clone = <T>(v: T): T => (v === undefined ? v : deepClone(v))

const unescapeToken = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~')

const parsePointer = (p: unknown): string[] => {
  if (typeof p !== 'string' || (p !== '' && !p.startsWith('/')))
    throw new PatchError(`invalid JSON pointer: ${String(p)}`)
  return p === '' ? [] : p.slice(1).split('/').map(unescapeToken)
}

const parentOf = (doc: unknown, path: string[]): [KObj | unknown[], string] => {
  let cur: unknown = doc
  for (const seg of path.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)]
    else if (isObj(cur)) cur = cur[seg]
    else cur = undefined
    if (cur === undefined) throw new PatchError(`doc is missing path: /${path.join('/')}`)
  }
  if (!Array.isArray(cur) && !isObj(cur)) throw new PatchError(`doc is missing path: /${path.join('/')}`)
  return [cur, path[path.length - 1]!]
}

const getAt = (doc: unknown, path: string[]): unknown => {
  let cur: unknown = doc
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)]
    else if (isObj(cur)) cur = Object.hasOwn(cur, seg) ? cur[seg] : undefined
    else return undefined
  }
  return cur
}

const arrayIndex = (arr: unknown[], key: string, forAdd: boolean): number => {
  if (key === '-' && forAdd) return arr.length
  const i = Number(key)
  if (!/^\d+$/.test(key) || i > arr.length || (!forAdd && i === arr.length))
    throw new PatchError(`Unable to access invalid index: ${key}`)
  return i
}

const removeAt = (doc: unknown, path: string[]): unknown => {
  const [parent, key] = parentOf(doc, path)
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false), 1)[0]
  if (!Object.hasOwn(parent, key)) throw new PatchError(`Unable to remove nonexistent key: ${key}`)
  const v = (parent as KObj)[key]
  delete (parent as KObj)[key]
  return v
}

const addAt = (doc: unknown, path: string[], value: unknown): unknown => {
  if (path.length === 0) return clone(value)
  const [parent, key] = parentOf(doc, path)
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, clone(value))
  else (parent as KObj)[key] = clone(value)
  return doc
}

/** RFC 6902 operations applied in order to a copy of `doc`. */
export const jsonPatch = (doc: unknown, ops: unknown): unknown => {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be an array of operations', 400)
  let out = clone(doc)
  for (const op of ops as KObj[]) {
    const path = parsePointer(op.path)
    switch (op.op) {
      case 'add':
        out = addAt(out, path, op.value)
        break
      case 'remove':
        removeAt(out, path)
        break
      case 'replace':
        if (getAt(out, path) === undefined)
          throw new PatchError(`replace operation does not apply: doc is missing key: ${op.path}`)
        if (path.length === 0) out = clone(op.value)
        else {
          removeAt(out, path)
          out = addAt(out, path, op.value)
        }
        break
      case 'move': {
        const v = removeAt(out, parsePointer(op.from))
        out = addAt(out, path, v)
        break
      }
      case 'copy':
        out = addAt(out, path, getAt(out, parsePointer(op.from)))
        break
      case 'test':
        if (JSON.stringify(getAt(out, path)) !== JSON.stringify(op.value))
          throw new PatchError(`testing value ${op.path} failed`)
        break
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`, 400)
    }
  }
  return out
}

// patchMergeKey of the built-in types' list fields (k8s.io/api struct tags), by field name.
const mergeKeys: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
}
// fields whose primitive lists merge (patchStrategy:"merge") instead of being replaced
const mergedPrimitiveLists = new Set(['finalizers'])

const mergeKeyFor = (field: string, items: unknown[]): string | undefined => {
  // container ports merge on containerPort, Service ports on port
  if (field === 'ports') return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port'
  return mergeKeys[field]
}

const smpList = (field: string, orig: unknown, patch: unknown[]): unknown[] => {
  const base = Array.isArray(orig) ? clone(orig) : []
  if (patch.some((p) => isObj(p) && p.$patch === 'replace'))
    return patch.filter((p) => !(isObj(p) && p.$patch === 'replace')).map((p) => strip(p))
  if (patch.every((p) => !isObj(p))) {
    if (!mergedPrimitiveLists.has(field)) return clone(patch)
    return [...base, ...patch.filter((p) => !base.includes(p))]
  }
  const key = mergeKeyFor(field, [...base, ...patch])
  if (!key) return patch.map((p) => strip(p))
  const out = base as KObj[]
  for (const p of patch as KObj[]) {
    const idx = out.findIndex((o) => isObj(o) && o[key] === p[key])
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1)
    } else if (idx >= 0) out[idx] = strategicMergePatch(out[idx], p) as KObj
    else out.push(strip(p) as KObj)
  }
  return out
}

const strip = (v: unknown): unknown => (isObj(v) ? (strategicMergePatch({}, v) as KObj) : clone(v))

const orderBy = (items: unknown[], order: unknown[], key: string | undefined): unknown[] => {
  const rank = (i: unknown): number => {
    const k = key && isObj(i) ? i[key] : i
    const r = order.findIndex((o) => (key && isObj(o) ? o[key] : o) === k)
    return r < 0 ? order.length : r
  }
  return items
    .map((v, i) => [v, rank(v), i] as const)
    .sort((a, b) => a[1] - b[1] || a[2] - b[2])
    .map(([v]) => v)
}

/** Strategic merge patch: a merge patch whose keyed lists merge by key and which obeys the `$patch`,
 * `$setElementOrder/`, `$deleteFromPrimitiveList/` and `$retainKeys` directives kubectl sends. */
export const strategicMergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObj(patch)) return clone(patch)
  if (patch.$patch === 'replace')
    return strip(Object.fromEntries(Object.entries(patch).filter(([k]) => k !== '$patch')))
  let out: KObj = isObj(target) ? { ...target } : {}
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[])
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)))
  }
  const orders: Array<[string, unknown[]]> = []
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue
    if (k.startsWith('$setElementOrder/')) {
      orders.push([k.slice('$setElementOrder/'.length), v as unknown[]])
      continue
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length)
      if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).filter((x) => !(v as unknown[]).includes(x))
      continue
    }
    if (v === null || (isObj(v) && v.$patch === 'delete')) delete out[k]
    else if (Array.isArray(v)) out[k] = smpList(k, out[k], v)
    else if (isObj(v)) out[k] = strategicMergePatch(out[k], v)
    else out[k] = v
  }
  for (const [field, order] of orders)
    if (Array.isArray(out[field]))
      out[field] = orderBy(out[field], order, mergeKeyFor(field, [...out[field], ...order]))
  return out
}

/**
 * The patch that takes a manager from its previously applied configuration `last` to `next`: `next` plus
 * `null` for map keys it dropped and `$patch: delete` for keyed list items it dropped (kubectl's three-way
 * apply, used by the sandbox's server-side apply in place of managedFields).
 */
export const withRemovals = (last: unknown, next: unknown): unknown => {
  if (!isObj(last) || !isObj(next)) return next
  const out: KObj = { ...next }
  for (const [k, lv] of Object.entries(last)) {
    if (!(k in next)) {
      out[k] = null
      continue
    }
    const nv = next[k]
    if (isObj(lv) && isObj(nv)) out[k] = withRemovals(lv, nv)
    else if (Array.isArray(lv) && Array.isArray(nv)) {
      const key = mergeKeyFor(k, [...lv, ...nv])
      if (!key || !lv.every(isObj) || !nv.every(isObj)) continue
      const items = (nv as KObj[]).map((n) => {
        const prev = (lv as KObj[]).find((l) => l[key] === n[key])
        return prev ? withRemovals(prev, n) : n
      })
      for (const l of lv as KObj[])
        if (!(nv as KObj[]).some((n) => n[key] === l[key])) items.push({ [key]: l[key], $patch: 'delete' })
      out[k] = items
    }
  }
  return out
}
