// The messages between Tiller's thread and a render worker. Structured clone carries plain data (objects,
// arrays, strings, numbers, bigints, Uint8Array, Map) but drops class prototypes: Go integers travel as
// tagged records and are revived on the other side.
import type { Chart } from '../../domain/chart/Chart'
import type { HelmError } from '../../domain/errors'
import type { RenderLimits } from '../../domain/go/Budget'
import { type GoMap, GoInt, type IntKind, type Value } from '../../domain/go/Value'
import type { RenderOptions } from '../../domain/render/RenderCore'
import type { LogRecord } from '../../domain/values/LogRecord'

/** One render asked of a worker. */
export interface RenderRequest {
  readonly type: 'render'
  readonly id: number
  readonly chart: Chart
  readonly values: GoMap
  readonly opts: RenderOptions
  readonly limits: Partial<RenderLimits>
  /** The render's clock reading (`env.now()` on Tiller's thread). */
  readonly now: number
  /** Random bytes drawn on Tiller's thread; the worker draws its own once they are spent. */
  readonly random: Uint8Array
  /** Whether value-computing log lines come back as records (`env.log`) or as warning text. */
  readonly records: boolean
}

/** What the render printed on its way: warnings and log records, replayed on Tiller's thread in order. */
export type RenderNote = { readonly warn: string } | { readonly log: LogRecord }

/** Messages a worker sends back. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'template'; readonly id: number; readonly name: string }
  | {
      readonly type: 'done'
      readonly id: number
      readonly notes: ReadonlyArray<RenderNote>
      readonly result:
        | {
            readonly ok: true
            readonly files: ReadonlyMap<string, string>
            readonly notes: string
            readonly values: GoMap
            readonly chart: Chart
          }
        | { readonly ok: false; readonly error: HelmError }
    }

const TAG = '\u0000goint'

/** A copy of a value tree with Go integers as `{ [TAG]: [value, kind] }` records (structured clone keeps bigints). */
export const encodeValues = (v: Value): unknown => {
  if (v instanceof GoInt) return { [TAG]: [v.value, v.kind] }
  if (Array.isArray(v)) return v.map(encodeValues)
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v)) out[k] = encodeValues((v as GoMap)[k])
    return out
  }
  return v
}

/** The value tree `encodeValues` was given. */
export const decodeValues = (u: unknown): Value => {
  if (Array.isArray(u)) return u.map(decodeValues)
  if (u !== null && typeof u === 'object' && !(u instanceof Uint8Array)) {
    const o = u as Record<string, unknown>
    const tagged = o[TAG]
    if (Array.isArray(tagged)) return new GoInt(tagged[0] as bigint, tagged[1] as IntKind)
    const out: GoMap = {}
    for (const k of Object.keys(o)) out[k] = decodeValues(o[k])
    return out
  }
  return u as Value
}

/** A chart with its values (and its subcharts') encoded for the trip. */
export const encodeChart = (c: Chart): Chart => ({
  ...c,
  values: encodeValues(c.values) as GoMap,
  dependencies: c.dependencies.map(encodeChart),
})

/** The chart `encodeChart` was given. */
export const decodeChart = (c: Chart): Chart => ({
  ...c,
  values: decodeValues(c.values) as GoMap,
  dependencies: c.dependencies.map(decodeChart),
})
