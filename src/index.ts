/** Wheelhouse's embedding API: chart loading, rendering and an in-process Tiller. */
export type { Chart, Metadata } from './domain/chart/Chart'
export { type HelmError, message } from './domain/errors'
