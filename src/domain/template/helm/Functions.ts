import type { FuncMap, TemplateSet } from '../gotpl'
import { quote } from '../../go/Fmt'
import { type GoFunc, type Value, GoError, withSignature } from '../../go/Value'
import { failEnd, failStart } from '../ErrorText'

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

// Go signatures: the engine checks argument counts and types as Go's reflection does before calling.
const fn = (params: Parameters<typeof withSignature>[1], f: GoFunc): GoFunc => withSignature(f, params)

/**
 * `fail MSG` and `required MSG VAL` (fails when VAL is nil or ""). In lint mode they do not fail: `fail`
 * gives "" and `required` gives VAL, and `onLintMessage` hears the message.
 */
export const flowFuncs = (lint?: (msg: string) => void): FuncMap => ({
  fail: fn(['string'], (msg) => {
    if (!lint) throw failWrap(msg as string)
    lint(`[ERROR] fail: ${msg as string}`)
    return ''
  }),
  required: fn(['string', 'any'], (msg, val) => {
    if (val !== null && val !== undefined && val !== '') return val
    if (!lint) throw failWrap(msg as string)
    lint(`[INFO] Missing required value: ${msg as string}`)
    return ''
  }),
})

/** `lookup`: the caller's cluster reader, or an empty map as `helm template` gives. */
export const lookupFunc = (lookup?: Lookup): FuncMap => ({
  lookup: fn(['string', 'string', 'string', 'string'], (apiVersion, kind, namespace, name) =>
    lookup ? lookup(apiVersion as string, kind as string, namespace as string, name as string) : {},
  ),
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
    const include = fn(['string', 'any'], (...a) => {
      const name = a[0] as string
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
        if (e instanceof RangeError)
          throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`)
        throw e
      } finally {
        depth.set(name, n)
        total--
      }
    })
    const tpl = fn(['string', 'any'], (...a) => {
      const text = a[0] as string
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
    })
    return { include, tpl }
  }
  return bind
}
