import { defineMessages } from '../Messages'

/**
 * Errors of a template engine. `TemplateFailed` carries the text Helm 4 prints for a template that does not
 * parse or execute (`parse error at (...)`, `execution error at (...)`, Go's `template: ...` text or Helm's
 * multi-line trace); `RenderLimitExceeded` a render stopped by a budget (steps, nesting).
 */
export type EngineError =
  | { readonly _tag: 'TemplateFailed'; readonly text: string }
  | { readonly _tag: 'RenderLimitExceeded'; readonly template: string; readonly reason: string }

export const templateFailed = (text: string): EngineError => ({ _tag: 'TemplateFailed', text })
export const renderLimitExceeded = (template: string, reason: string): EngineError => ({
  _tag: 'RenderLimitExceeded',
  template,
  reason,
})

export const engineMessages = defineMessages<EngineError>({
  TemplateFailed: (e) => e.text,
  RenderLimitExceeded: (e) => `rendering ${e.template} stopped: ${e.reason}`,
})
