import * as E from 'fp-ts/Either'
import type { Chart } from '../chart/Chart'
import { formatValue, sprintf } from '../go/Fmt'
import { type GoMap, type Value, isGoMap } from '../go/Value'
import { goQuote } from './GoText'
import { deepCopy, getKey, putKey } from './MergeMaps'
import { type GeneralError, invalidArgument } from '../GeneralError'

/** Coalesced values and the warnings Helm would log while computing them (`warning: skipped value for ...`). */
export interface Coalesced {
  readonly values: GoMap
  readonly warnings: ReadonlyArray<string>
}

type Warn = (msg: string) => void

class TypeMismatch extends Error {}

const GLOBAL = 'global'

const isTable = (v: Value | undefined): v is GoMap => v !== null && v !== undefined && isGoMap(v)
const isNil = (v: Value | undefined): boolean => v === null || v === undefined
const concatPrefix = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`)
const remove = (m: GoMap, k: string): void => {
  delete m[k]
}

// The algorithm below mirrors Helm 4.1's pkg/chart/common/util/coalesce.go step by step, including its
// in-place updates and shallow copies: which maps are shared decides corner cases users can see.

/** Lays `src` under `dst` (dst wins), in place; `merge` keeps nils, coalescing lets a nil delete a default. */
const coalesceTables = (warn: Warn, dst: GoMap, src: GoMap, prefix: string, merge: boolean): GoMap => {
  const srcNonNil = new Set(Object.keys(src).filter((k) => !isNil(src[k])))
  for (const [k, v] of Object.entries(dst)) if (isNil(v)) putKey(src, k, null)
  for (const [key, val] of Object.entries(src)) {
    const fullkey = concatPrefix(prefix, key)
    const dv = getKey(dst, key)
    if (dv !== undefined && !merge && isNil(dv.value) && srcNonNil.has(key)) remove(dst, key)
    else if (dv === undefined) putKey(dst, key, val)
    else if (isTable(val)) {
      if (isTable(dv.value)) coalesceTables(warn, dv.value, val, fullkey, merge)
      else warn(`warning: cannot overwrite table with non table for ${fullkey} (${formatValue(val)})`)
    } else if (isTable(dv.value) && !isNil(val))
      warn(`warning: destination for ${fullkey} is a table. Ignoring non-table value (${formatValue(val)})`)
  }
  return dst
}

const coalesceGlobals = (warn: Warn, dest: GoMap, src: GoMap, prefix: string): void => {
  const destGlobal = getKey(dest, GLOBAL)
  const srcGlobal = getKey(src, GLOBAL)
  if (destGlobal !== undefined && !isTable(destGlobal.value))
    return warn(`warning: skipping globals because destination ${GLOBAL} is not a table.`)
  if (srcGlobal !== undefined && !isTable(srcGlobal.value))
    return warn(`warning: skipping globals because source ${GLOBAL} is not a table.`)
  const dg: GoMap = destGlobal === undefined ? {} : (destGlobal.value as GoMap)
  const sg: GoMap = srcGlobal === undefined ? {} : (srcGlobal.value as GoMap)
  for (const [key, val] of Object.entries(sg)) {
    const dv = getKey(dg, key)
    if (isTable(val)) {
      const vv: GoMap = {}
      for (const [k, x] of Object.entries(val)) putKey(vv, k, x)
      if (dv === undefined) putKey(dg, key, vv)
      else if (!isTable(dv.value)) warn(`Conflict: cannot merge map onto non-map for ${goQuote(key)}. Skipping.`)
      else {
        coalesceTables(warn, vv, dv.value, concatPrefix(prefix, key), true)
        putKey(dg, key, vv)
      }
    } else if (dv !== undefined && isTable(dv.value)) warn(`key ${key} is table. Skipping`)
    else putKey(dg, key, val)
  }
  putKey(dest, GLOBAL, dg)
}

const coalesceChartValues = (warn: Warn, c: Chart, v: GoMap, prefix: string, merge: boolean): void => {
  const subPrefix = concatPrefix(prefix, c.metadata.name)
  for (const [key, val] of Object.entries(deepCopy(c.values))) {
    const present = getKey(v, key)
    if (present === undefined) {
      putKey(v, key, val)
      continue
    }
    const value = present.value
    if (isNil(value) && !merge) remove(v, key)
    else if (isTable(value)) {
      if (!isTable(val)) {
        if (!isNil(val)) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`)
      } else {
        const childMerge = c.dependencies.some((d) => d.metadata.name === key) || merge
        coalesceTables(warn, value, val, concatPrefix(subPrefix, key), childMerge)
      }
    }
  }
}

const coalesceDeps = (warn: Warn, c: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap => {
  for (const sub of c.dependencies) {
    const name = sub.metadata.name
    const existing = getKey(dest, name)
    if (existing === undefined) putKey(dest, name, {})
    else if (!isTable(existing.value))
      throw new TypeMismatch(`type mismatch on ${name}: ${sprintf('%t', existing.value)}`)
    const subPrefix = concatPrefix(prefix, c.metadata.name)
    const dvmap = dest[name] as GoMap
    coalesceGlobals(warn, dvmap, dest, subPrefix)
    putKey(dest, name, coalesceTree(warn, sub, dvmap, subPrefix, merge))
  }
  return dest
}

const coalesceTree = (warn: Warn, c: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap => {
  coalesceChartValues(warn, c, dest, prefix, merge)
  return coalesceDeps(warn, c, dest, prefix, merge)
}

const run = (chart: Chart, user: GoMap, merge: boolean): E.Either<GeneralError, Coalesced> => {
  const warnings: string[] = []
  try {
    const values = coalesceTree((m) => void warnings.push(m), chart, deepCopy(user), '', merge)
    return E.right({ values, warnings })
  } catch (e) {
    if (e instanceof TypeMismatch) return E.left(invalidArgument(e.message))
    throw e
  }
}

/**
 * Helm's CoalesceValues: the chart's defaults (values.yaml) under `user`, maps merged deeply, lists and
 * scalars replaced, a user nil deleting a default, each subchart's section (by name; aliases are already
 * names after `processDependencies`) coalesced with that subchart's defaults recursively and `global`
 * copied down (parent wins). Returns the values and the warnings Helm logs; inputs are not changed.
 * Fails with InvalidArgument (`type mismatch on sub: %!t(string=x)`) when a subchart's section is not a map.
 */
export const coalesceValuesWithWarnings = (chart: Chart, user: GoMap): E.Either<GeneralError, Coalesced> =>
  run(chart, user, false)

/** `coalesceValuesWithWarnings` without the warnings. */
export const coalesceValues = (chart: Chart, user: GoMap): E.Either<GeneralError, GoMap> =>
  E.map((c: Coalesced) => c.values)(run(chart, user, false))

/** Helm's MergeValues: as `coalesceValues` but nils are kept (used while processing dependencies). */
export const mergeValues = (chart: Chart, user: GoMap): E.Either<GeneralError, GoMap> =>
  E.map((c: Coalesced) => c.values)(run(chart, user, true))

/** `mergeValues` with the warnings Helm logs. */
export const mergeValuesWithWarnings = (chart: Chart, user: GoMap): E.Either<GeneralError, Coalesced> =>
  run(chart, user, true)

/** Helm's CoalesceTables(dst, src) on copies: `src` under `dst`, a nil in `dst` deleting what `src` had. */
export const coalesceTablesOf = (dst: GoMap, src: GoMap, merge = false): GoMap =>
  coalesceTables(() => undefined, deepCopy(dst), deepCopy(src), '', merge)

/**
 * Helm's MergeTables(dst, src) in place (dst wins, nils kept); returns `dst`. Helm's import-values
 * processing relies on its sharing of sub-maps, so Dependencies.ts calls it on maps it owns.
 */
export const mergeTablesInPlace = (dst: GoMap, src: GoMap): GoMap => coalesceTables(() => undefined, dst, src, '', true)
