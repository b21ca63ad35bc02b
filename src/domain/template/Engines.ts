import { gotplEngine } from './GotplEngine'
import type { TemplateEngine } from './Engine'
import { mustacheEngine } from './mustache/MustacheEngine'

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
