import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../domain/errors'

/** Credentials and TLS files for one repository (its repositories.yaml entry, or the command's flags). */
export interface RepoAuth {
  readonly username?: string | undefined
  readonly password?: string | undefined
  readonly caFile?: string | undefined
  readonly certFile?: string | undefined
  readonly keyFile?: string | undefined
  readonly insecureSkipTlsVerify?: boolean | undefined
  /** `--plain-http`: reach an OCI registry over HTTP instead of HTTPS */
  readonly plainHttp?: boolean | undefined
}

/**
 * One transport to chart repositories, chosen by the scheme of a URL: HTTP(S) repositories (an index.yaml
 * beside the archives); an OCI registry (`oci://`) answers `index` with an index built from its tags and `get`
 * with the chart layer; a downloader plugin serves the protocols its plugin.yaml declares. Use cases reach every
 * transport through one router (app/client/Transports), which refuses a scheme nobody serves.
 * Errors: HttpStatus (an answer other than 200), Unreachable (no answer), FileUnreadable (a TLS file), and a
 * transport's own.
 */
export interface ChartRepository {
  readonly name: string
  /** The URL schemes served (`http`, `https`; `oci`; a plugin's protocols). */
  readonly schemes: ReadonlyArray<string>
  /** The repository's index.yaml as served, for the repository at `repoUrl`. */
  readonly index: (repoUrl: string, auth: RepoAuth) => TE.TaskEither<HelmError, Uint8Array>
  /** The bytes at an absolute URL: a chart archive or its `.prov`. */
  readonly get: (url: string, auth: RepoAuth) => TE.TaskEither<HelmError, Uint8Array>
}
