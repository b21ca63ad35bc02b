/** Wheelhouse's embedding API: chart loading, rendering and an in-process Tiller. */
export type { Chart, Metadata } from './domain/chart/Chart'
export { type HelmError, message } from './domain/errors'
export { parseSet, parseSetString, parseSetFile, parseSetJson, parseSetLiteral } from './domain/values/Strvals'
export { coalesceValues, coalesceValuesWithWarnings, mergeValues } from './domain/values/Coalesce'
export { processDependencies } from './domain/values/Dependencies'
export { validateSchema } from './domain/values/Schema'
export { valuesForChart } from './domain/values/PathValue'
export { parseValuesFile } from './domain/values/ValuesFile'
