import * as E from 'fp-ts/Either'
import Mustache from 'mustache'
import { renderLimitExceeded, templateFailed } from '../EngineError'
import {
  Budget,
  LimitExceeded,
  defaultRenderLimits,
  isAllocationFailure,
  isStackOverflow,
  withBudget,
} from '../../go/Budget'
import { type EngineOptions, isPartial, type RenderJob, type TemplateEngine } from '../Engine'
import { type Value, GoInt, isGoStruct } from '../../go/Value'

/** A Go value as mustache view data: ints as numbers, bytes as text, structs through their `toPlain`. */
export const plainView = (v: Value): unknown => {
  if (v === null || v === undefined) return v
  if (v instanceof GoInt) return Number(v.value)
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8')
  if (Array.isArray(v)) return v.map(plainView)
  if (typeof v === 'function') return undefined
  if (isGoStruct(v)) {
    const p = (v as { toPlain?: () => Value }).toPlain
    return p ? plainView(p()) : v.format ? v.format() : undefined
  }
  if (typeof v === 'object') {
    const o: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) o[k] = plainView(x)
    return o
  }
  return v
}

const baseNoExt = (name: string): string => {
  const base = name.slice(name.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

/**
 * Mustache's writer charging a render's budget: every rendered token list (a file, a section iteration, a
 * partial) is a step and its text is written bytes, and lists nest at most `maxNesting` deep (a partial
 * that includes itself), so that nested sections and recursive partials stop with LimitExceeded.
 */
class BudgetWriter extends Mustache.Writer {
  private depth = 0
  constructor(private readonly budget: Budget) {
    super()
  }
  override renderTokens(...args: Parameters<Mustache.Writer['renderTokens']>): string {
    this.budget.step()
    if (this.depth >= this.budget.limits.maxNesting)
      throw new LimitExceeded(
        'nesting',
        `sections and partials nested more than ${this.budget.limits.maxNesting} levels deep`,
      )
    this.depth++
    try {
      const out = super.renderTokens(...args)
      this.budget.write(out.length, this.depth === 1)
      return out
    } finally {
      this.depth--
    }
  }
}

/**
 * Logic-less templates for charts that say `engine: mustache`: the same top-level view as gotpl
 * (Values, Release, Chart, Capabilities, Files as data, Template), no HTML escaping, and `_*` templates
 * usable as partials by base name without extension (`{{> _helpers}}`). Bounded by `opts.limits` as gotpl is.
 */
export const mustacheEngine: TemplateEngine = {
  name: 'mustache',
  render: (jobs: ReadonlyArray<RenderJob>, opts: EngineOptions) => {
    const partials: Record<string, string> = {}
    for (const j of jobs) if (baseNoExt(j.name).startsWith('_')) partials[baseNoExt(j.name)] = j.text
    const out = new Map<string, string>()
    const budget = new Budget({ ...defaultRenderLimits, ...opts.limits })
    const writer = new BudgetWriter(budget)
    for (const j of jobs) {
      if (isPartial(j.name)) continue
      opts.onTemplate?.(j.name)
      const view = plainView({ ...j.scope, Template: { Name: j.name, BasePath: j.basePath } })
      try {
        out.set(
          j.name,
          withBudget(budget, () => writer.render(j.text, view, partials, { escape: (s: unknown) => String(s) })),
        )
      } catch (e) {
        if (e instanceof LimitExceeded) return E.left(renderLimitExceeded(j.name, e.message))
        if (isAllocationFailure(e)) return E.left(renderLimitExceeded(j.name, budget.memoryExceeded().message))
        if (isStackOverflow(e))
          return E.left(renderLimitExceeded(j.name, 'sections and partials nested too deep (call stack exhausted)'))
        return E.left(templateFailed(`template: ${j.name}: ${e instanceof Error ? e.message : String(e)}`))
      }
    }
    return E.right(out)
  },
}
