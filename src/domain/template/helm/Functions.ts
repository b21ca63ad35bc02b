import type { FuncMap, TemplateSet } from '../gotpl'
import { quote } from '../gotpl/fmt'
import { type GoFunc, type Value, GoError, isGoMap } from '../gotpl/value'
import { failEnd, failStart } from '../../render/ErrorText'

const failWrap = (msg: string): GoError => new GoError(`${failStart}${msg}${failEnd}`)

/** Helm caps the nesting of one `include` name at this depth. */
export const includeRecursionLimit = 1000
/**
 * Our cap on all nested includes together: JavaScript's call stack ends near 500 levels, well before
 * Helm's 1000 per name, so runaway recursion is stopped here, deterministically, with Helm's message.
 */
export const includeTotalDepthLimit = 250

/** A function answering `lookup apiVersion kind namespace name` (a map; empty when there is no cluster). */
export type Lookup = (apiVersion: string, kind: string, namespace: string, name: string) => Value

const want = (fn: string, args: ReadonlyArray<Value>, n: number): void => {
  if (args.length !== n) throw new GoError(`wrong number of args for ${fn}: want ${n} got ${args.length}`)
}
const str = (v: Value): string => {
  if (typeof v !== 'string') throw new GoError(`wrong type for value; expected string; got ${v === null || v === undefined ? '<nil>' : typeName(v)}`)
  return v
}
const typeName = (v: Value): string =>
  typeof v === 'number' ? 'float64' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? '[]interface {}' : isGoMap(v) ? 'map[string]interface {}' : typeof v

/**
 * `fail MSG` and `required MSG VAL` (fails when VAL is nil or ""). In lint mode they do not fail: `fail`
 * gives "" and `required` gives VAL, and `onLintMessage` hears the message.
 */
export const flowFuncs = (lint?: (msg: string) => void): FuncMap => ({
  fail: (...a) => {
    want('fail', a, 1)
    const msg = str(a[0])
    if (lint) {
      lint(`[ERROR] fail: ${msg}`)
      return ''
    }
    throw failWrap(msg)
  },
  required: (...a) => {
    want('required', a, 2)
    const msg = str(a[0])
    const val = a[1]
    if (val === null || val === undefined || val === '') {
      if (lint) {
        lint(`[INFO] Missing required value: ${msg}`)
        return val === '' ? '' : ''
      }
      throw failWrap(msg)
    }
    return val ?? null
  },
})

/** `lookup`: the caller's cluster reader, or an empty map as `helm template` gives. */
export const lookupFunc = (lookup?: Lookup): FuncMap => ({
  lookup: (...a) => {
    want('lookup', a, 4)
    const [apiVersion, kind, namespace, name] = a.map(str) as [string, string, string, string]
    return lookup ? lookup(apiVersion, kind, namespace, name) : {}
  },
})

/**
 * The late-bound `include NAME DATA` and `tpl TEXT DATA` of one template set (pass as TemplateSet's `bind`).
 * `include` counts nesting per name and stops past `includeRecursionLimit`; `tpl` parses TEXT as a
 * template named "gotpl" in a clone of the set (so its `define`s are visible to its own `include`s) and
 * strips `<no value>` from the result, as Helm does.
 */
export const bindIncludeTpl = (): ((set: TemplateSet) => FuncMap) => {
  const depth = new Map<string, number>()
  let total = 0
  const bind = (set: TemplateSet): FuncMap => {
    const include: GoFunc = (...a) => {
      want('include', a, 2)
      const name = str(a[0])
      if (!set.has(name)) throw new GoError(`template: no template ${quote(name)} associated with template "gotpl"`)
      const n = depth.get(name) ?? 0
      if (n > includeRecursionLimit || total >= includeTotalDepthLimit)
        throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`)
      depth.set(name, n + 1)
      total++
      try {
        return set.execute(name, a[1] ?? null)
      } catch (e) {
        // Our call stack ends before Helm's 1000 levels: report the runaway nesting as Helm does.
        if (e instanceof RangeError) throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`)
        throw e
      } finally {
        depth.set(name, n)
        total--
      }
    }
    const tpl: GoFunc = (...a) => {
      want('tpl', a, 2)
      const text = str(a[0])
      const clone = set.clone()
      try {
        clone.parse('gotpl', text)
      } catch (e) {
        throw new GoError(`cannot parse template ${quote(text)}: ${(e as Error).message}`)
      }
      let out: string
      try {
        out = clone.execute('gotpl', a[1] ?? null)
      } catch (e) {
        throw new GoError(`error during tpl function execution for ${quote(text)}: ${(e as Error).message}`)
      }
      return out.replaceAll('<no value>', '')
    }
    return { include, tpl }
  }
  return bind
}
