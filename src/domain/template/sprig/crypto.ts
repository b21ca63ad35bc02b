import bcryptjs from 'bcryptjs'
import { createCipheriv, createDecipheriv, createHmac, scryptSync } from 'node:crypto'
import { type Value, GoError, isNil } from '../../go/Value'
import type { SprigEnvLike } from './env'
import { type FuncMap, int, sliceItems, str, want } from './args'
import {
  certificateOf,
  certificateStruct,
  createCertificate,
  generateKey,
  issuerOf,
  keyPem,
  parseKey,
  rsa2048,
} from './certs'

const SEED = 'com.lyndir.masterpassword'
const CHARS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
}
const TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n >>> 0)
  return b
}

/** The Master Password algorithm Sprig's derivePassword implements (scrypt N=32768 r=8 p=2, HMAC-SHA256). */
const derivePassword = (counter: number, type: string, password: string, user: string, site: string): string => {
  const templates = TEMPLATES[type]
  if (templates === undefined) return `cannot find password template ${type}`
  const salt = Buffer.concat([Buffer.from(SEED), u32(Buffer.byteLength(user)), Buffer.from(user)])
  const key = scryptSync(Buffer.from(password), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 64 * 1024 * 1024 })
  const seed = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(SEED), u32(Buffer.byteLength(site)), Buffer.from(site), u32(counter)]))
    .digest()
  const template = templates[seed[0] % templates.length]
  return Array.from(template, (t, i) => CHARS[t][seed[i + 1] % CHARS[t].length]).join('')
}

// bcrypt's own base64 alphabet, for a salt drawn from the caller's byte source
const BCRYPT64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const bcryptSalt = (bytes: Uint8Array): string => {
  let out = ''
  let i = 0
  while (i < 16) {
    const c1 = bytes[i++]
    out += BCRYPT64[c1 >> 2]
    let c = (c1 & 0x03) << 4
    if (i >= 16) {
      out += BCRYPT64[c]
      break
    }
    const c2 = bytes[i++]
    out += BCRYPT64[c | (c2 >> 4)]
    c = (c2 & 0x0f) << 2
    const c3 = bytes[i++]
    out += BCRYPT64[c | (c3 >> 6)] + BCRYPT64[c3 & 0x3f]
  }
  return out.slice(0, 22)
}

// Go's bcrypt writes the $2a$ prefix at the default cost 10
const bcrypt = (input: string, randomBytes: (n: number) => Uint8Array): string =>
  bcryptjs.hashSync(input, `$2a$10$${bcryptSalt(randomBytes(16))}`).replace(/^\$2b\$/, '$2a$')

const aesKey = (password: string): Buffer => {
  const key = Buffer.alloc(32)
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32)
  return key
}

const strings = (v: Value, what: string): string[] => {
  if (isNil(v)) return []
  const xs = sliceItems(v)
  if (xs === undefined) throw new GoError(`wrong type for value; expected []interface {}`)
  return xs.map((x) => {
    if (typeof x !== 'string') throw new GoError(`${what}: ${x === null ? '<nil>' : String(x)} is not a string`)
    return x
  })
}

const checkIps = (ips: string[]): string[] => {
  for (const ip of ips)
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && !/^[0-9a-fA-F:]+$/.test(ip)) throw new GoError(`error parsing ip: ${ip}`)
  return ips
}

/** Sprig's crypto functions on node:crypto: keys, CA/self-signed/signed certificates, derivePassword, bcrypt, AES. */
export const cryptoFuncs = (env: SprigEnvLike): FuncMap => {
  const request = (cn: string, ips: string[], dns: string[], days: number, isCA: boolean) => ({
    cn,
    ips,
    dns,
    days,
    isCA,
    now: env.now(),
    serial: Buffer.from(env.randomBytes(16)),
  })
  const ca = (cn: Value, days: Value, key?: Value) => {
    const k = key === undefined ? rsa2048() : parseKey(str(key))
    const cert = createCertificate(request(str(cn), [], [], int(days), true), k, undefined)
    return certificateStruct({ cert, key: keyPem(k) })
  }
  const selfSigned = (a: Value[], key?: Value) => {
    const k = key === undefined ? rsa2048() : parseKey(str(key))
    const req = request(
      str(a[0]),
      checkIps(strings(a[1], 'error parsing ip')),
      strings(a[2], 'error processing alternate dns name'),
      int(a[3]),
      false,
    )
    return certificateStruct({ cert: createCertificate(req, k, undefined), key: keyPem(k) })
  }
  const signed = (a: Value[], key?: Value) => {
    const k = key === undefined ? rsa2048() : parseKey(str(key))
    const req = request(
      str(a[0]),
      checkIps(strings(a[1], 'error parsing ip')),
      strings(a[2], 'error processing alternate dns name'),
      int(a[3]),
      false,
    )
    return certificateStruct({ cert: createCertificate(req, k, issuerOf(certificateOf(a[4]))), key: keyPem(k) })
  }
  return {
    genPrivateKey: (...a) => {
      want('genPrivateKey', a, 1)
      const k = generateKey(str(a[0]))
      return typeof k === 'string' ? k : keyPem(k)
    },
    genCA: (...a) => {
      want('genCA', a, 2)
      return ca(a[0], a[1])
    },
    genCAWithKey: (...a) => {
      want('genCAWithKey', a, 3)
      return ca(a[0], a[1], a[2])
    },
    genSelfSignedCert: (...a) => {
      want('genSelfSignedCert', a, 4)
      return selfSigned(a)
    },
    genSelfSignedCertWithKey: (...a) => {
      want('genSelfSignedCertWithKey', a, 5)
      return selfSigned(a, a[4])
    },
    genSignedCert: (...a) => {
      want('genSignedCert', a, 5)
      return signed(a)
    },
    genSignedCertWithKey: (...a) => {
      want('genSignedCertWithKey', a, 6)
      return signed(a, a[5])
    },
    buildCustomCert: (...a) => {
      want('buildCustomCert', a, 2)
      const cert = Buffer.from(str(a[0]), 'base64').toString('utf8')
      const key = Buffer.from(str(a[1]), 'base64').toString('utf8')
      if (!cert.includes('-----BEGIN CERTIFICATE-----')) throw new GoError('unable to decode base64 certificate')
      parseKey(key)
      return certificateStruct({ cert, key })
    },
    derivePassword: (...a) => {
      want('derivePassword', a, 5)
      return derivePassword(int(a[0]), str(a[1]), str(a[2]), str(a[3]), str(a[4]))
    },
    bcrypt: (...a) => {
      want('bcrypt', a, 1)
      return bcrypt(str(a[0]), env.randomBytes)
    },
    htpasswd: (...a) => {
      want('htpasswd', a, 2)
      const user = str(a[0])
      if (user.includes(':')) return `invalid username: ${user}`
      return `${user}:${bcrypt(str(a[1]), env.randomBytes)}`
    },
    encryptAES: (...a) => {
      want('encryptAES', a, 2)
      const plain = str(a[1])
      if (plain === '') return ''
      const iv = Buffer.from(env.randomBytes(16))
      const c = createCipheriv('aes-256-cbc', aesKey(str(a[0])), iv)
      return Buffer.concat([iv, c.update(Buffer.from(plain, 'utf8')), c.final()]).toString('base64')
    },
    decryptAES: (...a) => {
      want('decryptAES', a, 2)
      const text = str(a[1])
      if (text === '') return ''
      const data = Buffer.from(text, 'base64')
      if (data.length < 32 || data.length % 16 !== 0) throw new GoError('crypto/cipher: input not full blocks')
      const d = createDecipheriv('aes-256-cbc', aesKey(str(a[0])), data.subarray(0, 16))
      d.setAutoPadding(false)
      const out = Buffer.concat([d.update(data.subarray(16)), d.final()])
      // Go slices off the last byte's count without checking it
      const end = out.length - out[out.length - 1]
      if (end < 0) throw new GoError(`runtime error: slice bounds out of range [:${end}]`)
      return out.subarray(0, end).toString('utf8')
    },
  }
}
