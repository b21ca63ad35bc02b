import type * as E from 'fp-ts/Either'
import type { HelmError } from '../errors'
import type { FuncMap } from './gotpl'
import type { GoMap } from '../go/Value'
import { gotplEngine } from '../render/GotplEngine'
import { mustacheEngine } from './mustache/MustacheEngine'

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
}

/**
 * A template engine (Tiller's `Engine`): renders every non-partial job, returning file name → text with
 * `<no value>` removed, or the first failure as a HelmError worded as Helm words it.
 */
export interface TemplateEngine {
  readonly name: string
  readonly render: (jobs: ReadonlyArray<RenderJob>, opts: EngineOptions) => E.Either<HelmError, Map<string, string>>
}

/** The engines a chart may name in Chart.yaml's `engine` field; `gotpl` is the default. */
export const templateEngines: ReadonlyMap<string, TemplateEngine> = new Map([
  [gotplEngine.name, gotplEngine],
  [mustacheEngine.name, mustacheEngine],
])

/**
 * The engine a chart asks for: empty → gotpl; an unknown name → gotpl after Tiller's warning
 * (`warning: <chart> requested non-existent template engine <x>`).
 */
export const selectEngine = (
  requested: string | undefined,
  chartName: string,
  warn?: (msg: string) => void,
): TemplateEngine => {
  if (!requested) return gotplEngine
  const found = templateEngines.get(requested)
  if (found) return found
  warn?.(`warning: ${chartName} requested non-existent template engine ${requested}`)
  return gotplEngine
}

/** True for partials (`_` base names): parsed, never rendered on their own. */
export const isPartial = (name: string): boolean => name.slice(name.lastIndexOf('/') + 1).startsWith('_')
