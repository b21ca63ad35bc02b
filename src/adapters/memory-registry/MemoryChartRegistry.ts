import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { digestOf, MediaTypes } from '../../domain/oci/Manifest'
import { blobDigestMismatch, ociNotFound, registryStatus, registryTooLarge } from '../../domain/oci/OciError'
import { type OciReference, referenceString, repositoryOf } from '../../domain/oci/Reference'
import type { ChartRegistry, RegistryAuth } from '../../ports/ChartRegistry'

interface Repository {
  readonly manifests: Map<string, Uint8Array>
  readonly tags: Map<string, string>
}

/** An in-memory registry, with a hook to corrupt stored content and the operations it served. */
export interface MemoryChartRegistry extends ChartRegistry {
  /** Replaces the stored bytes of a blob (a registry serving content that does not match its digest). */
  readonly tamper: (digest: string, bytes: Uint8Array) => void
  readonly requests: () => ReadonlyArray<{ readonly op: string; readonly ref: string; readonly auth: RegistryAuth }>
}

const MAX_MANIFEST = 4 * 1024 * 1024

/**
 * Registries in memory: content by digest, manifests and tags per repository. With `users`, every call needs the
 * credential of one of them (else 401 as a registry answers it).
 */
export const memoryChartRegistry = (users?: Readonly<Record<string, string>>): MemoryChartRegistry => {
  const repos = new Map<string, Repository>()
  const blobs = new Map<string, Uint8Array>()
  const seen: Array<{ op: string; ref: string; auth: RegistryAuth }> = []
  const repoOf = (ref: OciReference, make: boolean): Repository | undefined => {
    const key = repositoryOf(ref)
    let r = repos.get(key)
    if (!r && make) {
      r = { manifests: new Map(), tags: new Map() }
      repos.set(key, r)
    }
    return r
  }
  const url = (registry: string, path: string) => `https://${registry}/v2/${path}`
  const allowed = (auth: RegistryAuth): boolean => {
    if (!users) return true
    const c = auth.credential
    return c?.username !== undefined && users[c.username] === c.password
  }
  const guard = <A>(
    op: string,
    ref: string,
    method: string,
    at: string,
    auth: RegistryAuth,
    run: () => TE.TaskEither<HelmError, A>,
  ): TE.TaskEither<HelmError, A> => {
    seen.push({ op, ref, auth })
    return allowed(auth) ? run() : TE.left(registryStatus(method, at, 401, 'unauthorized: authentication required'))
  }
  return {
    name: 'memory',
    ping: (registry, auth) => guard('ping', registry, 'GET', url(registry, ''), auth, () => TE.right(undefined)),
    tags: (ref, auth) =>
      guard('tags', repositoryOf(ref), 'GET', url(ref.registry, `${ref.repository}/tags/list`), auth, () => {
        const r = repoOf(ref, false)
        return r
          ? TE.right([...r.tags.keys()].sort())
          : TE.left(
              registryStatus(
                'GET',
                url(ref.registry, `${ref.repository}/tags/list`),
                404,
                `name unknown: repository name not known to registry: map[name:${ref.repository}]`,
              ),
            )
      }),
    manifest: (ref, auth) =>
      guard('manifest', referenceString(ref), 'GET', url(ref.registry, `${ref.repository}/manifests`), auth, () => {
        const r = repoOf(ref, false)
        const digest = ref.digest !== '' ? ref.digest : r?.tags.get(ref.tag)
        const bytes = digest ? r?.manifests.get(digest) : undefined
        if (!bytes || !digest) return TE.left(ociNotFound(referenceString(ref)))
        const actual = digestOf(bytes)
        return actual === digest
          ? TE.right({ bytes: new Uint8Array(bytes), contentType: MediaTypes.manifest, digest })
          : TE.left(blobDigestMismatch(digest, actual))
      }),
    blob: (ref, d, auth) =>
      guard('blob', d.digest, 'GET', url(ref.registry, `${ref.repository}/blobs/${d.digest}`), auth, () => {
        const bytes = blobs.get(d.digest)
        if (!bytes) return TE.left(ociNotFound(d.digest))
        if (bytes.length > d.size) return TE.left(registryTooLarge(d.digest, d.size))
        const actual = digestOf(bytes)
        return actual === d.digest && bytes.length === d.size
          ? TE.right(new Uint8Array(bytes))
          : TE.left(blobDigestMismatch(d.digest, actual))
      }),
    push: (ref, pushed, manifest, auth) =>
      guard('push', referenceString(ref), 'POST', url(ref.registry, `${ref.repository}/blobs/uploads/`), auth, () => {
        for (const b of pushed) {
          if (digestOf(b.bytes) !== b.digest)
            return TE.left(
              registryStatus('PUT', url(ref.registry, `${ref.repository}/blobs/uploads/`), 400, 'digest invalid'),
            )
          if (!blobs.has(b.digest)) blobs.set(b.digest, new Uint8Array(b.bytes))
        }
        if (manifest.length > MAX_MANIFEST) return TE.left(registryTooLarge('manifest', MAX_MANIFEST))
        const digest = digestOf(manifest)
        const r = repoOf(ref, true) as Repository
        r.manifests.set(digest, new Uint8Array(manifest))
        r.tags.set(ref.tag, digest)
        return TE.right(digest)
      }),
    tamper: (digest, bytes) => {
      if (blobs.has(digest)) blobs.set(digest, new Uint8Array(bytes))
      for (const r of repos.values()) if (r.manifests.has(digest)) r.manifests.set(digest, new Uint8Array(bytes))
    },
    requests: () => [...seen],
  }
}
