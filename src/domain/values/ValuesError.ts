import { defineMessages } from '../Messages'

/** Which value flag an expression came from (`--set`, `--set-string`, ...). */
export type SetFlag = 'set' | 'set-string' | 'set-file' | 'set-json' | 'set-literal'

/** Errors of reading user values, coalescing them with chart defaults, and validating them against schemas. */
export type ValuesError =
  | { readonly _tag: 'InvalidSetData'; readonly flag: SetFlag; readonly reason: string }
  | { readonly _tag: 'InvalidSetJson'; readonly expr: string; readonly whole: boolean }
  | { readonly _tag: 'InvalidValuesFile'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'InvalidSchema'; readonly chart: string; readonly reason: string }
  | { readonly _tag: 'SchemaViolation'; readonly report: string }
  | { readonly _tag: 'DependenciesFailed'; readonly reason: string }
  | { readonly _tag: 'DependenciesMissing'; readonly names: ReadonlyArray<string> }

export const invalidSetData = (flag: SetFlag, reason: string): ValuesError => ({ _tag: 'InvalidSetData', flag, reason })
export const invalidSetJson = (expr: string, whole: boolean): ValuesError => ({ _tag: 'InvalidSetJson', expr, whole })
export const invalidValuesFile = (path: string, reason: string): ValuesError => ({
  _tag: 'InvalidValuesFile',
  path,
  reason,
})
export const invalidSchema = (chart: string, reason: string): ValuesError => ({ _tag: 'InvalidSchema', chart, reason })
export const schemaViolation = (report: string): ValuesError => ({ _tag: 'SchemaViolation', report })
export const dependenciesFailed = (reason: string): ValuesError => ({ _tag: 'DependenciesFailed', reason })
export const dependenciesMissing = (names: ReadonlyArray<string>): ValuesError => ({
  _tag: 'DependenciesMissing',
  names,
})

export const valuesMessages = defineMessages<ValuesError>({
  InvalidSetData: (e) => `failed parsing --${e.flag} data: ${e.reason}`,
  // Helm 4 hides the JSON decoder's reason and repeats the flag's argument instead.
  InvalidSetJson: (e) => `failed parsing --set-json data ${e.whole ? 'JSON: ' : ''}${e.expr}`,
  InvalidValuesFile: (e) => `failed to parse ${e.path}: ${e.reason}`,
  InvalidSchema: (e) => `${e.chart}: invalid values.schema.json: ${e.reason}`,
  DependenciesFailed: (e) => `chart dependencies processing failed: ${e.reason}`,
  DependenciesMissing: (e) =>
    'an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch ' +
    `missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${e.names.join(', ')}`,
  SchemaViolation: (e) =>
    `values don't meet the specifications of the schema(s) in the following chart(s):\n${e.report}`,
})
