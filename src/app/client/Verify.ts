import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { checkArchiveDigest, clearsignedText, parseProvenanceBody } from '../../domain/provenance/Provenance'
import { sha256Hex } from '../../domain/repo/RepoUrl'
import { splitPath } from '../../domain/path/SafePath'
import type { ClientDeps, UseCase } from './Deps'

/** What a successful verification found (what `helm verify` prints). */
export interface Verification {
  readonly signedBy: string
  readonly fingerprint: string
  readonly hash: string
}

/** An archive and its provenance file, as bytes already at hand (a download) or read from disk. */
export interface Provenanced {
  readonly archiveName: string
  readonly archive: Uint8Array
  readonly prov: Uint8Array
  readonly provPath: string
}

/**
 * Checks a provenance file: a good signature by a key of `keyring`, and the sha256 it names for the archive equal
 * to the archive's. Left FileUnreadable (keyring), ProvenanceInvalid, SignatureInvalid, ChecksumMismatch.
 */
export const verifyProvenance =
  (p: Provenanced, keyring: string): UseCase<Pick<ClientDeps, 'signatory'>, Verification> =>
  (d) => {
    const provText = Buffer.from(p.prov).toString('utf8')
    return pipe(
      d.signatory.verify(provText, p.provPath, keyring),
      TE.chainEitherKW((signed) =>
        pipe(
          clearsignedText(p.provPath, provText),
          E.chain((text) => parseProvenanceBody(p.provPath, text)),
          E.chain((body) => checkArchiveDigest(body, p.archiveName, sha256Hex(p.archive))),
          E.map((hash) => ({ ...signed, hash })),
        ),
      ),
    )
  }

/** `helm verify ARCHIVE`: reads the archive and `<archive>.prov` and checks them against `keyring`. */
export const verifyChart =
  (archivePath: string, keyring: string): UseCase<Pick<ClientDeps, 'files' | 'signatory'>, Verification> =>
  (d) =>
    pipe(
      TE.Do,
      TE.apS('archive', d.files.read(archivePath)),
      TE.apS('prov', d.files.read(`${archivePath}.prov`)),
      TE.chain(({ archive, prov }) =>
        verifyProvenance(
          { archiveName: splitPath(archivePath)[1], archive, prov, provPath: `${archivePath}.prov` },
          keyring,
        )(d),
      ),
    )

/** The lines `helm verify` (and `fetch --verify`) print for a verified chart. */
export const formatVerification = (v: Verification): string =>
  `Signed by: ${v.signedBy}\nUsing Key With Fingerprint: ${v.fingerprint}\nChart Hash Verified: ${v.hash}\n`
