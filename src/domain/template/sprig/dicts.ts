import { type GoMap, type Value, GoError, isGoMap, isNil, sortedKeys } from '../../go/Value'
import { typeName } from '../../go/Types'
import { isNilList, nilList, typed, typedName } from '../../go/Collections'
import { type FuncMap, dictArg, empty, str, strval, want, wantAtLeast } from './args'
import { chargeNode, checkNesting } from '../../go/Budget'

/** Go's copystructure.Copy over the value model: maps and lists copied deeply (keeping their Go type), scalars shared. */
export const deepCopy = (v: Value, depth = 0): Value => {
  chargeNode(64) // a value shared many times over is copied as often: the render's budget counts each copy
  checkNesting(depth)
  if (Array.isArray(v)) {
    if (isNilList(v)) return nilList()
    return keepType(
      v,
      v.map((x) => deepCopy(x, depth + 1)),
    )
  }
  if (v instanceof Uint8Array) return new Uint8Array(v)
  if (isGoMap(v)) {
    const out: GoMap = {}
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k], depth + 1)
    return keepType(v, out)
  }
  return v
}

const keepType = <T extends object>(from: Value, to: T): T => {
  const t = typedName(from)
  return t === undefined ? to : typed(to, t)
}

// dario.cat/mergo Merge(&dst, src) (WithOverride for mergeOverwrite) on map[string]interface{}: nested maps
// merge in place; without override an empty destination value ("", 0, false, nil, {}, []) is filled from
// src; with override every non-nil src value wins, and a nil src value sets nil.
const mergeInto = (dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): void => {
  checkNesting(depth)
  for (const key of Object.keys(src)) {
    chargeNode()
    const s = src[key]
    if (isNil(s)) {
      if (overwrite) dst[key] = null
      continue
    }
    const has = Object.hasOwn(dst, key)
    const d = has ? dst[key] : undefined
    if (isGoMap(s) && has && isGoMap(d)) mergeInto(d, s, overwrite, depth + 1)
    if (has && !empty(d)) {
      if (Array.isArray(s)) {
        if (overwrite) dst[key] = s
        continue
      }
      if (isGoMap(s) && isGoMap(d)) continue
    }
    if (overwrite || !has || empty(d)) dst[key] = s
  }
}

const pick = (d: GoMap, keys: ReadonlyArray<string>, keep: boolean): GoMap => {
  const out: GoMap = {}
  const set = new Set(keys)
  for (const k of Object.keys(d)) if (set.has(k) === keep) out[k] = d[k]
  return out
}

const dig = (d: GoMap, def: Value, ks: ReadonlyArray<string>): Value => {
  const [k, ...rest] = ks
  if (!Object.hasOwn(d, k)) return def
  const step = d[k]
  if (rest.length === 0) return step ?? null
  if (!isGoMap(step))
    throw new GoError(
      `interface conversion: interface {} is ${isNil(step) ? 'nil' : typeName(step)}, not map[string]interface {}`,
    )
  return dig(step, def, rest)
}

/** Sprig's dict functions (`set`, `unset`, `merge*` mutate their first argument, as in Go). */
export const dictFuncs = (): FuncMap => ({
  dict: (...a) => {
    const out: GoMap = {}
    for (let i = 0; i < a.length; i += 2) out[strval(a[i])] = i + 1 < a.length ? (a[i + 1] ?? null) : ''
    return out
  },
  get: (...a) => {
    want('get', a, 2)
    const d = dictArg(a[0])
    const k = str(a[1])
    return Object.hasOwn(d, k) ? (d[k] ?? null) : ''
  },
  set: (...a) => {
    want('set', a, 3)
    const d = dictArg(a[0])
    d[str(a[1])] = a[2] ?? null
    return d
  },
  unset: (...a) => {
    want('unset', a, 2)
    const d = dictArg(a[0])
    delete d[str(a[1])]
    return d
  },
  hasKey: (...a) => {
    want('hasKey', a, 2)
    return Object.hasOwn(dictArg(a[0]), str(a[1]))
  },
  pluck: (...a) => {
    wantAtLeast('pluck', a, 1)
    const k = str(a[0])
    return a
      .slice(1)
      .map(dictArg)
      .filter((d) => Object.hasOwn(d, k))
      .map((d) => d[k] ?? null)
  },
  // Go map order is random; charts sort the result (`keys . | sortAlpha`), we give byte order.
  keys: (...a) =>
    typed(
      a.map(dictArg).flatMap((d) => sortedKeys(d)),
      '[]string',
    ),
  values: (...a) => {
    want('values', a, 1)
    const d = dictArg(a[0])
    return sortedKeys(d).map((k) => d[k] ?? null)
  },
  pick: (...a) => {
    wantAtLeast('pick', a, 1)
    return pick(dictArg(a[0]), a.slice(1).map(str), true)
  },
  omit: (...a) => {
    wantAtLeast('omit', a, 1)
    return pick(dictArg(a[0]), a.slice(1).map(str), false)
  },
  dig: (...a) => {
    if (a.length < 3) throw new GoError('dig needs at least three arguments')
    const d = a[a.length - 1]
    if (!isGoMap(d))
      throw new GoError(
        `interface conversion: interface {} is ${isNil(d) ? 'nil' : 'not a map'}, not map[string]interface {}`,
      )
    return dig(
      d,
      a[a.length - 2] ?? null,
      a.slice(0, -2).map((k) => {
        if (typeof k !== 'string') throw new GoError('interface conversion: interface {} is not string')
        return k
      }),
    )
  },
  merge: (...a) => merge('merge', a, false),
  mustMerge: (...a) => merge('mustMerge', a, false),
  mergeOverwrite: (...a) => merge('mergeOverwrite', a, true),
  mustMergeOverwrite: (...a) => merge('mustMergeOverwrite', a, true),
  deepCopy: (...a) => {
    want('deepCopy', a, 1)
    if (isNil(a[0])) throw new GoError('reflect: call of reflect.Value.Type on zero Value')
    return deepCopy(a[0])
  },
  mustDeepCopy: (...a) => {
    want('mustDeepCopy', a, 1)
    if (isNil(a[0])) throw new GoError('Cannot deep copy nil')
    return deepCopy(a[0])
  },
})

const merge = (name: string, a: Value[], overwrite: boolean): Value => {
  wantAtLeast(name, a, 1)
  const dst = dictArg(a[0])
  for (const src of a.slice(1)) mergeInto(dst, dictArg(src), overwrite)
  return dst
}
