/**
 * What one render may spend, so that a hostile chart fails with one clear line instead of exhausting
 * the process (Go's text/template has no such bounds: Helm freezes or dies on these charts).
 *
 * A render owns one `Budget`; the template engine makes it the active budget while templates execute, and
 * the engine, the functions that can build large values from small arguments (`until`, `repeat`, ...) and
 * the serialisers (`toYaml`, `%v`, `deepCopy`, ...) charge it. Charging with no active budget is free.
 */

/** Limits of one render. Sizes are estimates of what the values and text take in memory, in bytes. */
export interface RenderLimits {
  /** Evaluation steps (actions, text, range iterations, nodes serialised) of the whole render. */
  readonly maxSteps: number
  /** Text written and values built by templates and functions, cumulated over the render. */
  readonly maxBytes: number
  /** Text of the rendered files together. */
  readonly maxOutputBytes: number
  /** YAML nodes of the rendered files together (estimated: what parsing them as manifests costs). */
  readonly maxOutputNodes: number
  /** Nesting of `include` and `tpl` calls. */
  readonly maxNesting: number
}

const MiB = 1024 * 1024

/**
 * Defaults: far above what real charts use (stable/prometheus-operator, the biggest chart of the
 * conformance set, renders 2.3 MB in about 11,000 steps and builds about 10 MB), and low enough
 * that the worst a render can hold stays well under 2 GiB.
 */
export const defaultRenderLimits: RenderLimits = {
  maxSteps: 20_000_000,
  maxBytes: 256 * MiB,
  maxOutputBytes: 32 * MiB,
  maxOutputNodes: 1_000_000,
  maxNesting: 250,
}

/**
 * How deep maps and lists may nest: decoded documents are refused past it (see yaml/Depth) and the
 * serialisers and copies stop there (a value built by templates can nest deeper, or contain itself).
 * The recursive algorithms over values run on a JavaScript stack that ends near 1000 levels.
 */
export const MAX_NESTING_DEPTH = 500

/** Which limit a render passed. */
export type LimitName = 'steps' | 'memory' | 'output' | 'nesting'

/**
 * A render passed one of its limits. Template functions never catch it (the engine passes it through every
 * nested `include`/`tpl` untouched, so the error stays one line); `message` is the reason, worded for users.
 */
export class LimitExceeded extends Error {
  constructor(
    readonly limit: LimitName,
    message: string,
  ) {
    super(message)
    this.name = 'LimitExceeded'
  }
}

/** "512 MiB", "1.5 KiB", "12 bytes". */
export const formatBytes = (n: number): string => {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let i = 0
  let v = n
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${n} bytes` : `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`
}

/** The spending of one render against its limits. Methods throw LimitExceeded. */
export class Budget {
  steps = 0
  bytes = 0
  output = 0
  /** Current nesting of include/tpl calls. */
  nesting = 0
  /** Current nesting of template executions (1 = a file of the chart; more = inside include/tpl). */
  executing = 0

  constructor(readonly limits: RenderLimits = defaultRenderLimits) {}

  step(n = 1): void {
    this.steps += n
    if (this.steps > this.limits.maxSteps)
      throw new LimitExceeded('steps', `template execution exceeded ${this.limits.maxSteps} steps`)
  }

  charge(bytes: number): void {
    this.bytes += bytes
    if (this.bytes > this.limits.maxBytes) throw this.memoryExceeded()
  }

  /** Text appended to an output; `top` when it is the output of a chart's file (not of an include or tpl). */
  write(length: number, top: boolean): void {
    this.charge(length + 32)
    if (top) {
      this.output += length
      if (this.output > this.limits.maxOutputBytes)
        throw new LimitExceeded('output', `the rendered output would exceed ${formatBytes(this.limits.maxOutputBytes)}`)
    }
  }

  memoryExceeded(): LimitExceeded {
    return new LimitExceeded(
      'memory',
      `the templates would build more than ${formatBytes(this.limits.maxBytes)} of text and values`,
    )
  }
}

let active: Budget | undefined

/** Runs `f` with `budget` as the active budget (restored afterwards; nested renders keep their own). */
export const withBudget = <A>(budget: Budget, f: () => A): A => {
  const previous = active
  active = budget
  try {
    return f()
  } finally {
    active = previous
  }
}

/** Charges the active budget `bytes` (nothing without one). Throws LimitExceeded past the limit. */
export const charge = (bytes: number): void => {
  if (active !== undefined) active.charge(bytes)
}

/** Charges `steps` steps of work done inside one function (a character drawn at random costs one). */
export const chargeSteps = (steps: number): void => {
  if (active !== undefined) active.step(steps)
}

/** Charges one step of work (a serialised node, a copied element) and the bytes it builds. */
export const chargeNode = (bytes = 16): void => {
  if (active !== undefined) {
    active.step()
    active.charge(bytes)
  }
}

/** Charges the active budget for a text a serialiser built (each level of a nested value builds its own), and returns it. */
export const charged = (text: string): string => {
  if (active !== undefined) active.charge(text.length)
  return text
}

/**
 * Serialisers and copies call this with the nesting of the value they are in; past MAX_NESTING_DEPTH it throws
 * LimitExceeded (with or without a running render: the stack would end a little further on).
 */
export const checkNesting = (depth: number): void => {
  if (depth > MAX_NESTING_DEPTH)
    throw new LimitExceeded(
      'nesting',
      `a value is nested more than ${MAX_NESTING_DEPTH} levels deep (or contains itself)`,
    )
}

/** The active budget, if a render is running. */
export const activeBudget = (): Budget | undefined => active

/**
 * Estimated bytes of a value a function returned, for the cumulative budget: strings and bytes by length,
 * lists by their slots; maps are charged where they are built (see `chargeNode`).
 */
export const shallowSize = (v: unknown): number =>
  typeof v === 'string' ? v.length : Array.isArray(v) ? 8 * v.length : v instanceof Uint8Array ? v.byteLength : 0

/** True for V8's own "too large" failures (string or array length past what it can hold, allocation refused). */
export const isAllocationFailure = (e: unknown): boolean =>
  e instanceof RangeError && /Invalid (string|array|typed array) length|Array buffer allocation failed/.test(e.message)

/** True for a JavaScript stack overflow. */
export const isStackOverflow = (e: unknown): boolean => e instanceof RangeError && /call stack/.test(e.message)
