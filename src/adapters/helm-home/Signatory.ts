import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { Metadata } from '../../domain/chart/Chart'
import type { HelmError } from '../../domain/errors'
import { fileUnreadable } from '../../domain/GeneralError'
import {
  checkArchiveDigest,
  clearsignedText,
  parseProvenanceBody,
  provenanceMessage,
} from '../../domain/provenance/Provenance'
import { keyNotFound, provenanceInvalid, signatureInvalid } from '../../domain/repo/RepoError'
import { writeFileAtomic } from '../fs/AtomicFile'
import { sha256Hex } from './RepoIndexer'

type OpenPgp = typeof import('openpgp')
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

/** The default keyring, as Helm: ~/.gnupg/pubring.gpg. */
export const defaultKeyring = (homeDir: string): string => `${homeDir}/.gnupg/pubring.gpg`

/**
 * Writes `<archive>.prov`: the chart metadata and the archive's sha256, clear-signed with the key of
 * `keyring` whose user id contains `keyName` (decrypted with `passphrase` when protected).
 * Returns the .prov path. Left KeyNotFound, FileUnreadable, SignatureInvalid (cannot sign), FileUnwritable.
 */
export const signArchive =
  (
    archivePath: string,
    metadata: Metadata,
    keyName: string,
    keyring: string,
    passphrase?: string,
  ): TE.TaskEither<HelmError, string> =>
  async () => {
    const o = await pgp()
    let keys
    try {
      keys = await readPrivateKeys(o, keyring)
    } catch (err) {
      return E.left(fileUnreadable(keyring, errText(err)))
    }
    const matching = keys.filter((k) => k.getUserIDs().some((id) => id.includes(keyName)))
    const key = matching[0]
    if (!key) return E.left(keyNotFound(keyName, keyring))
    let archive: Buffer
    try {
      archive = await readFile(archivePath)
    } catch (err) {
      return E.left(fileUnreadable(archivePath, errText(err)))
    }
    const text = provenanceMessage(metadata, basename(archivePath), sha256Hex(archive))
    let signed: string
    try {
      const signingKey = key.isDecrypted() ? key : await o.decryptKey({ privateKey: key, passphrase: passphrase ?? '' })
      signed = await o.sign({ message: await o.createCleartextMessage({ text }), signingKeys: signingKey })
    } catch (err) {
      return E.left(signatureInvalid(keyring, `cannot sign with key ${JSON.stringify(keyName)}: ${errText(err)}`))
    }
    const out = `${archivePath}.prov`
    // openpgp.js armors with CRLF; Helm (Go) writes LF, and clear-signed text is verified line-ending-insensitively
    const w = await writeFileAtomic(out, signed.replace(/\r\n/g, '\n'))()
    return E.isLeft(w) ? w : E.right(out)
  }

/** What a successful verification found. */
export interface Verification {
  readonly signedBy: string
  readonly fingerprint: string
  readonly hash: string
}

/**
 * Verifies `<archive>.prov` (or `provPath`) against `keyring`: a good signature by a key of the keyring,
 * and the sha256 it names for the archive equal to the archive's. Left FileUnreadable, ProvenanceInvalid,
 * SignatureInvalid, ChecksumMismatch.
 */
export const verifyArchive =
  (archivePath: string, keyring: string, provPath = `${archivePath}.prov`): TE.TaskEither<HelmError, Verification> =>
  async () => {
    const read = async (p: string) =>
      readFile(p).then(
        (b) => E.right(b),
        (err) => E.left(fileUnreadable(p, errText(err))),
      )
    const archive = await read(archivePath)
    if (E.isLeft(archive)) return archive
    const prov = await read(provPath)
    if (E.isLeft(prov)) return prov
    const o = await pgp()
    let keys
    try {
      keys = await readPublicKeys(o, keyring)
    } catch (err) {
      return E.left(fileUnreadable(keyring, errText(err)))
    }
    const provText = prov.right.toString('utf8')
    let message
    try {
      message = await o.readCleartextMessage({ cleartextMessage: provText })
    } catch (err) {
      return E.left(provenanceInvalid(provPath, errText(err)))
    }
    let signer
    try {
      const result = await o.verify({ message, verificationKeys: keys, expectSigned: true })
      const sig = result.signatures[0]
      if (!sig) return E.left(signatureInvalid(provPath, 'no signature'))
      await sig.verified
      signer = keys.find((k) => k.getKeyIDs().some((id) => id.equals(sig.keyID)))
    } catch (err) {
      return E.left(signatureInvalid(provPath, errText(err)))
    }
    if (!signer) return E.left(signatureInvalid(provPath, 'no key of the keyring made the signature'))
    const text = clearsignedText(provPath, provText)
    if (E.isLeft(text)) return text
    const body = parseProvenanceBody(provPath, text.right)
    if (E.isLeft(body)) return body
    const hash = checkArchiveDigest(body.right, basename(archivePath), sha256Hex(archive.right))
    if (E.isLeft(hash)) return hash
    return E.right({
      signedBy: signer.getUserIDs()[0] ?? '',
      fingerprint: signer.getFingerprint().toUpperCase(),
      hash: hash.right,
    })
  }

/** The lines `helm verify` prints for a verified chart. */
export const formatVerification = (v: Verification): string =>
  `Signed by: ${v.signedBy}\nUsing Key With Fingerprint: ${v.fingerprint}\nChart Hash Verified: ${v.hash}\n`
