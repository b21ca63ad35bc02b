import { readFile } from 'node:fs/promises'
import * as E from 'fp-ts/Either'
import { fileUnreadable } from '../../domain/GeneralError'
import { keyNotFound, provenanceInvalid, signatureInvalid } from '../../domain/repo/RepoError'
import type { Signatory } from '../../ports/Signatory'

type OpenPgp = typeof import('openpgp')
// openpgp is heavy: loaded on the first signature, never at start-up
const pgp = (): Promise<OpenPgp> => import('openpgp')

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

const isArmored = (bytes: Buffer): boolean => bytes.subarray(0, 64).toString('latin1').includes('-----BEGIN PGP')

/** Public keys of a keyring file, binary (GnuPG's pubring.gpg) or ASCII-armored. */
const readPublicKeys = async (o: OpenPgp, path: string) => {
  const bytes = await readFile(path)
  return isArmored(bytes)
    ? o.readKeys({ armoredKeys: bytes.toString('utf8') })
    : o.readKeys({ binaryKeys: new Uint8Array(bytes) })
}

/** Private keys of a keyring file (GnuPG's secring.gpg, or an armored export). */
const readPrivateKeys = async (o: OpenPgp, path: string) => {
  const bytes = await readFile(path)
  return isArmored(bytes)
    ? o.readPrivateKeys({ armoredKeys: bytes.toString('utf8') })
    : o.readPrivateKeys({ binaryKeys: new Uint8Array(bytes) })
}

/** OpenPGP through openpgp.js, keyrings read from files. */
export const openPgpSignatory = (): Signatory => ({
  name: 'openpgp',
  sign: (text, keyName, keyring, passphrase) => async () => {
    const o = await pgp()
    let keys
    try {
      keys = await readPrivateKeys(o, keyring)
    } catch (err) {
      return E.left(fileUnreadable(keyring, errText(err)))
    }
    const key = keys.find((k) => k.getUserIDs().some((id) => id.includes(keyName)))
    if (!key) return E.left(keyNotFound(keyName, keyring))
    try {
      const signingKey = key.isDecrypted() ? key : await o.decryptKey({ privateKey: key, passphrase: passphrase ?? '' })
      const signed = await o.sign({ message: await o.createCleartextMessage({ text }), signingKeys: signingKey })
      // openpgp.js armors with CRLF; Helm (Go) writes LF, and clear-signed text is verified line-ending-insensitively
      return E.right(signed.replace(/\r\n/g, '\n'))
    } catch (err) {
      return E.left(signatureInvalid(keyring, `cannot sign with key ${JSON.stringify(keyName)}: ${errText(err)}`))
    }
  },
  verify: (prov, provPath, keyring) => async () => {
    const o = await pgp()
    let keys
    try {
      keys = await readPublicKeys(o, keyring)
    } catch (err) {
      return E.left(fileUnreadable(keyring, errText(err)))
    }
    let message
    try {
      message = await o.readCleartextMessage({ cleartextMessage: prov })
    } catch (err) {
      return E.left(provenanceInvalid(provPath, errText(err)))
    }
    try {
      const result = await o.verify({ message, verificationKeys: keys, expectSigned: true })
      const sig = result.signatures[0]
      if (!sig) return E.left(signatureInvalid(provPath, 'no signature'))
      await sig.verified
      const signer = keys.find((k) => k.getKeyIDs().some((id) => id.equals(sig.keyID)))
      if (!signer) return E.left(signatureInvalid(provPath, 'no key of the keyring made the signature'))
      return E.right({
        signedBy: signer.getUserIDs()[0] ?? '',
        fingerprint: signer.getFingerprint().toUpperCase(),
      })
    } catch (err) {
      return E.left(signatureInvalid(provPath, errText(err)))
    }
  },
})
