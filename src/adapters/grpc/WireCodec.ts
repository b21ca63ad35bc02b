// Protobuf wire bytes of the hapi messages read straight from the schema (protobufjs's JSON form of proto/hapi,
// dist/hapi.json), for a process that sends one or two messages and exits: the helm client. protobufjs compiles
// an encoder, decoder and converters per message type with `new Function` on first use (V8's code cache cannot
// keep them), which cost a client more than the messages themselves; this codec walks the schema instead.
// It gives the bytes protobufjs's `encode(fromObject(v))` gives and the objects of its `toObject(decode(b),
// { enums: String, longs: Number, defaults: true, arrays: true, objects: true })`
// (test/adapters/grpc/WireCodec.test.ts compares the two on every message kind Tiller's service carries).
// Tiller, a long-running process, keeps protobufjs (Proto.ts).

/** protobufjs's JSON form of a schema (`Root.toJSON()`), as much as the codec reads. */
export interface SchemaJson {
  readonly nested?: Readonly<Record<string, SchemaNode>>
}
interface SchemaNode extends SchemaJson {
  readonly fields?: Readonly<Record<string, FieldJson>>
  readonly oneofs?: Readonly<Record<string, { readonly oneof: ReadonlyArray<string> }>>
  readonly values?: Readonly<Record<string, number>>
  readonly methods?: Readonly<Record<string, MethodJson>>
}
interface FieldJson {
  readonly type: string
  readonly id: number
  readonly rule?: string
  readonly keyType?: string
  readonly options?: Readonly<Record<string, unknown>>
}
export interface MethodJson {
  readonly requestType: string
  readonly responseType: string
  readonly responseStream?: boolean
}

type Kind =
  | 'string'
  | 'bytes'
  | 'bool'
  | 'int32'
  | 'uint32'
  | 'sint32'
  | 'int64'
  | 'uint64'
  | 'sint64'
  | 'fixed32'
  | 'sfixed32'
  | 'fixed64'
  | 'sfixed64'
  | 'double'
  | 'float'
  | 'enum'
  | 'message'

interface Field {
  readonly name: string
  readonly id: number
  readonly kind: Kind
  readonly repeated: boolean
  readonly packed: boolean
  /** in a oneof (proto3 `optional` included): written whenever set, and no default when decoded */
  readonly presence: boolean
  /** map fields: the key's kind (the value is described by the field itself) */
  readonly key?: Kind
  readonly message?: () => MessageType
  readonly enumValues?: Readonly<Record<string, number>>
  readonly enumNames?: ReadonlyMap<number, string>
}
interface MessageType {
  readonly name: string
  readonly fields: ReadonlyArray<Field>
  readonly byId: ReadonlyMap<number, Field>
}

const SCALARS = new Set<string>([
  'string',
  'bytes',
  'bool',
  'int32',
  'uint32',
  'sint32',
  'int64',
  'uint64',
  'sint64',
  'fixed32',
  'sfixed32',
  'fixed64',
  'sfixed64',
  'double',
  'float',
])
// wire types: 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit
const wireOf = (k: Kind): number =>
  k === 'string' || k === 'bytes' || k === 'message'
    ? 2
    : k === 'fixed64' || k === 'sfixed64' || k === 'double'
      ? 1
      : k === 'fixed32' || k === 'sfixed32' || k === 'float'
        ? 5
        : 0
const packable = (k: Kind): boolean => k !== 'string' && k !== 'bytes' && k !== 'message'

/** The message types of a schema, by full name (`hapi.release.Release`), resolved lazily. */
export class WireSchema {
  private readonly nodes = new Map<string, SchemaNode>()
  private readonly types = new Map<string, MessageType>()

  constructor(readonly json: SchemaJson) {
    const walk = (n: SchemaJson, path: string): void => {
      for (const [k, v] of Object.entries(n.nested ?? {})) {
        const full = path ? `${path}.${k}` : k
        this.nodes.set(full, v)
        walk(v, full)
      }
    }
    walk(json, '')
  }

  /** The methods of service `full` (e.g. `hapi.services.tiller.ReleaseService`), their types' full names. */
  methods(full: string): Array<{ name: string; request: string; response: string; responseStream: boolean }> {
    const scope = full.slice(0, full.lastIndexOf('.'))
    return Object.entries(this.nodes.get(full)?.methods ?? {}).map(([name, m]) => ({
      name,
      request: this.resolve(m.requestType, scope),
      response: this.resolve(m.responseType, scope),
      responseStream: m.responseStream === true,
    }))
  }

  /** protobuf's name resolution: `name` looked up in `scope`, then in each enclosing scope. */
  private resolve(name: string, scope: string): string {
    if (name.startsWith('.')) return name.slice(1)
    for (let s = scope; ; s = s.slice(0, Math.max(0, s.lastIndexOf('.')))) {
      const full = s ? `${s}.${name}` : name
      if (this.nodes.has(full)) return full
      if (s === '') throw new Error(`protobuf schema: no type ${name} from ${scope}`)
    }
  }

  type(full: string): MessageType {
    const known = this.types.get(full)
    if (known) return known
    const node = this.nodes.get(full)
    if (!node?.fields) throw new Error(`protobuf schema: no message ${full}`)
    const fields: Field[] = []
    const byId = new Map<number, Field>()
    const t: MessageType = { name: full, fields, byId }
    this.types.set(full, t)
    const inOneof = new Set(Object.values(node.oneofs ?? {}).flatMap((o) => o.oneof))
    for (const [name, f] of Object.entries(node.fields)) {
      let kind: Kind
      let message: (() => MessageType) | undefined
      let enumValues: Readonly<Record<string, number>> | undefined
      if (SCALARS.has(f.type)) kind = f.type as Kind
      else {
        const ref = this.resolve(f.type, full)
        const target = this.nodes.get(ref)!
        if (target.values) {
          kind = 'enum'
          enumValues = target.values
        } else {
          kind = 'message'
          message = () => this.type(ref)
        }
      }
      const repeated = f.rule === 'repeated'
      const field: Field = {
        name,
        id: f.id,
        kind,
        repeated,
        packed: repeated && packable(kind) && f.options?.packed !== false,
        presence: inOneof.has(name),
        ...(f.keyType !== undefined ? { key: f.keyType as Kind } : {}),
        ...(message ? { message } : {}),
        ...(enumValues
          ? {
              enumValues,
              // protobufjs names a number by the first of its aliases
              enumNames: new Map([...Object.entries(enumValues)].reverse().map(([k, v]) => [v, k] as const)),
            }
          : {}),
      }
      fields.push(field)
      byId.set(f.id, field)
    }
    fields.sort((a, b) => a.id - b.id)
    return t
  }
}

// ---- encoding

class Writer {
  private buf = new Uint8Array(256)
  len = 0

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.len + n) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.len))
    this.buf = next
  }
  byte(b: number): void {
    this.room(1)
    this.buf[this.len++] = b
  }
  varint(n: number): void {
    // non-negative integers below 2^53
    this.room(10)
    while (n > 0x7f) {
      this.buf[this.len++] = (n % 0x80) | 0x80
      n = Math.floor(n / 0x80)
    }
    this.buf[this.len++] = n
  }
  varint64(n: bigint): void {
    let v = BigInt.asUintN(64, n)
    this.room(10)
    while (v > 0x7fn) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80
      v >>= 7n
    }
    this.buf[this.len++] = Number(v)
  }
  fixed32(n: number): void {
    this.room(4)
    new DataView(this.buf.buffer, this.buf.byteOffset).setUint32(this.len, n >>> 0, true)
    this.len += 4
  }
  fixed64(n: bigint): void {
    this.room(8)
    new DataView(this.buf.buffer, this.buf.byteOffset).setBigUint64(this.len, BigInt.asUintN(64, n), true)
    this.len += 8
  }
  float(n: number, double: boolean): void {
    this.room(8)
    const v = new DataView(this.buf.buffer, this.buf.byteOffset)
    if (double) v.setFloat64(this.len, n, true)
    else v.setFloat32(this.len, n, true)
    this.len += double ? 8 : 4
  }
  bytes(b: Uint8Array): void {
    this.varint(b.length)
    this.room(b.length)
    this.buf.set(b, this.len)
    this.len += b.length
  }
  /** Writes what `f` writes, preceded by its length. */
  delimited(f: () => void): void {
    const start = this.len
    f()
    const body = this.buf.slice(start, this.len)
    this.len = start
    this.bytes(body)
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.len)
  }
}

const utf8 = new TextEncoder()

/** A value as protobufjs's `fromObject` reads a 64-bit integer: a number, a decimal string, a Long-like {low, high}. */
const toBigInt = (v: unknown, unsigned: boolean): bigint => {
  if (typeof v === 'bigint') return v
  if (typeof v === 'number') return BigInt(Math.trunc(v))
  if (typeof v === 'string') return BigInt(Number.parseInt(v, 10) || 0)
  if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v) {
    const { low, high } = v as { low: number; high: number }
    const n = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)
    return unsigned ? n : BigInt.asIntN(64, n)
  }
  return 0n
}

const toBytes = (v: unknown): Uint8Array => {
  if (typeof v === 'string') return Buffer.from(v, 'base64')
  if (v instanceof Uint8Array) return v
  if (Array.isArray(v)) return Uint8Array.from(v as number[])
  return new Uint8Array(0)
}

/** The enum number of `v` as protobufjs's `fromObject` takes it (undefined: the field is left unset). */
const enumNumber = (f: Field, v: unknown): number | undefined => {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && f.enumValues && Object.hasOwn(f.enumValues, v)) return f.enumValues[v]
  return undefined
}

const writeScalar = (w: Writer, k: Kind, v: unknown): void => {
  switch (k) {
    case 'string':
      return w.bytes(utf8.encode(String(v)))
    case 'bytes':
      return w.bytes(toBytes(v))
    case 'bool':
      return w.varint(v ? 1 : 0)
    case 'int32':
    case 'enum': {
      const n = Number(v) | 0
      return n >= 0 ? w.varint(n) : w.varint64(BigInt(n))
    }
    case 'uint32':
      return w.varint(Number(v) >>> 0)
    case 'sint32': {
      const n = Number(v) | 0
      return w.varint(((n << 1) ^ (n >> 31)) >>> 0)
    }
    case 'int64':
    case 'uint64':
      return w.varint64(toBigInt(v, k === 'uint64'))
    case 'sint64': {
      const n = BigInt.asIntN(64, toBigInt(v, false))
      return w.varint64((n << 1n) ^ (n >> 63n))
    }
    case 'fixed32':
    case 'sfixed32':
      return w.fixed32(Number(v) | 0)
    case 'fixed64':
    case 'sfixed64':
      return w.fixed64(toBigInt(v, k === 'fixed64'))
    case 'double':
    case 'float':
      return w.float(Number(v), k === 'double')
    case 'message':
      throw new Error('not a scalar')
  }
}

/** Whether a scalar is its kind's default once protobufjs's `fromObject` has converted it. */
const isDefault = (k: Kind, v: unknown): boolean => {
  switch (k) {
    case 'string':
      return String(v) === ''
    case 'bytes':
      return toBytes(v).length === 0
    case 'bool':
      return !v
    case 'int32':
    case 'sint32':
    case 'sfixed32':
    case 'fixed32':
      return (Number(v) | 0) === 0
    case 'uint32':
      return Number(v) >>> 0 === 0
    case 'double':
    case 'float':
      return Object.is(Number(v), 0)
    case 'int64':
    case 'uint64':
    case 'sint64':
    case 'fixed64':
    case 'sfixed64':
      return toBigInt(v, false) === 0n
    default:
      return false
  }
}

const tag = (w: Writer, id: number, wire: number): void => w.varint(id * 8 + wire)

const writeMessage = (w: Writer, t: MessageType, v: Record<string, unknown>): void => {
  for (const f of t.fields) {
    const x = v[f.name]
    if (x === undefined || x === null) continue
    if (f.key !== undefined) {
      if (typeof x !== 'object') throw new TypeError(`${t.name}.${f.name}: object expected`)
      const key = f.key
      for (const k of Object.keys(x)) {
        const val = (x as Record<string, unknown>)[k]
        tag(w, f.id, 2)
        w.delimited(() => {
          tag(w, 1, wireOf(key))
          writeScalar(w, key, key === 'bool' ? k === 'true' : k)
          if (f.kind === 'message') {
            tag(w, 2, 2)
            w.delimited(() => writeMessage(w, f.message!(), (val ?? {}) as Record<string, unknown>))
          } else if (f.kind === 'enum') {
            const n = enumNumber(f, val) ?? 0
            tag(w, 2, 0)
            writeScalar(w, 'enum', n)
          } else {
            tag(w, 2, wireOf(f.kind))
            writeScalar(w, f.kind, val)
          }
        })
      }
      continue
    }
    if (f.repeated) {
      if (!Array.isArray(x)) throw new TypeError(`${t.name}.${f.name}: array expected`)
      if (x.length === 0) continue
      const items = f.kind === 'enum' ? x.map((e) => enumNumber(f, e) ?? 0) : x
      if (f.packed) {
        tag(w, f.id, 2)
        w.delimited(() => {
          for (const e of items) writeScalar(w, f.kind, e)
        })
      } else
        for (const e of items) {
          tag(w, f.id, wireOf(f.kind))
          if (f.kind === 'message') w.delimited(() => writeMessage(w, f.message!(), messageValue(t, f, e)))
          else writeScalar(w, f.kind, e)
        }
      continue
    }
    if (f.kind === 'message') {
      tag(w, f.id, 2)
      w.delimited(() => writeMessage(w, f.message!(), messageValue(t, f, x)))
    } else if (f.kind === 'enum') {
      const n = enumNumber(f, x)
      // proto3's implicit presence: a field at its default is not written (the enum's first value)
      if (n === undefined || (!f.presence && n === Object.values(f.enumValues ?? {})[0])) continue
      tag(w, f.id, 0)
      writeScalar(w, 'enum', n)
    } else {
      if (!f.presence && isDefault(f.kind, x)) continue
      tag(w, f.id, wireOf(f.kind))
      writeScalar(w, f.kind, x)
    }
  }
}

const messageValue = (t: MessageType, f: Field, x: unknown): Record<string, unknown> => {
  if (typeof x !== 'object' || x === null) throw new TypeError(`.${t.name}.${f.name}: object expected`)
  return x as Record<string, unknown>
}

/** The wire bytes of `value` as message `type` (a full name), as protobufjs's `encode(fromObject(value))`. */
export const encodeWire = (schema: WireSchema, type: string, value: object): Uint8Array => {
  const w = new Writer()
  writeMessage(w, schema.type(type), value as Record<string, unknown>)
  return w.finish()
}

// ---- decoding

class Reader {
  pos = 0
  constructor(
    readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}
  varint(): number {
    let n = 0
    let mul = 1
    for (;;) {
      if (this.pos >= this.end) throw new RangeError('index out of range')
      const b = this.buf[this.pos++]!
      n += (b & 0x7f) * mul
      if (b < 0x80) return n
      mul *= 0x80
      if (mul > 2 ** 63) throw new Error('invalid varint encoding')
    }
  }
  varint64(): bigint {
    let n = 0n
    let shift = 0n
    for (;;) {
      if (this.pos >= this.end) throw new RangeError('index out of range')
      const b = this.buf[this.pos++]!
      n |= BigInt(b & 0x7f) << shift
      if (b < 0x80) return BigInt.asUintN(64, n)
      shift += 7n
      if (shift > 63n) throw new Error('invalid varint encoding')
    }
  }
  /** A reader of the length-delimited bytes that start here; this reader moves past them. */
  sub(): Reader {
    const n = this.varint()
    if (this.pos + n > this.end) throw new RangeError(`index out of range: ${this.pos} + ${n} > ${this.end}`)
    const r = new Reader(this.buf, this.pos + n)
    r.pos = this.pos
    this.pos += n
    return r
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new RangeError(`index out of range: ${this.pos} + ${n} > ${this.end}`)
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }
  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.varint64()
        return
      case 1:
        this.take(8)
        return
      case 2:
        this.take(this.varint())
        return
      case 5:
        this.take(4)
        return
      case 3:
        for (;;) {
          const t = this.varint()
          if ((t & 7) === 4) return
          this.skip(t & 7)
        }
      default:
        throw new Error(`invalid wire type ${wire} at offset ${this.pos}`)
    }
  }
}

const utf8d = new TextDecoder()

const readScalar = (r: Reader, k: Kind): unknown => {
  switch (k) {
    case 'string':
      return utf8d.decode(r.take(r.varint()))
    case 'bytes': {
      const b = r.take(r.varint())
      return Buffer.from(b.buffer.slice(b.byteOffset, b.byteOffset + b.length))
    }
    case 'bool':
      return r.varint64() !== 0n
    case 'int32':
    case 'enum':
      return Number(BigInt.asIntN(32, r.varint64()))
    case 'uint32':
      return Number(BigInt.asUintN(32, r.varint64()))
    case 'sint32': {
      const n = Number(BigInt.asUintN(32, r.varint64()))
      return (n >>> 1) ^ -(n & 1)
    }
    case 'int64':
      return Number(BigInt.asIntN(64, r.varint64()))
    case 'uint64':
      return Number(r.varint64())
    case 'sint64': {
      const n = r.varint64()
      return Number((n >> 1n) ^ -(n & 1n))
    }
    case 'fixed32':
    case 'sfixed32': {
      const b = r.take(4)
      const v = new DataView(b.buffer, b.byteOffset, 4)
      return k === 'fixed32' ? v.getUint32(0, true) : v.getInt32(0, true)
    }
    case 'fixed64':
    case 'sfixed64': {
      const b = r.take(8)
      const v = new DataView(b.buffer, b.byteOffset, 8)
      return Number(k === 'fixed64' ? v.getBigUint64(0, true) : v.getBigInt64(0, true))
    }
    case 'double':
    case 'float': {
      const b = r.take(k === 'double' ? 8 : 4)
      const v = new DataView(b.buffer, b.byteOffset, b.length)
      return k === 'double' ? v.getFloat64(0, true) : v.getFloat32(0, true)
    }
    case 'message':
      throw new Error('not a scalar')
  }
}

const defaultOf = (f: Field): unknown => {
  switch (f.kind) {
    case 'string':
      return ''
    case 'bytes':
      return Buffer.alloc(0)
    case 'bool':
      return false
    case 'enum':
      return f.enumNames?.get(0) ?? 0
    case 'message':
      return null
    default:
      return 0
  }
}

const enumName = (f: Field, n: number): string | number => f.enumNames?.get(n) ?? n

const readMessage = (r: Reader, t: MessageType): Record<string, unknown> => {
  // protobufjs's toObject: the repeated fields first, then the maps, then the singular fields (each in field
  // order), all present with their defaults
  const out: Record<string, unknown> = {}
  for (const f of t.fields) if (f.repeated) out[f.name] = []
  for (const f of t.fields) if (f.key !== undefined) out[f.name] = {}
  for (const f of t.fields) if (!f.repeated && f.key === undefined && !f.presence) out[f.name] = defaultOf(f)
  while (r.pos < r.end) {
    const key = r.varint()
    const id = Math.floor(key / 8)
    const wire = key & 7
    const f = t.byId.get(id)
    if (f === undefined) {
      r.skip(wire)
      continue
    }
    if (f.key !== undefined) {
      const entry = r.sub()
      let k: unknown = f.key === 'string' ? '' : f.key === 'bool' ? false : 0
      let v: unknown = f.kind === 'message' ? undefined : defaultOf(f)
      while (entry.pos < entry.end) {
        const kt = entry.varint()
        if (kt >>> 3 === 1) k = readScalar(entry, f.key)
        else if (kt >>> 3 === 2)
          v =
            f.kind === 'message'
              ? readMessage(entry.sub(), f.message!())
              : f.kind === 'enum'
                ? enumName(f, readScalar(entry, 'enum') as number)
                : readScalar(entry, f.kind)
        else entry.skip(kt & 7)
      }
      ;(out[f.name] as Record<string, unknown>)[String(k)] =
        v === undefined ? readMessage(new Reader(new Uint8Array(0)), f.message!()) : v
      continue
    }
    const one = (): unknown =>
      f.kind === 'message'
        ? readMessage(r.sub(), f.message!())
        : f.kind === 'enum'
          ? enumName(f, readScalar(r, 'enum') as number)
          : readScalar(r, f.kind)
    if (f.repeated) {
      const list = out[f.name] as unknown[]
      if (wire === 2 && packable(f.kind)) {
        const packed = r.sub()
        while (packed.pos < packed.end)
          list.push(f.kind === 'enum' ? enumName(f, readScalar(packed, 'enum') as number) : readScalar(packed, f.kind))
      } else list.push(one())
    } else out[f.name] = one()
  }
  return out
}

/**
 * The plain object of message `type` in `bytes`, as protobufjs's `toObject(decode(bytes), { enums: String,
 * longs: Number, defaults: true, arrays: true, objects: true })`: every field present, enums by name, 64-bit
 * integers as numbers, bytes as Buffers.
 */
export const decodeWire = <A = Record<string, unknown>>(schema: WireSchema, type: string, bytes: Uint8Array): A => {
  const r = new Reader(bytes)
  return readMessage(r, schema.type(type)) as A
}
