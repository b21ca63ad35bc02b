import { type GoFunc, type GoMap, type Value, GoError, isGoMap, withMethods, withSignature } from '../../go/Value'
import { quote } from '../../go/Fmt'

/**
 * `.Values` as Helm's `common.Values`: the map itself plus the methods `YAML` (the map as YAML text),
 * `AsMap`, `Table "a.b"` (a nested table, or `"b" is not a table`) and `PathValue "a.b"` (a non-table
 * value, or `"b" is not a value`). Returns a shallow copy carrying the methods.
 */
export const valuesObject = (values: GoMap, toYaml: (v: Value) => string): GoMap => {
  const table = (name: string): GoMap => {
    let t: GoMap = values
    for (const part of name.split('.')) {
      const next = Object.hasOwn(t, part) ? t[part] : undefined
      if (!isGoMap(next ?? null)) throw new GoError(`${quote(part)} is not a table`)
      t = next as GoMap
    }
    return t
  }
  const pathValue = (path: string): Value => {
    if (path === '') throw new GoError('YAML path cannot be empty')
    const parts = path.split('.')
    const key = parts.pop()!
    let t: GoMap = values
    if (parts.length > 0) {
      try {
        t = table(parts.join('.'))
      } catch {
        throw new GoError(`${quote(key)} is not a value`)
      }
    }
    const v = Object.hasOwn(t, key) ? t[key] : undefined
    if (v === undefined || isGoMap(v ?? null)) throw new GoError(`${quote(key)} is not a value`)
    return v
  }
  const methods: Record<string, GoFunc> = {
    YAML: withSignature(() => toYaml(values), []),
    AsMap: withSignature(() => ({ ...values }), []),
    Table: withSignature((name: Value) => valuesObject(table(name as string), toYaml), ['string']),
    PathValue: withSignature((path: Value) => pathValue(path as string), ['string']),
  }
  return withMethods({ ...values }, methods)
}
