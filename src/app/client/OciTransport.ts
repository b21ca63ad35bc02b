import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { parseOciReference, repositoryOf } from '../../domain/oci/Reference'
import { chartVersionsOfTags } from '../../domain/oci/Tags'
import type { ChartRegistry } from '../../ports/ChartRegistry'
import type { ChartRepository } from '../../ports/ChartRepository'
import type { ClientDeps } from './Deps'
import { pullArtifact } from './OciPull'
import { registryAuth } from './RegistryCredentials'

/** Where the OCI transport finds what it needs: the registry, the credentials stores, and stderr for its lines. */
export type OciTransportDeps = Pick<ClientDeps, 'home' | 'files' | 'warn'> & { readonly registry: ChartRegistry }

/**
 * `oci://` references as a chart repository (Helm 4's OCI getter): `get` of `oci://REGISTRY/REPO:TAG` answers the
 * chart layer (`…:TAG.prov` its provenance layer), printing Helm's `Pulled:`/`Digest:` lines; `index` of
 * `oci://REGISTRY/REPO` answers an index.yaml listing the versions its tags stand for (strict semantic versions,
 * newest first), each at `oci://REGISTRY/REPO:VERSION`. Credentials: the flags', else the stored ones.
 */
export const ociTransport = (d: OciTransportDeps, dockerConfig: string | undefined): ChartRepository => ({
  name: 'oci',
  schemes: ['oci'],
  index: (url, auth) =>
    pipe(
      TE.fromEither(parseOciReference(url)),
      TE.bindTo('ref'),
      TE.bind('auth', ({ ref }) => registryAuth(ref.registry, auth, dockerConfig)(d)),
      TE.chain(({ ref, auth }) =>
        pipe(
          d.registry.tags(ref, auth),
          TE.map((tags) => {
            const name = ref.repository.slice(ref.repository.lastIndexOf('/') + 1)
            const versions = chartVersionsOfTags(tags).map((version) => ({
              name,
              version,
              urls: [`oci://${repositoryOf(ref)}:${version}`],
            }))
            const doc = { apiVersion: 'v1', entries: versions.length > 0 ? { [name]: versions } : {} }
            return new TextEncoder().encode(JSON.stringify(doc))
          }),
        ),
      ),
    ),
  get: (url, auth) => {
    const prov = url.endsWith('.prov')
    return pipe(
      TE.fromEither(parseOciReference(prov ? url.slice(0, -'.prov'.length) : url)),
      TE.bindTo('ref'),
      TE.bind('auth', ({ ref }) => registryAuth(ref.registry, auth, dockerConfig)(d)),
      TE.chain(({ ref, auth }) => pullArtifact(d.registry, ref, { chart: !prov, prov }, auth, d.warn)),
      // pullArtifact answers every layer it was asked for
      TE.map((p) => (prov ? p.prov : p.chart) ?? new Uint8Array()),
    )
  },
})
