// Tiller's chart engine off its event loop: renders run in worker processes, each under a V8 heap cap and a
// wall-time cap, so a hostile chart costs one request and never the server (Helm v2's Tiller renders on its
// one process and dies with it). Workers stay warm between renders; a worker that is stopped is replaced.
//
// Processes, not worker_threads: a thread's resourceLimits stop a heap that grows step by step, but one large
// allocation near the cap (a 100 MB string) makes V8 abort the whole process, Tiller with it.
import { type ChildProcess, fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { ChartEngine } from '../../app/tiller/Deps'
import type { Chart } from '../../domain/chart/Chart'
import type { HelmError } from '../../domain/errors'
import type { RenderLimits } from '../../domain/go/Budget'
import type { GoMap } from '../../domain/go/Value'
import type { RenderEnv, RenderOptions, Rendered } from '../../domain/render/RenderCore'
import { renderLimitExceeded } from '../../domain/template/EngineError'
import { coalesceValues } from '../../domain/values/Coalesce'
import {
  type RenderRequest,
  type WorkerMessage,
  decodeChart,
  decodeValues,
  encodeChart,
  encodeValues,
} from './Protocol'

/** How the pool bounds renders. */
export interface RenderPoolOptions {
  /** Wall time of one render, in milliseconds; past it the worker is stopped and the request fails. */
  readonly timeoutMs: number
  /** V8 heap of one worker (old generation), in MiB; a render that needs more fails and the worker is replaced. */
  readonly maxHeapMb: number
  /** Workers at most (renders beyond wait for one); one is kept warm. */
  readonly workers: number
  /** The domain limits of every render (steps, bytes, output, nesting); defaults: `defaultRenderLimits`. */
  readonly limits?: Partial<RenderLimits>
  /** The worker's code (default: the bundle's dist/render-worker.js, or Worker.ts from source). */
  readonly entry?: URL
}

/** A ChartEngine rendering in worker threads, and how to stop them. */
export interface RenderPool {
  readonly engine: ChartEngine
  /** Workers running now (busy or idle). */
  readonly size: () => number
  /** Stops every worker; renders still running fail. */
  readonly close: () => Promise<void>
}

interface Job {
  readonly request: RenderRequest
  readonly env: RenderEnv
  readonly resolve: (r: E.Either<HelmError, Rendered>) => void
  /** The file the worker announced last. */
  template?: string
}

interface Slot {
  readonly worker: ChildProcess
  /** The worker has loaded its code (the wall time of a render starts then). */
  ready: boolean
  job: Job | undefined
  timer: NodeJS.Timeout | undefined
}

// The worker entry: the bundle's dist/render-worker.js next to (or one folder above, from dist/chunks) this
// module, or Worker.ts beside it when running from source.
const workerEntry = (): URL => {
  const candidates = [
    new URL('./render-worker.js', import.meta.url),
    new URL('../render-worker.js', import.meta.url),
    new URL('./Worker.ts', import.meta.url),
  ]
  const found = candidates.find((u) => existsSync(fileURLToPath(u)))
  if (found === undefined) throw new Error(`render worker not found next to ${import.meta.url}`)
  return found
}

// A worker process with its heap cap; from source it runs under tsx, as the main process does. Its stderr is
// kept (the tail of it) to tell why it died, and never reaches Tiller's log.
const startWorker = (entry: URL, maxHeapMb: number): { child: ChildProcess; stderr: () => string } => {
  const child = fork(fileURLToPath(entry), [], {
    execArgv: [...(entry.pathname.endsWith('.ts') ? ['--import', 'tsx'] : []), `--max-old-space-size=${maxHeapMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let tail = ''
  child.stderr?.on('data', (c: Buffer) => (tail = (tail + c.toString('utf8')).slice(-4096)))
  return { child, stderr: () => tail }
}

/**
 * Starts a pool of render worker processes (one at once, more on demand up to `workers`, one kept spare while
 * there is room). Each render's failure is one
 * RenderLimitExceeded naming the file the worker was rendering: past the wall time, past the heap, or a worker
 * that died. `coalesce` runs in-process (it is bounded by the depth of decoded values).
 */
export const renderPool = (opts: RenderPoolOptions): RenderPool => {
  const entry = opts.entry ?? workerEntry()
  const slots: Slot[] = []
  const queue: Job[] = []
  let nextId = 1
  let closed = false

  // a worker with a render keeps the process alive (the caller awaits it); an idle one does not
  const hold = (slot: Slot, on: boolean): void => {
    if (on) {
      slot.worker.ref()
      slot.worker.channel?.ref()
    } else {
      slot.worker.unref()
      slot.worker.channel?.unref()
    }
  }

  const finish = (slot: Slot, result: E.Either<HelmError, Rendered>): void => {
    const job = slot.job
    hold(slot, false)
    if (slot.timer !== undefined) clearTimeout(slot.timer)
    slot.job = undefined
    slot.timer = undefined
    job?.resolve(result)
  }

  const stopped = (job: Job, reason: string): E.Either<HelmError, Rendered> =>
    E.left(renderLimitExceeded(job.template ?? job.request.chart.metadata.name, reason))

  // A worker that is stopped or dies fails its render and leaves; a fresh one takes its place when needed.
  const retire = (slot: Slot, reason: string | undefined): void => {
    const i = slots.indexOf(slot)
    if (i < 0) return
    slots.splice(i, 1)
    if (slot.job !== undefined) finish(slot, stopped(slot.job, reason ?? 'the render worker stopped unexpectedly'))
    pump()
    keepSpare()
  }

  // One idle worker is kept warm while there is room: the next request does not wait for a start, even
  // while a hostile render holds another worker until its wall time ends.
  const keepSpare = (): void => {
    if (!closed && slots.length < opts.workers && !slots.some((x) => x.job === undefined)) spawn()
  }

  const spawn = (): Slot => {
    const { child: worker, stderr } = startWorker(entry, opts.maxHeapMb)
    ;(worker.stderr as { unref?: () => void } | null)?.unref?.()
    const slot: Slot = { worker, ready: false, job: undefined, timer: undefined }
    hold(slot, false)
    worker.on('message', (m: WorkerMessage) => {
      const job = slot.job
      if (m.type === 'ready') {
        slot.ready = true
        if (job !== undefined) startClock(slot, job)
      } else if (m.type === 'template' && job !== undefined && m.id === job.request.id) job.template = m.name
      else if (m.type === 'done' && job !== undefined && m.id === job.request.id) {
        for (const n of m.notes) {
          if ('warn' in n) job.env.warn?.(n.warn)
          else job.env.log?.(n.log)
        }
        const r = m.result
        finish(
          slot,
          r.ok
            ? E.right({
                files: r.files,
                notes: r.notes,
                values: decodeValues(r.values) as GoMap,
                chart: decodeChart(r.chart),
              })
            : E.left(r.error),
        )
        pump()
      }
    })
    worker.on('error', () => undefined) // a failed send or kill: its exit follows
    worker.on('exit', (code, signal) =>
      retire(
        slot,
        /heap out of memory|Allocation failed/.test(stderr())
          ? `the render needed more than ${opts.maxHeapMb} MiB of memory`
          : `the render worker stopped unexpectedly (${signal ?? `exit code ${code}`})`,
      ),
    )
    slots.push(slot)
    return slot
  }

  const dispatch = (slot: Slot, job: Job): void => {
    slot.job = job
    hold(slot, true)
    slot.worker.send(job.request)
    if (slot.ready) startClock(slot, job)
  }

  const startClock = (slot: Slot, job: Job): void => {
    slot.timer = setTimeout(() => {
      const s = opts.timeoutMs / 1000
      finish(slot, stopped(job, `the render took longer than ${Number.isInteger(s) ? s : s.toFixed(1)}s`))
      const i = slots.indexOf(slot)
      if (i >= 0) slots.splice(i, 1)
      slot.worker.kill('SIGKILL')
      pump()
      keepSpare()
    }, opts.timeoutMs)
  }

  const pump = (): void => {
    while (queue.length > 0 && !closed) {
      const idle = slots.find((s) => s.job === undefined) ?? (slots.length < opts.workers ? spawn() : undefined)
      if (idle === undefined) return
      dispatch(idle, queue.shift()!)
    }
    keepSpare()
  }

  spawn() // a warm worker: the first render does not pay for a start

  const render =
    (chart: Chart, userValues: GoMap, ropts: RenderOptions, env: RenderEnv): TE.TaskEither<HelmError, Rendered> =>
    () =>
      new Promise((resolve) => {
        if (closed) return resolve(E.left(renderLimitExceeded(chart.metadata.name, 'Tiller is shutting down')))
        queue.push({
          request: {
            type: 'render',
            id: nextId++,
            chart: encodeChart(chart),
            values: encodeValues(userValues) as GoMap,
            opts: ropts,
            limits: { ...opts.limits, ...ropts.limits },
            now: env.now().getTime(),
            random: env.randomBytes(4096),
            records: env.log !== undefined,
          },
          env,
          resolve,
        })
        pump()
      })

  return {
    engine: { render, coalesce: coalesceValues },
    size: () => slots.length,
    close: async () => {
      closed = true
      for (const job of queue.splice(0)) job.resolve(stopped(job, 'Tiller is shutting down'))
      const all = slots.splice(0)
      for (const s of all) if (s.job !== undefined) finish(s, stopped(s.job, 'Tiller is shutting down'))
      await Promise.all(
        all.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.worker.exitCode !== null || s.worker.signalCode !== null) return resolve()
              s.worker.once('exit', () => resolve())
              s.worker.ref() // until it has exited
              s.worker.kill('SIGKILL')
            }),
        ),
      )
    },
  }
}
