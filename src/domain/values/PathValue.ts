import * as E from 'fp-ts/Either'
import { type GoMap, type Value, isGoMap } from '../go/Value'
import { getKey } from './MergeMaps'

const isTable = (v: Value | undefined): v is GoMap => v !== null && v !== undefined && isGoMap(v)

/**
 * Helm's `Values.Table(name)` with its error: Right the map at the dotted path `name`, Left the first
 * step that is missing or not a map (Helm's ErrNoTable key, printed `"<step>" is not a table`).
 */
export const tableAt = (values: GoMap, name: string): E.Either<string, GoMap> => {
  let t: GoMap = values
  for (const step of name.split('.')) {
    const next = getKey(t, step)
    if (next === undefined || !isTable(next.value)) return E.left(step)
    t = next.value
  }
  return E.right(t)
}

/** Helm's `Values.Table(name)`: the map at the dotted path `name`, or `undefined` when a step is missing or not a map. */
export const table = (values: GoMap, name: string): GoMap | undefined => {
  const t = tableAt(values, name)
  return E.isRight(t) ? t.right : undefined
}

/**
 * Helm's `Values.PathValue(path)`: the non-map value at the dotted path (`{ value }`), or `undefined`
 * when the path is empty, missing, or ends on a map.
 */
export const pathValue = (values: GoMap, path: string): { readonly value: Value } | undefined => {
  if (path === '') return undefined
  const steps = path.split('.')
  const key = steps[steps.length - 1] as string
  const t = steps.length === 1 ? values : table(values, steps.slice(0, -1).join('.'))
  if (t === undefined) return undefined
  const found = getKey(t, key)
  return found === undefined || isTable(found.value) ? undefined : found
}

/**
 * The `.Values` a chart sees when rendering: the top-level values for the root chart (`path` empty),
 * then the section named by each subchart name (or alias) along `path`; `{}` when a section is
 * missing or not a map (Helm's engine does the same).
 */
export const valuesForChart = (top: GoMap, path: ReadonlyArray<string>): GoMap => {
  let v = top
  for (const name of path) {
    const next = getKey(v, name)
    if (next === undefined || !isTable(next.value)) return {}
    v = next.value
  }
  return v
}
