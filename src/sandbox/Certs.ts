// A throwaway CA and a loopback serving certificate for the sandbox's HTTPS listener. Node 20 can parse
// but not create X.509 certificates, so the TBSCertificate is DER-encoded here and signed with node:crypto.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import * as t from 'io-ts'
import { decodeDataFile } from './DataFile'

const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), len(body.length), body])
}
const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c)
const set = (...c: Buffer[]): Buffer => tlv(0x31, ...c)
const int = (b: Buffer): Buffer => tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b)
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number)
  const out = [a! * 40 + b!]
  for (const n of rest) {
    const parts: number[] = []
    let v = n
    do {
      parts.unshift(v & 0x7f)
      v >>= 7
    } while (v > 0)
    out.push(...parts.map((p, i) => (i < parts.length - 1 ? p | 0x80 : p)))
  }
  return tlv(0x06, Buffer.from(out))
}
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'))
const bits = (b: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.from([unused]), b)
const octets = (b: Buffer): Buffer => tlv(0x04, b)
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]))
const utcTime = (d: Date): Buffer => {
  const p = (n: number) => String(n).padStart(2, '0')
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`
  return tlv(0x17, Buffer.from(s))
}
const name = (cn: string): Buffer => seq(set(seq(oid('2.5.4.3'), utf8(cn))))
const ext = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value))
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'))

interface Issued {
  readonly certPem: string
  readonly keyPem: string
  readonly key: KeyObject
}

const toPem = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END CERTIFICATE-----\n`

const issue = (subject: string, issuer: { name: string; key: KeyObject } | undefined, extensions: Buffer[]): Issued => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const serial = randomBytes(12)
  // DER wants a positive INTEGER in minimal form: no leading zero byte, top bit clear
  serial[0] = (serial[0]! & 0x7f) | 0x40
  const notBefore = new Date(Date.now() - 60 * 60 * 1000)
  const notAfter = new Date(Date.now() + 10 * 365 * 24 * 60 * 60 * 1000)
  const tbs = seq(
    tlv(0xa0, int(Buffer.from([2]))),
    int(serial),
    ECDSA_SHA256,
    name(issuer?.name ?? subject),
    seq(utcTime(notBefore), utcTime(notAfter)),
    name(subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...extensions)),
  )
  const signature = sign('sha256', tbs, issuer?.key ?? privateKey)
  return {
    certPem: toPem(seq(tbs, ECDSA_SHA256, bits(signature))),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    key: privateKey,
  }
}

/** A CA plus a serving certificate for 127.0.0.1 / ::1 / localhost signed by it (PEM strings). */
export interface SandboxCerts {
  readonly caPem: string
  readonly certPem: string
  readonly keyPem: string
}

const SandboxCertsC = t.type({ caPem: t.string, certPem: t.string, keyPem: t.string })

/** The certificates a data folder keeps (`certs.json`), decoded. */
export const decodeCerts = (text: string, path: string): SandboxCerts => decodeDataFile(SandboxCertsC, text, path)

/** Generates a fresh CA and serving certificate (EC P-256, ECDSA-SHA256, valid ten years). */
export const generateCerts = (): SandboxCerts => {
  const ca = issue('wheelhouse-sandbox-ca', undefined, [
    ext('2.5.29.19', true, seq(bool(true))),
    // keyCertSign | cRLSign | digitalSignature
    ext('2.5.29.15', true, bits(Buffer.from([0x86]), 1)),
  ])
  const san = seq(
    tlv(0x87, Buffer.from([127, 0, 0, 1])),
    tlv(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])),
    tlv(0x82, Buffer.from('localhost')),
  )
  const leaf = issue('wheelhouse-sandbox', { name: 'wheelhouse-sandbox-ca', key: ca.key }, [
    ext('2.5.29.19', true, seq()),
    // digitalSignature | keyEncipherment
    ext('2.5.29.15', true, bits(Buffer.from([0xa0]), 5)),
    ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
    ext('2.5.29.17', false, san),
  ])
  return { caPem: ca.certPem, certPem: leaf.certPem, keyPem: leaf.keyPem }
}
