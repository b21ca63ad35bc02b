import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../domain/errors'

/** Who signed a provenance file: the key's first user id and its fingerprint (upper-case hex). */
export interface Signed {
  readonly signedBy: string
  readonly fingerprint: string
}

/**
 * OpenPGP for provenance files (`.prov`): clear-signing a text and checking a clear-signed one. Keyrings are
 * files (GnuPG's pubring/secring, binary or armored). Errors: FileUnreadable (a keyring), KeyNotFound (no key
 * whose user id contains the name), SignatureInvalid (cannot sign; a bad or unknown signature), ProvenanceInvalid
 * (not a clear-signed message).
 */
export interface Signatory {
  readonly name: string
  /**
   * Clear-signs `text` (armored, LF line endings) with the key of `keyring` whose user id contains `keyName`
   * (unlocked with `passphrase`).
   */
  readonly sign: (
    text: string,
    keyName: string,
    keyring: string,
    passphrase: string | undefined,
  ) => TE.TaskEither<HelmError, string>
  /**
   * Checks that `prov` (a clear-signed message, named `provPath` in errors) carries a good signature by a key of
   * `keyring`; the signed text itself is read by domain/provenance.
   */
  readonly verify: (prov: string, provPath: string, keyring: string) => TE.TaskEither<HelmError, Signed>
}
