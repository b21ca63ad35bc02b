import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { credentialFor, decodeCredentialsFile, type RegistryCredential } from '../../domain/oci/Credentials'
import type { RegistryAuth } from '../../ports/ChartRegistry'
import type { RepoAuth } from '../../ports/ChartRepository'
import type { ClientDeps } from './Deps'

/**
 * The credential Helm 4 sends to `registry`: `--username` and `--password` when both are given, else the one
 * `helm registry login` stored, else Docker's (`dockerConfig`: $DOCKER_CONFIG/config.json or ~/.docker/config.json,
 * oras' fallback store). Left InvalidCredentialsFile for a credentials file that does not read.
 */
export const registryCredential =
  (registry: string, auth: RepoAuth, dockerConfig: string | undefined) =>
  (d: Pick<ClientDeps, 'home' | 'files'>): TE.TaskEither<HelmError, RegistryCredential | undefined> => {
    if (auth.username && auth.password) return TE.right({ username: auth.username, password: auth.password })
    const docker: TE.TaskEither<HelmError, RegistryCredential | undefined> = dockerConfig
      ? pipe(
          d.files.read(dockerConfig),
          TE.map((bytes): Uint8Array | undefined => bytes),
          TE.orElse((e) => (e._tag === 'FileNotFound' ? TE.right(undefined) : TE.left(e))),
          TE.chainEitherKW((bytes) =>
            bytes === undefined
              ? E.right(undefined)
              : pipe(
                  decodeCredentialsFile(dockerConfig, bytes),
                  E.chain((f) => credentialFor(dockerConfig, f, registry)),
                ),
          ),
        )
      : TE.right(undefined)
    return pipe(
      d.home.readRegistryCredentials(),
      TE.chainEitherKW((f) => credentialFor('registry config', f, registry)),
      TE.chain((c) => (c ? TE.right(c) : docker)),
    )
  }

/** The flags and the credential for one registry. */
export const registryAuth =
  (registry: string, auth: RepoAuth, dockerConfig: string | undefined) =>
  (d: Pick<ClientDeps, 'home' | 'files'>): TE.TaskEither<HelmError, RegistryAuth> =>
    pipe(
      registryCredential(registry, auth, dockerConfig)(d),
      TE.map((credential) => ({ ...auth, credential })),
    )
