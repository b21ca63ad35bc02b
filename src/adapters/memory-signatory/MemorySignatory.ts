import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { fileUnreadable } from '../../domain/GeneralError'
import { keyNotFound, provenanceInvalid, signatureInvalid } from '../../domain/repo/RepoError'
import type { Signatory } from '../../ports/Signatory'

/** A key of a memory keyring: its user id, fingerprint and (for a secret keyring) the passphrase that unlocks it. */
export interface MemoryKey {
  readonly userId: string
  readonly fingerprint: string
  readonly passphrase?: string
}

const BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----'
const SIG = '-----BEGIN PGP SIGNATURE-----'
const END = '-----END PGP SIGNATURE-----'

const digest = (fingerprint: string, text: string): string =>
  createHash('sha256').update(`${fingerprint}\n${text}`).digest('hex')

const dashEscape = (text: string): string =>
  text
    .split('\n')
    .map((l) => (l.startsWith('-') ? `- ${l}` : l))
    .join('\n')

/**
 * OpenPGP's shape without the cryptography, for tests: keyrings are names in `keyrings`; a "signature" is a hash
 * of the signer's fingerprint and the text, in a clear-signed armor that domain/provenance reads like a real one.
 */
export const memorySignatory = (keyrings: Readonly<Record<string, ReadonlyArray<MemoryKey>>>): Signatory => ({
  name: 'memory',
  sign: (text, keyName, keyring, passphrase) => async () => {
    const keys = keyrings[keyring]
    if (!keys) return E.left(fileUnreadable(keyring, 'no such file or directory'))
    const key = keys.find((k) => k.userId.includes(keyName))
    if (!key) return E.left(keyNotFound(keyName, keyring))
    if ((key.passphrase ?? '') !== (passphrase ?? ''))
      return E.left(
        signatureInvalid(keyring, `cannot sign with key ${JSON.stringify(keyName)}: incorrect key passphrase`),
      )
    const body = text.endsWith('\n') ? text.slice(0, -1) : text
    return E.right(
      `${BEGIN}\nHash: SHA512\n\n${dashEscape(body)}\n${SIG}\n\nmemory:${key.fingerprint}:${digest(key.fingerprint, body)}\n${END}\n`,
    )
  },
  verify: (prov, provPath, keyring) => async () => {
    const keys = keyrings[keyring]
    if (!keys) return E.left(fileUnreadable(keyring, 'no such file or directory'))
    const text = prov.replace(/\r\n/g, '\n')
    const start = text.indexOf(BEGIN)
    const sig = text.indexOf(`\n${SIG}`)
    const head = text.indexOf('\n\n', start)
    if (start < 0 || sig < 0 || head < 0 || head > sig)
      return E.left(provenanceInvalid(provPath, 'no clear-signed block found'))
    const body = text
      .slice(head + 2, sig)
      .split('\n')
      .map((l) => (l.startsWith('- ') ? l.slice(2) : l))
      .join('\n')
    const m = /\nmemory:([0-9A-F]+):([0-9a-f]{64})\n/.exec(text.slice(sig + 1))
    if (!m) return E.left(signatureInvalid(provPath, 'no signature'))
    const signer = keys.find((k) => k.fingerprint === m[1])
    if (!signer) return E.left(signatureInvalid(provPath, 'no key of the keyring made the signature'))
    if (digest(signer.fingerprint, body) !== m[2]) return E.left(signatureInvalid(provPath, 'signature does not match'))
    return E.right({ signedBy: signer.userId, fingerprint: signer.fingerprint })
  },
})
