import { randomBytes } from 'node:crypto'
import { memoryKube } from '../adapters/memory-kube/MemoryKube'
import { memoryStore } from '../adapters/memory-store/MemoryStore'
import type { ChartEngine, Deps } from '../app/tiller/Deps'
import { renderChart } from '../domain/render/Render'
import { coalesceValues } from '../domain/values/Coalesce'
import type { Clock } from '../ports/Clock'
import type { KubeClient } from '../ports/KubeClient'
import type { Logger } from '../ports/Logger'
import type { Random } from '../ports/Random'
import type { ReleaseStore } from '../ports/ReleaseStore'
import type { TillerApi } from '../ports/TillerApi'
import { tillerService } from '../app/tiller/Service'
import { newSession, type Session } from '../app/tiller/Session'
import { cryptoRandom, silentLogger, systemClock } from '../adapters/system/System'

export { cryptoRandom, silentLogger, streamLogger, systemClock } from '../adapters/system/System'

/** What an embedded Tiller is built from; every part defaults to the in-memory one. */
export interface TillerOptions {
  readonly store?: ReleaseStore
  readonly kube?: KubeClient
  readonly clock?: Clock
  readonly random?: Random
  readonly log?: Logger
  readonly engine?: ChartEngine
  /** Revisions kept per release (0 = unlimited, Tiller's default). */
  readonly historyMax?: number
  /** This Tiller's run, written into the locks it sets (default: a new session of holder `in-process`). */
  readonly session?: Session
  /** Hooks without a delete policy deleted before creation, as Helm 3/4 do (see Deps); default false, as Helm v2. */
  readonly helm4HookDefaults?: boolean
}

/** A new session of `holder` (see Session): a Tiller's run, with a random id. */
export const startSession = (holder: string): Session => newSession(holder, randomBytes(6).toString('hex'))

/** An in-process Tiller: the ReleaseService calls (the TillerApi the gRPC server exposes) and the wiring it runs on. */
export interface Tiller extends TillerApi {
  readonly deps: Deps
}

/**
 * The in-process chart engine: Helm's render and CoalesceValues on the calling thread, bounded by the render
 * budgets only (steps, bytes, output, nesting). The Tiller server renders in worker threads instead
 * (adapters/render-worker), which also bound wall time and heap.
 */
export const defaultEngine: ChartEngine = {
  render: (chart, values, opts, env) => () => Promise.resolve(renderChart(chart, values, opts, env)),
  coalesce: coalesceValues,
}

/**
 * Creates an in-process Tiller. Defaults: memory store, memory cluster (workloads become ready at once),
 * system clock, crypto randomness, silent log, unlimited history. The memory cluster shares the clock.
 */
export const createTiller = (opts: TillerOptions = {}): Tiller => {
  const clock = opts.clock ?? systemClock
  const deps: Deps = {
    store: opts.store ?? memoryStore(),
    kube: opts.kube ?? memoryKube({ clock }),
    clock,
    random: opts.random ?? cryptoRandom,
    log: opts.log ?? silentLogger,
    engine: opts.engine ?? defaultEngine,
    historyMax: opts.historyMax ?? 0,
    session: opts.session ?? startSession('in-process'),
    ...(opts.helm4HookDefaults ? { helm4HookDefaults: true } : {}),
  }
  return { deps, ...tillerService(deps) }
}
