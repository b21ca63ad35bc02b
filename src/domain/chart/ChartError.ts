import { defineMessages } from '../Messages'

/** Errors of loading, validating and packaging charts. */
export type ChartError =
  | { readonly _tag: 'InvalidChartFile'; readonly path: string; readonly problems: ReadonlyArray<string> }
  | { readonly _tag: 'ChartNotFound'; readonly path: string }
  | {
      readonly _tag: 'YamlParseError'
      readonly path: string
      readonly line: number
      readonly column: number
      readonly reason: string
    }
  | { readonly _tag: 'UnsafeArchive'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'YamlTypeError'; readonly path: string; readonly reason: string }

export const invalidChartFile = (path: string, problems: ReadonlyArray<string>): ChartError => ({
  _tag: 'InvalidChartFile',
  path,
  problems,
})
export const chartNotFound = (path: string): ChartError => ({ _tag: 'ChartNotFound', path })
export const yamlParseError = (path: string, line: number, column: number, reason: string): ChartError => ({
  _tag: 'YamlParseError',
  path,
  line,
  column,
  reason,
})
export const yamlTypeError = (path: string, reason: string): ChartError => ({ _tag: 'YamlTypeError', path, reason })
export const unsafeArchive = (path: string, reason: string): ChartError => ({ _tag: 'UnsafeArchive', path, reason })

export const chartMessages = defineMessages<ChartError>({
  InvalidChartFile: (e) => `${e.path}: ${e.problems.join('; ')}`,
  ChartNotFound: (e) => `path "${e.path}" not found`,
  YamlParseError: (e) => `${e.path}: yaml: line ${e.line}, column ${e.column}: ${e.reason}`,
  YamlTypeError: (e) => `${e.path}: ${e.reason}`,
  UnsafeArchive: (e) => `refusing archive ${e.path}: ${e.reason}`,
})
