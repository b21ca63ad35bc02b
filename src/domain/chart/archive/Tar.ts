import { Buffer } from 'node:buffer'

/** One raw tar entry, after PAX / GNU long-name records are applied. */
export interface TarEntry {
  readonly name: string
  /** '0' file, '1' hard link, '2' symlink, '3'/'4' devices, '5' directory, '6' fifo, other flags as read. */
  readonly type: string
  readonly linkname: string
  /** permission bits of the header's mode field */
  readonly mode: number
  readonly data: Uint8Array
}

/** Why a tar stream could not be read. */
export class TarError extends Error {}

const BLOCK = 512

const cstr = (b: Uint8Array, off: number, len: number): string => {
  const s = b.subarray(off, off + len)
  const end = s.indexOf(0)
  return Buffer.from(end < 0 ? s : s.subarray(0, end)).toString('utf8')
}

const octal = (b: Uint8Array, off: number, len: number): number => {
  const first = b[off] ?? 0
  // GNU base-256 encoding for large numbers: high bit of the first byte set.
  if (first & 0x80) {
    let n = first & 0x7f
    for (let i = 1; i < len; i++) n = n * 256 + (b[off + i] ?? 0)
    return n
  }
  const s = cstr(b, off, len).trim()
  if (s === '') return 0
  if (!/^[0-7]+$/.test(s)) throw new TarError(`invalid number field ${JSON.stringify(s)}`)
  return parseInt(s, 8)
}

// the permission bits of a header (an unreadable mode field reads as 0644: only plugin archives use modes)
const modeOf = (h: Uint8Array): number => {
  try {
    return octal(h, 100, 8) & 0o7777
  } catch {
    return 0o644
  }
}

const paxRecords = (data: Uint8Array): Record<string, string> => {
  const out: Record<string, string> = {}
  const text = Buffer.from(data).toString('utf8')
  let i = 0
  while (i < text.length) {
    const sp = text.indexOf(' ', i)
    const len = parseInt(text.slice(i, sp), 10)
    if (sp < 0 || !(len > 0)) break
    const rec = Buffer.from(text.slice(i)).subarray(0, len).toString('utf8')
    const body = rec.slice(rec.indexOf(' ') + 1).replace(/\n$/, '')
    const eq = body.indexOf('=')
    if (eq > 0) out[body.slice(0, eq)] = body.slice(eq + 1)
    i += Buffer.byteLength(rec) === len ? rec.length : len
  }
  return out
}

/**
 * Reads a tar stream. `onEntry` sees each entry as soon as its header is read (before its data is
 * copied), so a caller can refuse early; throws TarError on a malformed stream.
 */
export const readTar = (
  tar: Uint8Array,
  onHeader: (name: string, type: string, size: number, linkname: string) => void,
): TarEntry[] => {
  const entries: TarEntry[] = []
  let off = 0
  let longName: string | undefined
  let longLink: string | undefined
  let pax: Record<string, string> = {}
  while (off + BLOCK <= tar.length) {
    const h = tar.subarray(off, off + BLOCK)
    if (h.every((x) => x === 0)) break
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] as number)
    if (sum !== octal(h, 148, 8)) throw new TarError('archive/tar: invalid tar header checksum')
    const type = String.fromCharCode(h[156] || 48)
    const size = octal(h, 124, 12)
    const dataStart = off + BLOCK
    if (dataStart + size > tar.length) throw new TarError('unexpected EOF')
    const data = tar.subarray(dataStart, dataStart + size)
    off = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (type === 'x') {
      pax = paxRecords(data)
      continue
    }
    if (type === 'g') continue
    if (type === 'L') {
      longName = cstr(data, 0, data.length)
      continue
    }
    if (type === 'K') {
      longLink = cstr(data, 0, data.length)
      continue
    }
    const magic = cstr(h, 257, 6)
    const prefix = magic.startsWith('ustar') ? cstr(h, 345, 155) : ''
    const base = cstr(h, 0, 100)
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${base}` : base)
    const linkname = pax.linkpath ?? longLink ?? cstr(h, 157, 100)
    pax = {}
    longName = undefined
    longLink = undefined
    onHeader(name, type, size, linkname)
    entries.push({ name, type, linkname, mode: modeOf(h), data })
  }
  return entries
}

const field = (h: Uint8Array, off: number, len: number, value: string): void => {
  h.set(Buffer.from(value, 'utf8').subarray(0, len), off)
}

const octalField = (h: Uint8Array, off: number, len: number, n: number): void =>
  field(h, off, len, `${n.toString(8).padStart(len - 1, '0')}\0`)

const header = (name: string, prefix: string, type: string, size: number, mtime: number): Uint8Array => {
  const h = new Uint8Array(BLOCK)
  field(h, 0, 100, name)
  octalField(h, 100, 8, 0o644)
  octalField(h, 108, 8, 0)
  octalField(h, 116, 8, 0)
  octalField(h, 124, 12, size)
  octalField(h, 136, 12, mtime)
  h.fill(32, 148, 156)
  h[156] = type.charCodeAt(0)
  field(h, 257, 6, 'ustar\0')
  field(h, 263, 2, '00')
  field(h, 345, 155, prefix)
  let sum = 0
  for (const x of h) sum += x
  field(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `)
  return h
}

const pad = (n: number): Uint8Array => new Uint8Array((BLOCK - (n % BLOCK)) % BLOCK)

/** Splits a long name into ustar prefix/name at a `/`, or undefined when it cannot fit. */
const ustarSplit = (name: string): [string, string] | undefined => {
  if (Buffer.byteLength(name) <= 100) return ['', name]
  for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i)
    const rest = name.slice(i + 1)
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '') return [prefix, rest]
  }
  return undefined
}

const paxRecord = (key: string, value: string): string => {
  const body = ` ${key}=${value}\n`
  let len = Buffer.byteLength(body) + 1
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body)
  return `${len}${body}`
}

/**
 * Writes regular files as a ustar stream in the given order (mode 0644, uid/gid 0, the given mtime),
 * using a PAX `path` record for names ustar cannot hold; ends with the two zero blocks.
 */
export const writeTar = (
  files: ReadonlyArray<{ readonly path: string; readonly data: Uint8Array }>,
  mtime: number,
): Uint8Array => {
  const parts: Uint8Array[] = []
  for (const f of files) {
    const split = ustarSplit(f.path)
    if (split === undefined) {
      const rec = Buffer.from(paxRecord('path', f.path))
      parts.push(header('PaxHeaders/' + f.path.slice(-80), '', 'x', rec.length, mtime), rec, pad(rec.length))
      parts.push(header(f.path.slice(0, 100), '', '0', f.data.length, mtime))
    } else parts.push(header(split[1], split[0], '0', f.data.length, mtime))
    parts.push(f.data, pad(f.data.length))
  }
  parts.push(new Uint8Array(BLOCK * 2))
  return Buffer.concat(parts)
}
