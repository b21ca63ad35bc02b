import type * as E from 'fp-ts/Either'
import type * as RTE from 'fp-ts/ReaderTaskEither'
import type { Chart } from './chart/Chart'
import type { HelmError } from './errors'
import type { GoMap, Value } from './template/gotpl/value'
import type { Clock } from '../ports/Clock'
import type { KubeClient } from '../ports/KubeClient'
import type { Logger } from '../ports/Logger'
import type { Random } from '../ports/Random'
import type { ReleaseStore } from '../ports/ReleaseStore'

/** What a release render needs to know about the release (Helm's `.Release` and `.Capabilities`). */
export interface RenderOptions {
  readonly releaseName: string
  readonly namespace: string
  readonly revision: number
  readonly isInstall: boolean
  readonly isUpgrade: boolean
  readonly kubeVersion?: string
  readonly apiVersions?: ReadonlyArray<string>
  readonly strict?: boolean
  readonly subNotes?: boolean
}

/** The effects a render may use (time for `now`, bytes for `randAlphaNum`/`uuidv4`, `lookup`). */
export interface RenderEnv {
  readonly now: () => Date
  readonly randomBytes: (n: number) => Uint8Array
  readonly lookup?: (...args: Value[]) => Value
  readonly warn?: (message: string) => void
}

/** A rendered chart: template path → text (NOTES excluded), the notes, the computed values, the chart as processed. */
export interface Rendered {
  readonly files: ReadonlyMap<string, string>
  readonly notes: string
  readonly values: GoMap
  readonly chart: Chart
}

/** How Tiller turns a chart and values into text, and coalesces values (the chart engine of src/domain/render and values). */
export interface ChartEngine {
  readonly render: (chart: Chart, userValues: GoMap, opts: RenderOptions, env: RenderEnv) => E.Either<HelmError, Rendered>
  /** Helm's CoalesceValues: the chart's defaults under the user's values. */
  readonly coalesce: (chart: Chart, userValues: GoMap) => E.Either<HelmError, GoMap>
}

/** Everything a Tiller use case touches; each process wires it once. */
export interface Deps {
  readonly store: ReleaseStore
  readonly kube: KubeClient
  readonly clock: Clock
  readonly random: Random
  readonly log: Logger
  readonly engine: ChartEngine
  /** Revisions kept per release (Tiller `--history-max`); 0 = unlimited. */
  readonly historyMax: number
}

/** A Tiller use case. */
export interface Program<A> extends RTE.ReaderTaskEither<Deps, HelmError, A> {}
