import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../domain/errors'
import type { RegistryCredential } from '../domain/oci/Credentials'
import type { Blob, Descriptor } from '../domain/oci/Manifest'
import type { OciReference } from '../domain/oci/Reference'
import type { RepoAuth } from './ChartRepository'

/** How to reach a registry: its credential (if any), TLS files, and `plainHttp` (`--plain-http`: no TLS). */
export interface RegistryAuth extends RepoAuth {
  readonly credential?: RegistryCredential | undefined
  readonly plainHttp?: boolean | undefined
}

/** A manifest as a registry served it: its bytes, Content-Type and sha256 digest. */
export interface FetchedManifest {
  readonly bytes: Uint8Array
  readonly contentType: string
  readonly digest: string
}

/**
 * An OCI distribution registry (the distribution spec's pull, push, tag listing and the `/v2/` check), behind
 * which `oci://` chart repositories live. Every call negotiates authentication as oras-go does: anonymous first,
 * then the scheme the registry's `WWW-Authenticate` challenge asks for (Basic with the credential, or a Bearer
 * token from the challenge's realm, for the scope of the operation). Answers are bounded in size, and content is
 * checked against its digest before it is returned.
 * Errors: RegistryStatus (an error answer, with the registry's error codes), OciNotFound (no such manifest or
 * repository), BlobDigestMismatch, RegistryTooLarge, InvalidManifest, TokenFailed, Unreachable, FileUnreadable
 * (a TLS file).
 */
export interface ChartRegistry {
  readonly name: string
  /** `GET /v2/` with the credential: Right when the registry accepts it (`helm registry login`). */
  readonly ping: (registry: string, auth: RegistryAuth) => TE.TaskEither<HelmError, void>
  /** Every tag of the repository, all pages followed, as the registry lists them. */
  readonly tags: (ref: OciReference, auth: RegistryAuth) => TE.TaskEither<HelmError, ReadonlyArray<string>>
  /** The manifest at the reference's digest (checked) or tag; at most 4 MiB. */
  readonly manifest: (ref: OciReference, auth: RegistryAuth) => TE.TaskEither<HelmError, FetchedManifest>
  /** The blob a descriptor names, of exactly its size and digest. */
  readonly blob: (ref: OciReference, d: Descriptor, auth: RegistryAuth) => TE.TaskEither<HelmError, Uint8Array>
  /**
   * Uploads the blobs the registry lacks, then the manifest under the reference's tag (image manifest media type).
   * Returns the manifest's digest.
   */
  readonly push: (
    ref: OciReference,
    blobs: ReadonlyArray<Blob>,
    manifest: Uint8Array,
    auth: RegistryAuth,
  ) => TE.TaskEither<HelmError, string>
}
