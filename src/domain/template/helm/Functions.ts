import type { FuncMap, TemplateSet } from '../gotpl'
import { quote } from '../../go/Fmt'
import { type GoFunc, type Value, GoError, withSignature } from '../../go/Value'
import { failEnd, failStart } from '../ErrorText'
import { LimitExceeded, isStackOverflow } from '../../go/Budget'

const failWrap = (msg: string): GoError => new GoError(`${failStart}${msg}${failEnd}`)

/** Helm caps the nesting of one `include` name at this depth. */
export const includeRecursionLimit = 1000

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

const nestedReference = (name: string): LimitExceeded =>
  new LimitExceeded('nesting', `rendering template has a nested reference name: ${name}: unable to execute template`)

/**
 * The late-bound `include NAME DATA` and `tpl TEXT DATA` of one template set (pass as TemplateSet's `bind`).
 * `include` counts nesting per name and stops past `includeRecursionLimit` (Helm's 1000) with Helm's message;
 * include and tpl calls together stop past the budget's `maxNesting` (the JavaScript stack ends well before
 * Helm's 1000 levels, and Helm has no bound on tpl at all: it dies with a Go stack overflow). A limit passes
 * through every level untouched, so the error names the outermost call and the runaway template only.
 * `tpl` parses TEXT as a template named "gotpl" in a clone of the set (so its `define`s are visible to its own
 * `include`s) and strips `<no value>` from the result, as Helm does.
 */
export const bindIncludeTpl = (): ((set: TemplateSet) => FuncMap) => {
  const depth = new Map<string, number>()
  const bind = (set: TemplateSet): FuncMap => {
    const budget = set.budget
    const include = fn(['string', 'any'], (...a) => {
      const name = a[0] as string
      if (!set.has(name)) throw new GoError(`template: no template ${quote(name)} associated with template "gotpl"`)
      const n = depth.get(name) ?? 0
      if (n > includeRecursionLimit || budget.nesting >= budget.limits.maxNesting) throw nestedReference(name)
      depth.set(name, n + 1)
      budget.nesting++
      try {
        return set.execute(name, a[1] ?? null)
      } catch (e) {
        // the stack ran out before the nesting limit (a deep stack on entry): the same runaway nesting
        if (isStackOverflow(e)) throw nestedReference(name)
        throw e
      } finally {
        depth.set(name, n)
        budget.nesting--
      }
    })
    const tpl = fn(['string', 'any'], (...a) => {
      const text = a[0] as string
      if (budget.nesting >= budget.limits.maxNesting)
        throw new LimitExceeded(
          'nesting',
          `tpl calls nested more than ${budget.limits.maxNesting} levels deep: unable to execute template`,
        )
      const clone = set.clone()
      try {
        clone.parse('gotpl', text)
      } catch (e) {
        if (e instanceof LimitExceeded) throw e
        throw new GoError(`cannot parse template ${quote(text)}: ${(e as Error).message}`)
      }
      let out: string
      budget.nesting++
      try {
        out = clone.execute('gotpl', a[1] ?? null)
      } catch (e) {
        if (e instanceof LimitExceeded || isStackOverflow(e)) throw e
        throw new GoError(`error during tpl function execution for ${quote(text)}: ${(e as Error).message}`)
      } finally {
        budget.nesting--
      }
      return out.replaceAll('<no value>', '')
    })
    return { include, tpl }
  }
  return bind
}
