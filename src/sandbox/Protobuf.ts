// Decoding of Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`: `k8s\0` +
// runtime.Unknown{typeMeta, raw}) into the JSON objects the API takes, for the kinds kubectl's `create <kind>`
// generators send that way (client-go does not fall back to JSON on 415) and DeleteOptions. The field tables
// (ProtobufSchema.ts) are generated from Kubernetes' own .proto files; JSON quirks are applied here:
// IntOrString, Quantity, Time, MicroTime, Duration and RawExtension have JSON forms of their own, embedded
// structs are written inline, and the zero values gogo-protobuf writes for non-pointer Go fields are dropped
// as `omitempty` would (kept for the pointer fields where zero means something, such as `replicas: 0`).
import type { JsonObject } from './engine/Json'
import { MESSAGES, ROOTS } from './ProtobufSchema'

type Wire = number | bigint | Buffer
interface Field {
  readonly name: string
  readonly type: string
  readonly repeated: boolean
  readonly map: boolean
  readonly inline: boolean
}

const schemas = new Map<string, ReadonlyMap<number, Field>>()
const schemaOf = (message: string): ReadonlyMap<number, Field> => {
  let s = schemas.get(message)
  if (s) return s
  const spec = MESSAGES[message]
  if (spec === undefined) throw new Error(`no schema for ${message}`)
  const fields = new Map<number, Field>()
  for (const part of spec === '' ? [] : spec.split(',')) {
    const m = /^(&?)(\w+)=(\d+):(map:)?([\w.]+)(\*?)$/.exec(part)
    if (!m) throw new Error(`bad schema entry ${part} of ${message}`)
    fields.set(Number(m[3]), {
      inline: m[1] === '&',
      name: m[2]!,
      map: Boolean(m[4]),
      type: m[5]!,
      repeated: m[6] === '*',
    })
  }
  schemas.set(message, (s = fields))
  return s
}

class Reader {
  pos = 0
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length
  }
  varint(): number | bigint {
    let result = 0n
    let shift = 0n
    for (;;) {
      const b = this.buf[this.pos++]
      if (b === undefined) throw new Error('truncated varint')
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) break
      shift += 7n
      if (shift > 70n) throw new Error('varint too long')
    }
    // int32/int64 negatives travel as 64-bit two's complement
    if (result >= 1n << 63n) result -= 1n << 64n
    return result >= BigInt(Number.MIN_SAFE_INTEGER) && result <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(result)
      : result
  }
  bytes(): Buffer {
    const n = Number(this.varint())
    if (n < 0 || this.pos + n > this.buf.length) throw new Error('truncated length-delimited field')
    const out = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }
  fixed(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new Error('truncated fixed-width field')
    const out = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }
}

/** The fields of a message in wire order: [number, wire type, value]. */
const fieldsOf = (buf: Buffer): Array<readonly [number, number, Wire]> => {
  const r = new Reader(buf)
  const out: Array<readonly [number, number, Wire]> = []
  while (!r.done) {
    const tag = Number(r.varint())
    const wire = tag & 7
    const num = Math.floor(tag / 8)
    if (wire === 0) out.push([num, wire, r.varint()])
    else if (wire === 2) out.push([num, wire, r.bytes()])
    else if (wire === 1) out.push([num, wire, r.fixed(8)])
    else if (wire === 5) out.push([num, wire, r.fixed(4)])
    else throw new Error(`unsupported wire type ${wire}`)
  }
  return out
}

// pointer fields (Go `*int32`, `*bool`, …) where a zero value is meaningful and must survive into JSON
const KEEP_ZERO = new Set([
  'replicas',
  'parallelism',
  'completions',
  'backoffLimit',
  'activeDeadlineSeconds',
  'ttlSecondsAfterFinished',
  'startingDeadlineSeconds',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'revisionHistoryLimit',
  'progressDeadlineSeconds',
  'terminationGracePeriodSeconds',
  'gracePeriodSeconds',
  'suspend',
  'automountServiceAccountToken',
  'immutable',
  'manualSelector',
  'value',
  'preemptionPolicy',
  'allowPrivilegeEscalation',
  'runAsNonRoot',
  'privileged',
  'readOnlyRootFilesystem',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'optional',
  'enableServiceLinks',
])

const rfc3339 = (seconds: number, nanos: number, micro: boolean): string => {
  const iso = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '')
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`
}

/** Go's time.Duration.String() of nanoseconds (`1h0m0s`, `1.5s`, `0s`). */
const goDuration = (ns: number): string => {
  if (ns === 0) return '0s'
  const sign = ns < 0 ? '-' : ''
  let n = Math.abs(ns)
  if (n < 1e9) {
    const [unit, div] = n < 1e3 ? ['ns', 1] : n < 1e6 ? ['µs', 1e3] : ['ms', 1e6]
    return `${sign}${Number((n / div).toFixed(9))}${unit}`
  }
  const h = Math.floor(n / 3.6e12)
  n -= h * 3.6e12
  const m = Math.floor(n / 6e10)
  n -= m * 6e10
  const s = Number((n / 1e9).toFixed(9))
  return `${sign}${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`
}

const num = (v: Wire): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0)

/** The JSON form of a message that has one of its own. */
const special = (type: string, buf: Buffer): unknown => {
  const fields = new Map(fieldsOf(buf).map(([n, , v]) => [n, v]))
  const text = (v: Wire | undefined): string => (Buffer.isBuffer(v) ? v.toString('utf8') : '')
  switch (type) {
    case 'util.intstr.IntOrString':
      return num(fields.get(1) ?? 0) === 1 ? text(fields.get(3)) : num(fields.get(2) ?? 0)
    case 'api.resource.Quantity':
      return text(fields.get(1))
    // metav1.Time writes nothing for Go's zero time, which JSON writes as null (left out here)
    case 'apis.meta.v1.Time':
      return buf.length === 0 ? undefined : rfc3339(num(fields.get(1) ?? 0), num(fields.get(2) ?? 0), false)
    case 'apis.meta.v1.MicroTime':
      return buf.length === 0 ? undefined : rfc3339(num(fields.get(1) ?? 0), num(fields.get(2) ?? 0), true)
    case 'apis.meta.v1.Duration':
      return goDuration(num(fields.get(1) ?? 0))
    case 'runtime.RawExtension':
    case 'apis.meta.v1.FieldsV1': {
      const raw = fields.get(1)
      return Buffer.isBuffer(raw) && raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as unknown) : {}
    }
    default:
      return undefined
  }
}
const SPECIAL = new Set([
  'util.intstr.IntOrString',
  'api.resource.Quantity',
  'apis.meta.v1.Time',
  'apis.meta.v1.MicroTime',
  'apis.meta.v1.Duration',
  'runtime.RawExtension',
  'apis.meta.v1.FieldsV1',
])

/** One value of `type` from the wire (scalars of a packed list come through `scalars`). */
const wireValue = (type: string, wire: number, v: Wire): unknown => {
  switch (type) {
    case 's':
      return Buffer.isBuffer(v) ? v.toString('utf8') : ''
    case 'b':
      return Buffer.isBuffer(v) ? v.toString('base64') : ''
    case 'i':
      return typeof v === 'bigint' ? Number(v) : v
    case 't':
      return v !== 0
    case 'd':
      return Buffer.isBuffer(v) && wire === 1 ? v.readDoubleLE(0) : 0
    case 'f':
      return Buffer.isBuffer(v) && wire === 5 ? v.readFloatLE(0) : 0
    default:
      if (!Buffer.isBuffer(v)) throw new Error(`field of type ${type} is not length-delimited`)
      return SPECIAL.has(type) ? special(type, v) : decodeMessage(type, v)
  }
}

/** Scalars of a packed repeated field. */
const scalars = (type: string, buf: Buffer): unknown[] => {
  const r = new Reader(buf)
  const out: unknown[] = []
  while (!r.done) {
    if (type === 'd') out.push(r.fixed(8).readDoubleLE(0))
    else if (type === 'f') out.push(r.fixed(4).readFloatLE(0))
    else out.push(wireValue(type, 0, r.varint()))
  }
  return out
}

const isZero = (v: unknown): boolean => v === 0 || v === false || v === ''

const decodeMessage = (message: string, buf: Buffer): JsonObject => {
  const schema = schemaOf(message)
  const o: JsonObject = {}
  for (const [n, wire, v] of fieldsOf(buf)) {
    const f = schema.get(n)
    if (!f) continue
    if (f.map) {
      // map entries: key = 1, value = 2
      if (!Buffer.isBuffer(v)) continue
      let key = ''
      let value: unknown = f.type === 's' || f.type === 'b' ? '' : undefined
      for (const [en, ew, ev] of fieldsOf(v)) {
        if (en === 1 && Buffer.isBuffer(ev)) key = ev.toString('utf8')
        if (en === 2) value = wireValue(f.type, ew, ev)
      }
      const m = (o[f.name] ??= {}) as JsonObject
      m[key] = value ?? (f.type.includes('.') ? {} : '')
      continue
    }
    if (f.repeated) {
      const list = (o[f.name] ??= []) as unknown[]
      if (wire === 2 && Buffer.isBuffer(v) && ['i', 't', 'd', 'f'].includes(f.type)) list.push(...scalars(f.type, v))
      else list.push(wireValue(f.type, wire, v))
      continue
    }
    const value = wireValue(f.type, wire, v)
    if (value === undefined) continue
    if (f.inline) {
      Object.assign(o, value)
      continue
    }
    // gogo-protobuf writes Go's zero values of non-pointer fields; JSON (omitempty) would not have them
    if (isZero(value) && !KEEP_ZERO.has(f.name)) continue
    if (f.type === 'b' && value === '') continue
    o[f.name] = value
  }
  return o
}

/** A protobuf body of a kind the sandbox does not read from protobuf (answered 415). */
export class UnsupportedProtobuf extends Error {}

/** The JSON object of a protobuf-encoded request body; throws when it is none of the kinds read this way. */
export const decodeProtobufObject = (body: Buffer): JsonObject => {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw new Error('missing the k8s protobuf envelope')
  let apiVersion = ''
  let kind = ''
  let raw: Buffer = Buffer.alloc(0)
  for (const [n, , v] of fieldsOf(body.subarray(4))) {
    if (n === 1 && Buffer.isBuffer(v))
      for (const [tn, , tv] of fieldsOf(v)) {
        if (tn === 1 && Buffer.isBuffer(tv)) apiVersion = tv.toString('utf8')
        if (tn === 2 && Buffer.isBuffer(tv)) kind = tv.toString('utf8')
      }
    if (n === 2 && Buffer.isBuffer(v)) raw = v
  }
  const message = ROOTS[`${apiVersion}/${kind}`]
  if (message === undefined)
    throw new UnsupportedProtobuf(`protobuf bodies of ${apiVersion}/${kind} are not supported; send JSON`)
  return { apiVersion, kind, ...decodeMessage(message, raw) }
}
