import * as E from 'fp-ts/Either'
import { TemplateError, TemplateSet } from './gotpl'
import { type EngineOptions, isPartial, type RenderJob, type TemplateEngine } from './Engine'
import { bindIncludeTpl } from './helm/Functions'
import { execErrorText, parseErrorText } from './ErrorText'
import { type EngineError, renderLimitExceeded, templateFailed } from './EngineError'
import { type Budget, LimitExceeded, isAllocationFailure, isStackOverflow } from '../go/Budget'

const slashes = (s: string): number => {
  let n = 0
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) n++
  return n
}

/**
 * Helm's parse order: deeper paths first, equal depth in reverse lexical order, so that a later `define`
 * (the parent chart's, or `a.tpl`'s over `b.tpl`'s) replaces an earlier one.
 */
export const parseOrder = (names: ReadonlyArray<string>): string[] => {
  // each name's depth counted once, not in every comparison (a big chart's tree has hundreds of templates)
  const depth = new Map(names.map((n) => [n, slashes(n)]))
  return [...names].sort((a, b) => depth.get(b)! - depth.get(a)! || (a < b ? 1 : a > b ? -1 : 0))
}

const failure = (name: string, e: unknown, budget: Budget): EngineError => {
  if (e instanceof TemplateError)
    return templateFailed(e.kind === 'parse' ? parseErrorText(name, e.message) : execErrorText(e))
  if (e instanceof LimitExceeded) return renderLimitExceeded(name, e.message)
  if (isAllocationFailure(e)) return renderLimitExceeded(name, budget.memoryExceeded().message)
  if (isStackOverflow(e)) return renderLimitExceeded(name, 'template nesting too deep (call stack exhausted)')
  return templateFailed(`rendering template failed: ${e instanceof Error ? e.message : String(e)}`)
}

/** The Go text/template engine over one template set holding every template of the chart tree. */
export const gotplEngine: TemplateEngine = {
  name: 'gotpl',
  render: (jobs: ReadonlyArray<RenderJob>, opts: EngineOptions) => {
    const set = new TemplateSet({
      funcs: opts.funcs,
      bind: bindIncludeTpl(),
      missingKey: opts.strict ? 'error' : 'zero',
      limits: { ...opts.limits, ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}) },
    })
    const byName = new Map(jobs.map((j) => [j.name, j]))
    const order = parseOrder([...byName.keys()])
    for (const name of order) {
      try {
        set.parse(name, byName.get(name)!.text)
      } catch (e) {
        return E.left(failure(name, e, set.budget))
      }
    }
    const out = new Map<string, string>()
    for (const name of order) {
      if (isPartial(name)) continue
      const job = byName.get(name)!
      opts.onTemplate?.(name)
      try {
        const text = set.execute(name, { ...job.scope, Template: { Name: name, BasePath: job.basePath } })
        // Go prints a missing value as "<no value>"; Helm deletes that text everywhere in the output.
        out.set(name, text.replaceAll('<no value>', ''))
      } catch (e) {
        return E.left(failure(name, e, set.budget))
      }
    }
    return E.right(out)
  },
}
