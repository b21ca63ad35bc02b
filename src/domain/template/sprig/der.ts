/** The few ASN.1 DER encoders an X.509 certificate needs. */

const length = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 255)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** One DER element: tag, length, content (constructors below for the universal types used). */
export const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), length(body.length), body])
}

export const seq = (...items: Buffer[]): Buffer => tlv(0x30, ...items)
export const set = (...items: Buffer[]): Buffer => tlv(0x31, ...items)
export const explicit = (n: number, ...items: Buffer[]): Buffer => tlv(0xa0 + n, ...items)
export const octets = (b: Buffer): Buffer => tlv(0x04, b)
export const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]))
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00])

/** A non-negative INTEGER from big-endian magnitude bytes. */
export const uint = (magnitude: Buffer): Buffer => {
  let i = 0
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++
  const m = magnitude.subarray(i)
  return tlv(0x02, m[0] & 0x80 ? Buffer.concat([Buffer.from([0]), m]) : m)
}
/** An INTEGER from a non-negative JS number. */
export const int = (n: number): Buffer => {
  const h = n.toString(16)
  return uint(Buffer.from(h.length % 2 === 1 ? '0' + h : h, 'hex'))
}

/** An OBJECT IDENTIFIER from its dotted form. */
export const oid = (dotted: string): Buffer => {
  const parts = dotted.split('.').map(Number)
  const bytes: number[] = [parts[0] * 40 + parts[1]]
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f]
    for (let x = Math.floor(p / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift((x & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** A BIT STRING of whole bytes, or of `bits` flags (bit 0 = most significant) with trailing zeros trimmed. */
export const bitString = (b: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.from([unused]), b)
/** A named-bit BIT STRING (KeyUsage): bit 0 is the most significant, trailing zero bits trimmed. */
export const flags = (bits: ReadonlyArray<number>): Buffer => {
  const max = Math.max(...bits)
  const bytes = Buffer.alloc(Math.floor(max / 8) + 1)
  for (const b of bits) bytes[Math.floor(b / 8)] |= 0x80 >> (b % 8)
  return bitString(bytes, 7 - (max % 8))
}

// Go's x509 writes a CN as PrintableString when it can, else UTF8String
const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/
export const directoryString = (s: string): Buffer => tlv(printable.test(s) ? 0x13 : 0x0c, Buffer.from(s, 'utf8'))

/** UTCTime before 2050, GeneralizedTime after (RFC 5280), to the second. */
export const time = (d: Date): Buffer => {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return d.getUTCFullYear() < 2050 && d.getUTCFullYear() >= 1950
    ? tlv(0x17, Buffer.from(iso.slice(2) + 'Z', 'ascii'))
    : tlv(0x18, Buffer.from(iso + 'Z', 'ascii'))
}

/** The content bytes of the DER element starting at `at`, and where the next one starts. */
export const read = (der: Buffer, at = 0): { tag: number; content: Buffer; next: number; whole: Buffer } => {
  const tag = der[at]
  let len = der[at + 1]
  let off = at + 2
  if (len & 0x80) {
    const n = len & 0x7f
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + der[off + i]
    off += n
  }
  return { tag, content: der.subarray(off, off + len), next: off + len, whole: der.subarray(at, off + len) }
}
