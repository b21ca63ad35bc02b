/** Severity of a lint finding, as Helm prints it in brackets. */
export type Severity = 'INFO' | 'WARNING' | 'ERROR'

/** One finding of `helm lint`: `[SEVERITY] path: text`. */
export interface LintMessage {
  readonly severity: Severity
  readonly path: string
  readonly text: string
}

export const info = (path: string, text: string): LintMessage => ({ severity: 'INFO', path, text })
export const warning = (path: string, text: string): LintMessage => ({ severity: 'WARNING', path, text })
export const error = (path: string, text: string): LintMessage => ({ severity: 'ERROR', path, text })

/** The line Helm prints for a finding. */
export const formatLintMessage = (m: LintMessage): string => `[${m.severity}] ${m.path}: ${m.text}`

/** Whether the findings fail the chart: any ERROR, or with `strict` any WARNING too. */
export const lintFailed = (ms: ReadonlyArray<LintMessage>, strict: boolean): boolean =>
  ms.some((m) => m.severity === 'ERROR' || (strict && m.severity === 'WARNING'))
