import { createHash } from 'node:crypto'
import type { Value } from '../../go/Value'
import { type FuncMap, str, want } from './args'

const un =
  (name: string, f: (s: string) => Value) =>
  (...a: Value[]): Value => {
    want(name, a, 1)
    return f(str(a[0]))
  }

const hash =
  (alg: string) =>
  (s: string): string =>
    createHash(alg).update(s, 'utf8').digest('hex')

const adler32 = (s: string): string => {
  let a = 1
  let b = 0
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521
    b = (b + a) % 65521
  }
  return String(((b << 16) | a) >>> 0)
}

/** Go's base64.StdEncoding.DecodeString: padding required, error text on the first bad byte. */
const b64dec = (s: string): string => {
  const clean = s.replace(/[\r\n]/g, '')
  const bad = /[^A-Za-z0-9+/=]/.exec(clean)
  if (bad) return `illegal base64 data at input byte ${bad.index}`
  const pad = clean.indexOf('=')
  if (
    clean.length % 4 !== 0 ||
    (pad !== -1 && !/^=+$/.test(clean.slice(pad))) ||
    (pad !== -1 && clean.length - pad > 2)
  ) {
    const at = pad !== -1 ? pad : clean.length - (clean.length % 4)
    return `illegal base64 data at input byte ${Math.min(at, clean.length)}`
  }
  return Buffer.from(clean, 'base64').toString('utf8')
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

const b32enc = (s: string): string => {
  const bytes = Buffer.from(s, 'utf8')
  let out = ''
  let bits = 0
  let acc = 0
  for (const b of bytes) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 5) {
      out += B32[(acc >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31]
  while (out.length % 8 !== 0) out += '='
  return out
}

const b32dec = (s: string): string => {
  const clean = s.replace(/[\r\n]/g, '')
  if (clean.length % 8 !== 0) return `illegal base32 data at input byte ${clean.length - (clean.length % 8)}`
  const body = clean.replace(/=+$/, '')
  const bad = [...body].findIndex((c) => !B32.includes(c))
  if (bad !== -1) return `illegal base32 data at input byte ${bad}`
  const out: number[] = []
  let bits = 0
  let acc = 0
  for (const c of body) {
    acc = ((acc << 5) | B32.indexOf(c)) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(out).toString('utf8')
}

/** Sprig's encodings and digests: b64/b32 (decode errors come back as the text), sha1/256/512sum, adler32sum. */
export const encodingFuncs = (): FuncMap => ({
  b64enc: un('b64enc', (s) => Buffer.from(s, 'utf8').toString('base64')),
  b64dec: un('b64dec', b64dec),
  b32enc: un('b32enc', b32enc),
  b32dec: un('b32dec', b32dec),
  sha1sum: un('sha1sum', hash('sha1')),
  sha256sum: un('sha256sum', hash('sha256')),
  sha512sum: un('sha512sum', hash('sha512')),
  adler32sum: un('adler32sum', adler32),
})
