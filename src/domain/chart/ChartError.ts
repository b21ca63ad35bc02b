import { defineMessages } from '../Messages'

/** Errors of loading, validating and packaging charts. */
export type ChartError =
  | { readonly _tag: 'InvalidChartFile'; readonly path: string; readonly problems: ReadonlyArray<string> }
  | { readonly _tag: 'ChartNotFound'; readonly path: string }
  | { readonly _tag: 'UnsafeArchive'; readonly path: string; readonly reason: string }

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
