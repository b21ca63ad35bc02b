import type * as E from 'fp-ts/Either'
import type { EngineError } from './EngineError'
import type { FuncMap } from './gotpl'
import type { GoMap } from '../go/Value'
import type { RenderLimits } from '../go/Budget'

/** One template file of a chart tree to render, with the scope (`.Values`, `.Chart`, ...) of the chart it belongs to. */
export interface RenderJob {
  /** `<chart>/templates/<file>` (subcharts: `<parent>/charts/<sub>/templates/<file>`). */
  readonly name: string
  readonly text: string
  readonly scope: GoMap
  /** `<chart>/templates`, given to the template as `.Template.BasePath`. */
  readonly basePath: string
}

export interface EngineOptions {
  /** Sprig, Helm's serialisers, fail/required/lookup (include and tpl are bound by the engine itself). */
  readonly funcs: FuncMap
  /** missingkey=error instead of zero (lint). */
  readonly strict: boolean
  /** Evaluation step budget per render (the engine fails cleanly past it). */
  readonly maxSteps?: number
  /** What the render may spend (defaults: `defaultRenderLimits`); past a limit it fails with RenderLimitExceeded. */
  readonly limits?: Partial<RenderLimits> | undefined
  /** Told the name of each file as its execution begins (a supervisor that stops a render can name the file). */
  readonly onTemplate?: ((name: string) => void) | undefined
}

/**
 * A template engine (Tiller's `Engine`): renders every non-partial job, returning file name → text with
 * `<no value>` removed, or the first failure worded as Helm words it.
 */
export interface TemplateEngine {
  readonly name: string
  readonly render: (jobs: ReadonlyArray<RenderJob>, opts: EngineOptions) => E.Either<EngineError, Map<string, string>>
}

/** True for partials (`_` base names): parsed, never rendered on their own. */
export const isPartial = (name: string): boolean => name.slice(name.lastIndexOf('/') + 1).startsWith('_')
