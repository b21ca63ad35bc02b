// A render worker process: renders one chart at a time for Tiller (RenderPool), under the V8 heap cap the
// pool started it with. Every file it starts is announced, so that a render stopped from outside can be named.
import { getRandomValues } from 'node:crypto'
import { renderChart } from '../../domain/render/Render'
import * as E from 'fp-ts/Either'
import type { GoMap } from '../../domain/go/Value'
import { templateFailed } from '../../domain/template/EngineError'
import type { LogRecord } from '../../domain/values/LogRecord'
import {
  type RenderNote,
  type RenderRequest,
  type WorkerMessage,
  decodeChart,
  decodeValues,
  encodeChart,
  encodeValues,
} from './Protocol'

const send = process.send?.bind(process)
if (send === undefined) throw new Error('the render worker runs as a child process of Tiller')
// Tiller gone (its IPC channel closed): nothing to render for
process.on('disconnect', () => process.exit(0))

/** Bytes from the request's pool first (the caller's random source), then from this thread's CSPRNG. */
const randomSource = (pool: Uint8Array) => {
  let at = 0
  return (n: number): Uint8Array => {
    const out = new Uint8Array(n)
    const take = Math.min(n, pool.length - at)
    out.set(pool.subarray(at, at + take))
    at += take
    // getRandomValues fills at most 64 KiB per call
    for (let i = take; i < n; i += 65536) getRandomValues(out.subarray(i, Math.min(n, i + 65536)))
    return out
  }
}

const render = (req: RenderRequest, notes: RenderNote[]): WorkerMessage & { type: 'done' } => {
  try {
    const rendered = renderChart(
      decodeChart(req.chart),
      decodeValues(req.values) as GoMap,
      { ...req.opts, limits: req.limits },
      {
        now: () => new Date(req.now),
        randomBytes: randomSource(req.random),
        warn: (warn) => notes.push({ warn }),
        ...(req.records ? { log: (log: LogRecord) => notes.push({ log }) } : {}),
        onTemplate: (name) => send({ type: 'template', id: req.id, name }),
      },
    )
    if (E.isLeft(rendered)) return { type: 'done', id: req.id, notes, result: { ok: false, error: rendered.left } }
    const { files, notes: text, values, chart } = rendered.right
    return {
      type: 'done',
      id: req.id,
      notes,
      result: { ok: true, files, notes: text, values: encodeValues(values) as GoMap, chart: encodeChart(chart) },
    }
  } catch (e) {
    const error = templateFailed(`rendering template failed: ${e instanceof Error ? e.message : String(e)}`)
    return { type: 'done', id: req.id, notes, result: { ok: false, error } }
  }
}

process.on('message', (req: RenderRequest) => {
  if (req.type === 'render') send(render(req, []))
})
send({ type: 'ready' })
