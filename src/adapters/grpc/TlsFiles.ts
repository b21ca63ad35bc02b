import { X509Certificate, createPrivateKey } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import * as E from 'fp-ts/Either'
import type { ClientTls } from './Client'

/** The client's TLS files (`--tls-ca-cert`, `--tls-cert`, `--tls-key`) and flags. */
export interface ClientTlsFiles {
  /** `--tls-verify`: verify Tiller's certificate against `caCert`. */
  readonly verify: boolean
  readonly caCert: string
  readonly cert: string
  readonly key: string
  readonly hostname?: string | undefined
}

const utc = (d: Date): string =>
  d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')

const certificate = (path: string, pem: Buffer): E.Either<string, X509Certificate> => {
  try {
    return E.right(new X509Certificate(pem))
  } catch (e) {
    return E.left(`${path} holds no PEM certificate (${(e as Error).message})`)
  }
}

/**
 * Reads the client's TLS files and checks them before any connection, so that a bad file is named at once:
 * the CA (with `verify`) must be a certificate; a client certificate must be one, be valid now (not expired,
 * not yet valid: `now`), and match its key. A missing client certificate or key is allowed (plain server TLS),
 * as before. Left: one clause naming the file and the fault.
 */
export const loadClientTls = (files: ClientTlsFiles, now: Date): E.Either<string, ClientTls> => {
  const read = (p: string): Buffer => readFileSync(p)
  try {
    const ca = files.verify ? read(files.caCert) : undefined
    if (ca) {
      const c = certificate(files.caCert, ca)
      if (E.isLeft(c)) return c
    }
    const cert = existsSync(files.cert) ? read(files.cert) : undefined
    const key = existsSync(files.key) ? read(files.key) : undefined
    if ((cert === undefined) !== (key === undefined))
      return E.left(
        `a client certificate needs its key and the reverse: ${cert ? files.key : files.cert} does not exist (--tls-cert, --tls-key)`,
      )
    if (cert) {
      const c = certificate(files.cert, cert)
      if (E.isLeft(c)) return c
      const notAfter = new Date(c.right.validTo)
      const notBefore = new Date(c.right.validFrom)
      if (notAfter < now) return E.left(`the client certificate ${files.cert} expired on ${utc(notAfter)}`)
      if (notBefore > now) return E.left(`the client certificate ${files.cert} is not valid before ${utc(notBefore)}`)
      if (key) {
        let matches: boolean
        try {
          matches = c.right.checkPrivateKey(createPrivateKey(key))
        } catch (e) {
          return E.left(`${files.key} holds no usable private key (${(e as Error).message})`)
        }
        // Go's tls.X509KeyPair wording
        if (!matches) return E.left(`tls: private key does not match public key (${files.cert}, ${files.key})`)
      }
    }
    return E.right({
      insecure: !files.verify,
      ...(ca ? { ca, caFile: files.caCert } : {}),
      ...(cert ? { cert, certFile: files.cert } : {}),
      ...(key ? { key } : {}),
      ...(files.hostname ? { hostname: files.hostname } : {}),
    })
  } catch (e) {
    return E.left((e as Error).message)
  }
}
