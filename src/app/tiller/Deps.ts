import type * as E from 'fp-ts/Either'
import type * as RTE from 'fp-ts/ReaderTaskEither'
import type * as TE from 'fp-ts/TaskEither'
import type { Chart } from '../../domain/chart/Chart'
import type { HelmError } from '../../domain/errors'
import type { RenderEnv, RenderOptions, Rendered } from '../../domain/render/RenderCore'
import type { GoMap } from '../../domain/go/Value'
import type { Clock } from '../../ports/Clock'
import type { KubeClient } from '../../ports/KubeClient'
import type { Logger } from '../../ports/Logger'
import type { Random } from '../../ports/Random'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import type { Session } from './Session'

/**
 * How Tiller turns a chart and values into text, and coalesces values (the chart engine of src/domain/render
 * and values). A render may run elsewhere (a worker thread) and be stopped by its own bounds: it then fails
 * with RenderLimitExceeded naming the limit and the file.
 */
export interface ChartEngine {
  readonly render: (
    chart: Chart,
    userValues: GoMap,
    opts: RenderOptions,
    env: RenderEnv,
  ) => TE.TaskEither<HelmError, Rendered>
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
  /** This Tiller's run: the locks it writes and the revisions it is working on. */
  readonly session: Session
  /**
   * Hooks without a delete policy are deleted before they are created, as Helm 3/4 run them (v4.1.4
   * pkg/action/hooks.go hookSetDeletePolicy); Helm v2 leaves them. Set when Tiller shares Helm 3 records with real
   * Helm: a hook object Helm 4 left behind does not fail Tiller's next run of that hook.
   */
  readonly helm4HookDefaults?: boolean
}

/** A Tiller use case. */
export interface Program<A> extends RTE.ReaderTaskEither<Deps, HelmError, A> {}
