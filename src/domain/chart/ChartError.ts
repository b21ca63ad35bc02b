import type { GeneralError } from '../GeneralError'
import { defineMessages, messageWith } from '../Messages'
import { type YamlError, yamlMessages } from '../yaml/YamlError'

/** Errors of loading, validating and packaging charts. */
export type ChartError =
  | { readonly _tag: 'InvalidChartFile'; readonly path: string; readonly problems: ReadonlyArray<string> }
  | { readonly _tag: 'ChartNotFound'; readonly path: string }
  | { readonly _tag: 'UnsafeArchive'; readonly path: string; readonly reason: string }

/** What reading a chart's files can fail with: the chart's own errors and its YAML files' errors. */
export type ChartReadError = ChartError | YamlError

/** What making a new chart can fail with: a bad name (InvalidArgument) or a chart error. */
export type ChartCreateError = ChartError | GeneralError

export const invalidChartFile = (path: string, problems: ReadonlyArray<string>): ChartError => ({
  _tag: 'InvalidChartFile',
  path,
  problems,
})
export const chartNotFound = (path: string): ChartError => ({ _tag: 'ChartNotFound', path })
export const unsafeArchive = (path: string, reason: string): ChartError => ({ _tag: 'UnsafeArchive', path, reason })

export const chartMessages = defineMessages<ChartError>({
  InvalidChartFile: (e) => `${e.path}: ${e.problems.join('; ')}`,
  ChartNotFound: (e) => `path "${e.path}" not found`,
  UnsafeArchive: (e) => `refusing archive ${e.path}: ${e.reason}`,
})

/** The user-facing text of a chart read error. */
export const chartReadMessage: (e: ChartReadError) => string = messageWith<ChartReadError>({
  ...chartMessages,
  ...yamlMessages,
})
