// Hand-made tar archives for the tests of archive readers (entries no well-behaved writer produces).
import { Buffer } from 'node:buffer'
import * as zlib from 'node:zlib'

/** One raw ustar entry with any type flag and link name (what a hostile archive would hold). */
export const rawEntry = (name: string, type: string, data = '', linkname = '', mode = 0o644): Buffer => {
  const h = Buffer.alloc(512)
  h.write(name, 0, 100)
  h.write(`${mode.toString(8).padStart(7, '0')}\0`, 100)
  h.write('0000000\0', 108)
  h.write('0000000\0', 116)
  h.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124)
  h.write('00000000000\0', 136)
  h.fill(32, 148, 156)
  h.write(type, 156)
  h.write(linkname, 157, 100)
  h.write('ustar\0' + '00', 257)
  let sum = 0
  for (const x of h) sum += x
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512)
  body.write(data)
  return Buffer.concat([h, body])
}
/** A gzipped tar stream of the entries and the end-of-archive blocks. */
export const tgz = (...entries: Buffer[]): Uint8Array => zlib.gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]))
