import { Buffer } from 'node:buffer'

// A small proto3 wire codec driven by message schemas: what the hapi messages need (strings, bytes, bools,
// int32/int64, enums, nested and repeated messages, map<string,string>). Encoding follows Go's
// golang/protobuf: fields in field-number order, proto3 defaults left out, repeated enums packed, map
// entries with both key and value (sorted by key, for stable bytes).

/** How one field is encoded. */
export type Kind =
  | 'string'
  | 'bytes'
  | 'bool'
  | 'int32'
  | 'int64'
  | { readonly enum: ReadonlyArray<string> }
  | { readonly message: () => Schema }
  | 'map'

/** One field: number, name (the object key), kind, and whether it repeats / tracks presence. */
export interface Field {
  readonly no: number
  readonly name: string
  readonly kind: Kind
  readonly repeated?: boolean
  /** proto3 `optional`: written whenever set, even to the default. */
  readonly optional?: boolean
}

/** A message: its fields in field-number order. */
export type Schema = ReadonlyArray<Field>

type Obj = Record<string, unknown>

class Writer {
  private chunks: Buffer[] = []
  private size = 0
  push(b: Buffer): void {
    this.chunks.push(b)
    this.size += b.length
  }
  varint(n: bigint): void {
    let v = BigInt.asUintN(64, n)
    const out: number[] = []
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    out.push(Number(v))
    this.push(Buffer.from(out))
  }
  tag(no: number, wire: number): void {
    this.varint(BigInt((no << 3) | wire))
  }
  bytes(no: number, b: Buffer): void {
    this.tag(no, 2)
    this.varint(BigInt(b.length))
    this.push(b)
  }
  finish(): Buffer {
    return Buffer.concat(this.chunks, this.size)
  }
}

const enumNumber = (values: ReadonlyArray<string>, v: unknown): number => {
  if (typeof v === 'number') return v
  const i = values.indexOf(String(v))
  return i < 0 ? 0 : i
}
const int = (v: unknown): bigint => BigInt(Math.trunc(Number(v ?? 0)))

const writeScalar = (w: Writer, f: Field, v: unknown, always: boolean): void => {
  const k = f.kind
  if (k === 'string') {
    if (always || v) w.bytes(f.no, Buffer.from(String(v ?? ''), 'utf8'))
  } else if (k === 'bytes') {
    const b = v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.alloc(0)
    if (always || b.length > 0) w.bytes(f.no, b)
  } else if (k === 'bool') {
    if (always || v === true) {
      w.tag(f.no, 0)
      w.varint(v === true ? 1n : 0n)
    }
  } else if (k === 'int32' || k === 'int64') {
    const n = int(v)
    if (always || n !== 0n) {
      w.tag(f.no, 0)
      w.varint(n)
    }
  } else if (typeof k === 'object' && 'enum' in k) {
    const n = enumNumber(k.enum, v)
    if (always || n !== 0) {
      w.tag(f.no, 0)
      w.varint(BigInt(n))
    }
  }
}

/** The wire bytes of `value` (a plain object keyed by field names) as message `schema`. */
export const encodeWire = (schema: Schema, value: Obj): Buffer => {
  const w = new Writer()
  for (const f of schema) {
    const v = value[f.name]
    if (v === undefined || v === null) continue
    const k = f.kind
    if (k === 'map') {
      for (const key of Object.keys(v as Obj).sort()) {
        const entry = new Writer()
        entry.bytes(1, Buffer.from(key, 'utf8'))
        entry.bytes(2, Buffer.from(String((v as Obj)[key] ?? ''), 'utf8'))
        w.bytes(f.no, entry.finish())
      }
    } else if (typeof k === 'object' && 'message' in k) {
      const items = f.repeated ? (v as Obj[]) : [v as Obj]
      for (const item of items) w.bytes(f.no, encodeWire(k.message(), item ?? {}))
    } else if (f.repeated && typeof k === 'object' && 'enum' in k) {
      const items = v as unknown[]
      if (items.length === 0) continue
      const packed = new Writer()
      for (const item of items) packed.varint(BigInt(enumNumber(k.enum, item)))
      w.bytes(f.no, packed.finish())
    } else if (f.repeated) {
      for (const item of v as unknown[]) writeScalar(w, f, item, true)
    } else {
      writeScalar(w, f, v, f.optional === true)
    }
  }
  return w.finish()
}

class Reader {
  pos = 0
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length
  }
  varint(): bigint {
    let result = 0n
    let shift = 0n
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint')
      const b = this.buf[this.pos++]!
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return result
      shift += 7n
      if (shift > 63n) throw new Error('varint too long')
    }
  }
  take(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new Error('truncated field')
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }
  skip(wire: number): void {
    if (wire === 0) this.varint()
    else if (wire === 1) this.take(8)
    else if (wire === 2) this.take(Number(this.varint()))
    else if (wire === 5) this.take(4)
    else throw new Error(`unsupported wire type ${wire}`)
  }
}

const defaults = (schema: Schema): Obj => {
  const o: Obj = {}
  for (const f of schema) {
    const k = f.kind
    if (f.repeated) o[f.name] = []
    else if (k === 'map') o[f.name] = {}
    else if (typeof k === 'object' && 'message' in k) o[f.name] = null
    else if (f.optional) continue
    else if (k === 'string') o[f.name] = ''
    else if (k === 'bytes') o[f.name] = new Uint8Array()
    else if (k === 'bool') o[f.name] = false
    else if (k === 'int32' || k === 'int64') o[f.name] = 0
    else o[f.name] = k.enum[0]
  }
  return o
}

const scalarOf = (k: Kind, raw: bigint): unknown => {
  if (k === 'bool') return raw !== 0n
  if (k === 'int32') return Number(BigInt.asIntN(32, raw))
  if (k === 'int64') return Number(BigInt.asIntN(64, raw))
  if (typeof k === 'object' && 'enum' in k) return k.enum[Number(raw)] ?? Number(raw)
  return Number(raw)
}

/** The plain object of wire bytes read as message `schema` (defaults filled, unknown fields skipped). Throws on malformed input. */
export const decodeWire = (schema: Schema, bytes: Uint8Array): Obj => {
  const r = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  const out = defaults(schema)
  const byNo = new Map(schema.map((f) => [f.no, f]))
  while (!r.done) {
    const tag = Number(r.varint())
    const no = tag >>> 3
    const wire = tag & 7
    const f = byNo.get(no)
    if (!f) {
      r.skip(wire)
      continue
    }
    const k = f.kind
    if (k === 'map') {
      const entry = new Reader(r.take(Number(r.varint())))
      let key = ''
      let val = ''
      while (!entry.done) {
        const t = Number(entry.varint())
        if (t >>> 3 === 1 && (t & 7) === 2) key = entry.take(Number(entry.varint())).toString('utf8')
        else if (t >>> 3 === 2 && (t & 7) === 2) val = entry.take(Number(entry.varint())).toString('utf8')
        else entry.skip(t & 7)
      }
      ;(out[f.name] as Obj)[key] = val
    } else if (typeof k === 'object' && 'message' in k) {
      const m = decodeWire(k.message(), r.take(Number(r.varint())))
      if (f.repeated) (out[f.name] as unknown[]).push(m)
      else out[f.name] = m
    } else if (k === 'string' || k === 'bytes') {
      const b = r.take(Number(r.varint()))
      const v = k === 'string' ? b.toString('utf8') : new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
      if (f.repeated) (out[f.name] as unknown[]).push(v)
      else out[f.name] = v
    } else if (wire === 2 && f.repeated) {
      const packed = new Reader(r.take(Number(r.varint())))
      while (!packed.done) (out[f.name] as unknown[]).push(scalarOf(k, packed.varint()))
    } else {
      const v = scalarOf(k, r.varint())
      if (f.repeated) (out[f.name] as unknown[]).push(v)
      else out[f.name] = v
    }
  }
  return out
}
