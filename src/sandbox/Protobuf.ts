// Decoding of the Kubernetes protobuf envelope (`k8s\0` + runtime.Unknown) for the few kinds kubectl's
// `create <kind>` generators send as protobuf (client-go does not fall back to JSON on 415).
import type { KObj } from './Resources'

type FieldType =
  | 'string'
  | 'bytes'
  | 'int'
  | 'bool'
  | 'strings'
  | 'map'
  | 'bytesMap'
  | 'intOrString'
  | { readonly msg: Schema; readonly repeated?: boolean }
type Schema = Readonly<Record<number, readonly [string, FieldType]>>

const ownerReference: Schema = {
  1: ['kind', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['controller', 'bool'],
  7: ['blockOwnerDeletion', 'bool'],
}
const objectMeta: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  11: ['labels', 'map'],
  12: ['annotations', 'map'],
  13: ['ownerReferences', { msg: ownerReference, repeated: true }],
  14: ['finalizers', 'strings'],
}
const meta = [`metadata`, { msg: objectMeta }] as const

// the fields `kubectl create service|deployment` fill in (k8s.io/api/core/v1 and apps/v1 generated.proto)
const servicePort: Schema = {
  1: ['name', 'string'],
  2: ['protocol', 'string'],
  3: ['port', 'int'],
  4: ['targetPort', 'intOrString'],
  5: ['nodePort', 'int'],
}
const serviceSpec: Schema = {
  1: ['ports', { msg: servicePort, repeated: true }],
  2: ['selector', 'map'],
  3: ['clusterIP', 'string'],
  4: ['type', 'string'],
  5: ['externalIPs', 'strings'],
  10: ['externalName', 'string'],
}
const container: Schema = {
  1: ['name', 'string'],
  2: ['image', 'string'],
  3: ['command', 'strings'],
  4: ['args', 'strings'],
  6: [
    'ports',
    {
      msg: { 1: ['name', 'string'], 2: ['hostPort', 'int'], 3: ['containerPort', 'int'], 4: ['protocol', 'string'] },
      repeated: true,
    },
  ],
  7: ['env', { msg: { 1: ['name', 'string'], 2: ['value', 'string'] }, repeated: true }],
  14: ['imagePullPolicy', 'string'],
}
const podSpec: Schema = {
  2: ['containers', { msg: container, repeated: true }],
  3: ['restartPolicy', 'string'],
  20: ['initContainers', { msg: container, repeated: true }],
}
const labelSelector: Schema = { 1: ['matchLabels', 'map'] }
const deploymentSpec: Schema = {
  1: ['replicas', 'int'],
  2: ['selector', { msg: labelSelector }],
  3: ['template', { msg: { 1: meta, 2: ['spec', { msg: podSpec }] } }],
}

const deleteOptions: Schema = {
  1: ['gracePeriodSeconds', 'int'],
  2: ['preconditions', { msg: { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] } }],
  3: ['orphanDependents', 'bool'],
  4: ['propagationPolicy', 'string'],
  5: ['dryRun', 'strings'],
}

/** Messages by `apiVersion/kind`. */
const schemas: Readonly<Record<string, Schema>> = {
  'v1/Namespace': { 1: meta, 2: ['spec', { msg: { 1: ['finalizers', 'strings'] } }] },
  'v1/ConfigMap': { 1: meta, 2: ['data', 'map'], 3: ['binaryData', 'bytesMap'], 4: ['immutable', 'bool'] },
  'v1/Secret': {
    1: meta,
    2: ['data', 'bytesMap'],
    3: ['type', 'string'],
    4: ['stringData', 'map'],
    5: ['immutable', 'bool'],
  },
  'v1/ServiceAccount': { 1: meta, 4: ['automountServiceAccountToken', 'bool'] },
  'v1/Service': { 1: meta, 2: ['spec', { msg: serviceSpec }] },
  'apps/v1/Deployment': { 1: meta, 2: ['spec', { msg: deploymentSpec }] },
  'meta.k8s.io/v1/DeleteOptions': deleteOptions,
  'v1/DeleteOptions': deleteOptions,
}

class Reader {
  pos = 0
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length
  }
  varint(): number {
    let result = 0
    let mul = 1
    for (;;) {
      const b = this.buf[this.pos++]
      if (b === undefined) throw new Error('truncated varint')
      result += (b & 0x7f) * mul
      if ((b & 0x80) === 0) return result
      mul *= 128
    }
  }
  bytes(): Buffer {
    const n = this.varint()
    const out = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }
  skip(wire: number): void {
    if (wire === 0) this.varint()
    else if (wire === 1) this.pos += 8
    else if (wire === 2) this.bytes()
    else if (wire === 5) this.pos += 4
    else throw new Error(`unsupported wire type ${wire}`)
  }
}

type Field = readonly [number, number | Buffer]

/** The fields of a message in order: varints as numbers, length-delimited ones as bytes. */
const fields = (buf: Buffer): Field[] => {
  const r = new Reader(buf)
  const out: Field[] = []
  while (!r.done) {
    const tag = r.varint()
    const wire = tag & 7
    const num = Math.floor(tag / 8)
    if (wire === 0) out.push([num, r.varint()])
    else if (wire === 2) out.push([num, r.bytes()])
    else r.skip(wire)
  }
  return out
}

const decodeMessage = (buf: Buffer, schema: Schema): KObj => {
  const o: KObj = {}
  for (const [num, v] of fields(buf)) {
    const f = schema[num]
    if (!f) continue
    const [name, type] = f
    // gogo-protobuf writes Go's zero values of non-pointer fields too; JSON (omitempty) would not have them
    if (typeof v === 'number') {
      if (type === 'bool') o[name] = v !== 0
      else if (v !== 0 || name === 'replicas') o[name] = v
      continue
    }
    if (type === 'string' && v.length === 0) continue
    if (type === 'intOrString') {
      // intstr.IntOrString {type, intVal, strVal}
      const f = new Map(fields(v))
      o[name] = f.get(1) === 1 ? text(f.get(3) ?? Buffer.alloc(0)) : (f.get(2) ?? 0)
    } else if (type === 'string') o[name] = v.toString('utf8')
    else if (type === 'bytes') o[name] = v.toString('base64')
    else if (type === 'strings') (o[name] ??= []).push(v.toString('utf8'))
    else if (type === 'map' || type === 'bytesMap') {
      let key = ''
      let value: Buffer = Buffer.alloc(0)
      for (const [n, ev] of fields(v)) {
        if (n === 1 && typeof ev !== 'number') key = ev.toString('utf8')
        if (n === 2 && typeof ev !== 'number') value = ev
      }
      ;(o[name] ??= {})[key] = type === 'map' ? value.toString('utf8') : value.toString('base64')
    } else if (typeof type === 'object') {
      const m = decodeMessage(v, type.msg)
      if (type.repeated) (o[name] ??= []).push(m)
      else o[name] = m
    }
  }
  return o
}

const text = (v: number | Buffer): string => (typeof v === 'number' ? '' : v.toString('utf8'))

/** The JSON object of a protobuf-encoded request body; throws when it is not one of the supported kinds. */
export const decodeProtobufObject = (body: Buffer): KObj => {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw new Error('missing the k8s protobuf envelope')
  let apiVersion = ''
  let kind = ''
  let raw: Buffer = Buffer.alloc(0)
  for (const [n, v] of fields(body.subarray(4))) {
    if (n === 1 && typeof v !== 'number')
      for (const [tn, tv] of fields(v)) {
        if (tn === 1) apiVersion = text(tv)
        if (tn === 2) kind = text(tv)
      }
    if (n === 2 && typeof v !== 'number') raw = v
  }
  const schema = schemas[`${apiVersion}/${kind}`]
  if (!schema) throw new Error(`protobuf bodies of ${apiVersion}/${kind} are not supported; send JSON`)
  return { apiVersion, kind, ...decodeMessage(raw, schema) }
}
