import type { GeneralError } from '../GeneralError'
import { defineMessages, messageWith } from '../Messages'
import { type YamlError, yamlMessages } from '../yaml/YamlError'

/** Errors of loading, validating and packaging charts. */
export type ChartError =
  | { readonly _tag: 'InvalidChartFile'; readonly path: string; readonly problems: ReadonlyArray<string> }
  | { readonly _tag: 'ChartNotFound'; readonly path: string }
  | { readonly _tag: 'UnsafeArchive'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'ChartTooLarge'; readonly path: string; readonly limit: number }
  | {
      readonly _tag: 'ChartFileTooLarge'
      readonly path: string
      readonly file: string
      readonly limit: number
      readonly archived: boolean
    }
  | { readonly _tag: 'InvalidChartMetadata'; readonly path: string; readonly reason: string }

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

/** The archive at `path` unpacks to more than `limit` bytes in all (Helm 4's MaxDecompressedChartSize). */
export const chartTooLarge = (path: string, limit: number): ChartError => ({ _tag: 'ChartTooLarge', path, limit })
/**
 * One file of a chart is larger than `limit` bytes (Helm 4's MaxDecompressedFileSize): `file` is the tar entry
 * name when `archived`, else the file's base name (as Helm 4's directory loader names it).
 */
export const chartFileTooLarge = (path: string, file: string, limit: number, archived: boolean): ChartError => ({
  _tag: 'ChartFileTooLarge',
  path,
  file,
  limit,
  archived,
})
/** Chart.yaml metadata Helm 4's `Metadata.Validate` refuses (e.g. a name that is a path). */
export const invalidChartMetadata = (path: string, reason: string): ChartError => ({
  _tag: 'InvalidChartMetadata',
  path,
  reason,
})

export const chartMessages = defineMessages<ChartError>({
  InvalidChartFile: (e) => `${e.path}: ${e.problems.join('; ')}`,
  ChartNotFound: (e) => `path "${e.path}" not found`,
  UnsafeArchive: (e) => `refusing archive ${e.path}: ${e.reason}`,
  ChartTooLarge: (e) => `decompressed chart is larger than the maximum size ${e.limit}`,
  ChartFileTooLarge: (e) =>
    e.archived
      ? `decompressed chart file ${JSON.stringify(e.file)} is larger than the maximum file size ${e.limit}`
      : `chart file ${JSON.stringify(e.file)} is larger than the maximum file size ${e.limit}`,
  InvalidChartMetadata: (e) => `validation: ${e.reason}`,
})

/** The user-facing text of a chart read error. */
export const chartReadMessage: (e: ChartReadError) => string = messageWith<ChartReadError>({
  ...chartMessages,
  ...yamlMessages,
})
