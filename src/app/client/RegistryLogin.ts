import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { message } from '../../domain/errors'
import { withCredential, withoutCredential } from '../../domain/oci/Credentials'
import { loginFailed } from '../../domain/oci/OciError'
import { parseOciReference } from '../../domain/oci/Reference'
import type { RepoAuth } from '../../ports/ChartRepository'
import type { ClientDeps, UseCase } from './Deps'

/** `helm registry login HOST`: the user and password (or token) to check and store, and how to reach the host. */
export interface LoginRequest {
  readonly host: string
  readonly username: string
  readonly password: string
  readonly auth: RepoAuth
}

/**
 * Helm 4's Client.Login: a host with a path is warned about (only the host counts) and refused by the registry
 * name check; the credential is tried on `GET /v2/` and stored (0600, under the host's key) only when the registry
 * accepts it, then "Login Succeeded" goes to `warn` (Helm's registry client writes to stderr). A refused credential
 * stores nothing: Left LoginFailed with the registry's answer.
 */
export const registryLogin =
  (req: LoginRequest): UseCase<Pick<ClientDeps, 'home' | 'registry' | 'warn'>, void> =>
  (d) => {
    if (req.host.includes('/'))
      d.warn(
        `level=WARN msg="registry login currently only supports registry hostname, not a repository path" host=${req.host} suggested=${req.host.split('/')[0] ?? ''}`,
      )
    // oras' NewRegistry: the host alone must read as a registry name
    const checked = parseOciReference(`${req.host}/x`)
    if (E.isLeft(checked) || req.host.includes('/'))
      return TE.left(
        E.isLeft(checked)
          ? checked.left
          : { _tag: 'InvalidOciReference', reason: `invalid registry ${JSON.stringify(req.host)}` },
      )
    const credential = { username: req.username, password: req.password }
    return pipe(
      d.registry.ping(req.host, { ...req.auth, credential }),
      TE.mapLeft((e) => loginFailed(req.host, message(e))),
      TE.chain(() =>
        d.home.updateRegistryCredentials((f) =>
          TE.right([withCredential(f, req.host, credential), undefined] as const),
        ),
      ),
      TE.map(() => d.warn('Login Succeeded')),
    )
  }

/** `helm registry logout HOST`: forgets the stored credential (none stored is fine) and says so, as Helm does. */
export const registryLogout =
  (host: string): UseCase<Pick<ClientDeps, 'home' | 'warn'>, void> =>
  (d) =>
    pipe(
      d.home.updateRegistryCredentials((f) => TE.right([withoutCredential(f, host), undefined] as const)),
      TE.map(() => d.warn(`Removing login credentials for ${host}`)),
    )
