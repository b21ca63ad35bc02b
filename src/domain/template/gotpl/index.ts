/**
 * Go's text/template for Helm charts: a set of named templates sharing one function map.
 *
 * Semantics are modern Go's (1.22+: short-circuit and/or, break/continue, range over int, else with),
 * which only add successful renders over the Go 1.14 that Helm v2 was built with.
 */
import { type Tree, isEmptyTree } from './ast'
import { builtins } from './builtins'
import { type ExecContext, executeTree } from './exec'
import { parseTemplate } from './parse'
import { quote } from '../../go/Strconv'
import { TemplateError } from './TemplateError'
import type { GoFunc, Value } from '../../go/Value'
import { Budget, type RenderLimits, defaultRenderLimits, isStackOverflow, withBudget } from '../../go/Budget'

export { TemplateError } from './TemplateError'
export type { Value, GoFunc } from '../../go/Value'

export type FuncMap = Readonly<Record<string, GoFunc>>

export interface TemplateSetOptions {
  /** Sprig + Helm's functions; they override Go builtins of the same name, as in Go. */
  readonly funcs: FuncMap
  /**
   * Late-bound functions that need the set (include, tpl); re-run for clones. A function may call
   * `set.execute` re-entrantly; execution is synchronous, so a closure counter incremented before and
   * decremented after `execute` (in `finally`) counts the nesting of each name (Helm caps include at 1000).
   */
  readonly bind?: (set: TemplateSet) => FuncMap | undefined
  /** 'zero' (Helm's default): a missing key is nil and prints `<no value>`; 'error': `map has no entry for key "x"`. */
  readonly missingKey?: 'zero' | 'error' | undefined
  /** Evaluation steps allowed (shorthand for `limits.maxSteps`). */
  readonly maxSteps?: number | undefined
  /**
   * What executions of this set (and its clones) may spend together: steps, bytes built, output, include/tpl
   * nesting (defaults: `defaultRenderLimits`). Passing a limit throws LimitExceeded (see go/Budget).
   */
  readonly limits?: Partial<RenderLimits> | undefined
}

// Parsed trees are immutable, so one parse of a text serves every set whose functions include the ones
// the text names (charts are rendered again and again with the same templates). Bounded by entry count.
const parseCache = new Map<
  string,
  { readonly trees: ReadonlyMap<string, Tree>; readonly funcs: ReadonlyArray<string> }
>()
const PARSE_CACHE_LIMIT = 4000

/** Bytes a parse builds, about: the text, and a tree of a few nodes per action (`{{`). */
export const parseCost = (text: string): number => {
  let actions = 0
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i + 2)) actions++
  return text.length + actions * 512
}

/**
 * A set of parsed templates that can call each other by name. Methods throw TemplateError, and LimitExceeded
 * past the set's limits (see go/Budget).
 */
export class TemplateSet {
  private readonly trees: Map<string, Tree>
  private readonly funcs: Record<string, GoFunc>
  private readonly ctx: ExecContext
  /** Shared with every clone: a render's templates, includes and tpl texts spend one budget. */
  readonly budget: Budget

  constructor(
    private readonly opts: TemplateSetOptions,
    trees?: ReadonlyMap<string, Tree>,
    budget?: Budget,
  ) {
    this.trees = new Map(trees ?? [])
    this.funcs = Object.assign(Object.create(null) as Record<string, GoFunc>, builtins, opts.funcs)
    this.budget =
      budget ??
      new Budget({
        ...defaultRenderLimits,
        ...opts.limits,
        ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}),
      })
    if (opts.bind) Object.assign(this.funcs, opts.bind(this))
    this.ctx = {
      lookup: (name) => this.trees.get(name),
      findFunction: (name) => {
        const fn = this.funcs[name]
        return fn === undefined ? undefined : { fn, builtin: fn === builtins[name] }
      },
      missingKey: opts.missingKey ?? 'zero',
      budget: this.budget,
    }
  }

  /**
   * Parses `text` as template `name`, adding it and every `define`/`block` in it. A later non-empty
   * definition replaces an earlier one; an empty one never replaces an existing template (Go's AddParseTree).
   */
  parse(name: string, text: string): void {
    this.budget.charge(parseCost(text))
    const has = (f: string): boolean => this.funcs[f] !== undefined
    const key = `${has('break') ? 1 : 0}${has('continue') ? 1 : 0}${name}\u0000${text}`
    const hit = parseCache.get(key)
    let parsed: ReadonlyMap<string, Tree>
    if (hit?.funcs.every(has)) parsed = hit.trees
    else {
      const used = new Set<string>()
      parsed = parseTemplate(name, text, has, used)
      if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear()
      parseCache.set(key, { trees: parsed, funcs: [...used] })
    }
    for (const [n, tree] of parsed) {
      const old = this.trees.get(n)
      if (old !== undefined && isEmptyTree(tree.root)) continue
      this.trees.set(n, tree)
    }
  }

  /** Whether a template of that name exists. */
  has(name: string): boolean {
    return this.trees.has(name)
  }

  /** The names of every template in the set. */
  names(): string[] {
    return [...this.trees.keys()]
  }

  /**
   * Executes template `name` with `data` as dot and `$`, returning its output. Nested calls (include, tpl)
   * share the set's budget; a LimitExceeded passes through them untouched.
   */
  execute(name: string, data: Value): string {
    const tree = this.trees.get(name)
    if (!tree) {
      const msg = `no template ${quote(name)} associated with template ${quote(name)}`
      throw new TemplateError(`template: ${msg}`, 'exec', name, 0, 0, msg)
    }
    const budget = this.budget
    budget.executing++
    try {
      return withBudget(budget, () => executeTree(this.ctx, tree, data))
    } catch (e) {
      // Go stops {{template}} recursion at maxExecDepth; the JavaScript stack ends first (at a depth that
      // depends on the thread), so the outermost execution reports Go's error for it.
      if (isStackOverflow(e) && budget.executing === 1) {
        const msg = `exceeded maximum template depth (100000)`
        throw new TemplateError(`template: ${name}: ${msg}`, 'exec', name, 0, 0, msg, e)
      }
      throw e
    } finally {
      budget.executing--
    }
  }

  /** A set with the same templates, functions and budget; `bind` is re-applied so late-bound functions see the clone. */
  clone(): TemplateSet {
    return new TemplateSet(this.opts, this.trees, this.budget)
  }
}
