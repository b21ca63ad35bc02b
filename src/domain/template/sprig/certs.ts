import {
  type KeyObject,
  X509Certificate,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
} from 'node:crypto'
import { type GoStruct, type Value, GoError } from '../../go/Value'
import * as D from './der'

/** Sprig's `certificate` struct: PEM `Cert` and `Key`. */
export interface Certificate {
  readonly cert: string
  readonly key: string
}

const OID = {
  cn: '2.5.4.3',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ed25519: '1.3.101.112',
}

const name = (cn: string): Buffer => D.seq(D.set(D.seq(D.oid(OID.cn), D.directoryString(cn))))

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  D.seq(D.oid(id), ...(critical ? [D.bool(true)] : []), D.octets(value))

const signatureAlgorithm = (key: KeyObject): Buffer => {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return D.seq(D.oid(OID.sha256WithRSA), D.nullValue())
    case 'ec':
      return D.seq(D.oid(OID.ecdsaWithSHA256))
    case 'ed25519':
      return D.seq(D.oid(OID.ed25519))
    default:
      throw new GoError('x509: only RSA, ECDSA and Ed25519 keys supported')
  }
}

const ipBytes = (ip: string): Buffer => {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return Buffer.from(ip.split('.').map(Number))
  const [head, tail = ''] = ip.split('::')
  const h = head === '' ? [] : head.split(':')
  const t = tail === '' ? [] : tail.split(':')
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h
  return Buffer.from(groups.map((g) => g.padStart(4, '0')).join(''), 'hex')
}

const subjectKeyId = (spki: Buffer): Buffer => {
  // SHA-1 of the subjectPublicKey bit string's content (RFC 5280 method 1), as Go computes it
  const outer = D.read(spki)
  const alg = D.read(outer.content)
  const bits = D.read(outer.content, alg.next)
  return createHash('sha1').update(bits.content.subarray(1)).digest()
}

/** What a certificate says: subject CN, SANs, validity from `now`, CA or leaf, and its serial number. */
export interface CertRequest {
  readonly cn: string
  readonly ips: ReadonlyArray<string>
  readonly dns: ReadonlyArray<string>
  readonly days: number
  readonly isCA: boolean
  readonly now: Date
  readonly serial: Buffer
}

/** x509.CreateCertificate as Sprig's templates ask for it (Go's extension order and encodings). */
export const createCertificate = (
  req: CertRequest,
  subjectKey: KeyObject,
  issuer: { readonly name: Buffer; readonly key: KeyObject; readonly subjectKeyId?: Buffer | undefined } | undefined,
): string => {
  const spki = createPublicKey(subjectKey).export({ type: 'spki', format: 'der' })
  const subject = name(req.cn)
  const signer = issuer?.key ?? subjectKey
  const notBefore = new Date(Math.floor(req.now.getTime() / 1000) * 1000)
  const notAfter = new Date(notBefore.getTime() + req.days * 86_400_000)
  const exts: Buffer[] = [
    extension(OID.keyUsage, true, D.flags(req.isCA ? [0, 2, 5] : [0, 2])),
    extension(OID.extKeyUsage, false, D.seq(D.oid(OID.serverAuth), D.oid(OID.clientAuth))),
    extension(OID.basicConstraints, true, req.isCA ? D.seq(D.bool(true)) : D.seq()),
  ]
  if (req.isCA) exts.push(extension(OID.subjectKeyId, false, D.octets(subjectKeyId(spki))))
  if (issuer?.subjectKeyId) exts.push(extension(OID.authorityKeyId, false, D.seq(D.tlv(0x80, issuer.subjectKeyId))))
  if (req.dns.length > 0 || req.ips.length > 0)
    exts.push(
      extension(
        OID.subjectAltName,
        false,
        D.seq(
          ...req.dns.map((d) => D.tlv(0x82, Buffer.from(d, 'utf8'))),
          ...req.ips.map((ip) => D.tlv(0x87, ipBytes(ip))),
        ),
      ),
    )
  const alg = signatureAlgorithm(signer)
  const tbs = D.seq(
    D.explicit(0, D.int(2)),
    D.uint(req.serial),
    alg,
    issuer?.name ?? subject,
    D.seq(D.time(notBefore), D.time(notAfter)),
    subject,
    spki,
    D.explicit(3, D.seq(...exts)),
  )
  const signature = sign(signer.asymmetricKeyType === 'ed25519' ? null : 'sha256', tbs, signer)
  const der = D.seq(tbs, alg, D.bitString(signature))
  return pem('CERTIFICATE', der)
}

/** PEM armour with 64-column lines, as Go's pem.Encode writes it. */
export const pem = (type: string, der: Buffer): string =>
  `-----BEGIN ${type}-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${type}-----\n`

/** The PEM of a private key in the block type Sprig's pemBlockForKey uses. */
export const keyPem = (key: KeyObject): string => {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ type: 'pkcs1', format: 'pem' }) as string
    case 'ec':
      return key.export({ type: 'sec1', format: 'pem' }) as string
    default:
      return key.export({ type: 'pkcs8', format: 'pem' }) as string
  }
}

/** Sprig's genPrivateKey: rsa (4096 bits), ecdsa (P-256), ed25519; "Unknown type X" otherwise. */
export const generateKey = (type: string): KeyObject | string => {
  switch (type) {
    case '':
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey
    case 'ecdsa':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    case 'ed25519':
      return generateKeyPairSync('ed25519').privateKey
    case 'dsa':
      return generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey
    default:
      return `Unknown type ${type}`
  }
}

/** The RSA-2048 key Sprig generates for every certificate. */
export const rsa2048 = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey

/** Reads a PEM private key (PKCS#1, SEC 1 or PKCS#8); GoError with Sprig's text otherwise. */
export const parseKey = (text: string): KeyObject => {
  try {
    return createPrivateKey({ key: text, format: 'pem' })
  } catch {
    throw new GoError('error decoding PEM block: no PEM data found')
  }
}

/** The issuer side of a CA certificate: its subject name, key and subject key id. */
export const issuerOf = (ca: Certificate): { name: Buffer; key: KeyObject; subjectKeyId?: Buffer | undefined } => {
  let cert: X509Certificate
  try {
    cert = new X509Certificate(ca.cert)
  } catch {
    throw new GoError('unable to decode certificate')
  }
  const der = cert.raw
  const tbs = D.read(D.read(der).content)
  let at = 0
  const parts: Buffer[] = []
  while (at < tbs.content.length) {
    const e = D.read(tbs.content, at)
    parts.push(e.whole)
    at = e.next
  }
  // version [0], serial, signature alg, issuer, validity, subject, spki, [3] extensions
  const subject = parts[5]
  let skid: Buffer | undefined
  const ext = parts.find((p) => p[0] === 0xa3)
  if (ext) {
    const list = D.read(D.read(ext).content)
    for (let i = 0; i < list.content.length; ) {
      const e = D.read(list.content, i)
      i = e.next
      const id = D.read(e.content)
      if (id.content.equals(D.oid(OID.subjectKeyId).subarray(2))) {
        let j = id.next
        let v = D.read(e.content, j)
        if (v.tag === 0x01) v = D.read(e.content, (j = v.next))
        skid = D.read(v.content).content
      }
    }
  }
  return { name: subject, key: parseKey(ca.key), subjectKeyId: skid }
}

/** A `certificate` as templates see it (`.Cert`, `.Key`). */
export const certificateStruct = (c: Certificate): GoStruct & Certificate => ({
  goType: 'sprig.certificate',
  cert: c.cert,
  key: c.key,
  field: (f) => (f === 'Cert' ? { value: c.cert } : f === 'Key' ? { value: c.key } : undefined),
  method: (m) => (m === 'MarshalJSON' ? () => ({ Cert: c.cert, Key: c.key }) : undefined),
  format: () => `{${c.cert} ${c.key}}`,
})

/** The certificate inside a template value, or a GoError as Go's type check words it. */
export const certificateOf = (v: Value): Certificate => {
  if (typeof v === 'object' && v !== null && 'goType' in v && (v as GoStruct).goType === 'sprig.certificate')
    return v as unknown as Certificate
  throw new GoError('wrong type for value; expected sprig.certificate')
}
