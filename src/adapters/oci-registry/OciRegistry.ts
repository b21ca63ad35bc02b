import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { repositoryScope } from '../../domain/oci/Challenge'
import { digestOf, MediaTypes, manifestAccept } from '../../domain/oci/Manifest'
import { blobDigestMismatch, invalidManifest, ociNotFound, registryTooLarge } from '../../domain/oci/OciError'
import { manifestReference, type OciReference, referenceString } from '../../domain/oci/Reference'
import type { ChartRegistry, RegistryAuth } from '../../ports/ChartRegistry'
import { authClient } from './Auth'
import { errorResponse, type Progress, type Response } from './Http'

/** oras-go's default limit on manifests and other metadata answers. */
const MAX_METADATA_BYTES = 4 * 1024 * 1024
const MAX_TAG_PAGES = 1000

const baseUrl = (registry: string, auth: RegistryAuth): string => `${auth.plainHttp ? 'http' : 'https'}://${registry}`
const repoUrl = (ref: OciReference, auth: RegistryAuth, rest: string): URL =>
  new URL(`${baseUrl(ref.registry, auth)}/v2/${ref.repository}/${rest}`)
const header = (res: Response, name: string): string => {
  const v = res.headers[name]
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
}

/** The next page of a tag list (`Link: </v2/...?last=x>; rel="next"`), resolved against the request. */
const nextPage = (res: Response, url: URL): URL | undefined => {
  const link = /<([^>]*)>\s*;\s*rel="?next"?/.exec(header(res, 'link'))
  return link?.[1] ? new URL(link[1], url) : undefined
}

/**
 * The distribution-spec client of `helm`: https by default, plain HTTP with `plainHttp`, the auth's TLS files;
 * manifests bounded at 4 MiB, blobs at their declared size and checked against their digest.
 */
export const ociRegistry = (opts: { readonly progress?: Progress } = {}): ChartRegistry => {
  const send = authClient(opts.progress)
  const pull = (ref: OciReference) => [repositoryScope(ref.repository, false)]
  return {
    name: 'oci',
    // Helm 4's Client.Login: a ping with an OAuth2 password grant forced, then once more without it
    ping: (registry, auth) => async () => {
      const url = new URL(`${baseUrl(registry, auth)}/v2/`)
      const once = async (forceOAuth2: boolean): Promise<E.Either<HelmError, void>> => {
        const res = await send({ method: 'GET', url, headers: {}, maxBytes: MAX_METADATA_BYTES }, [], auth, forceOAuth2)
        if (E.isLeft(res)) return res
        if (res.right.status === 200) return E.right(undefined)
        return E.left(res.right.status === 404 ? ociNotFound(registry) : errorResponse('GET', url, res.right))
      }
      const forced = await once(true)
      return E.isRight(forced) ? forced : once(false)
    },
    tags: (ref, auth) => async () => {
      const tags: string[] = []
      let url: URL | undefined = repoUrl(ref, auth, 'tags/list')
      for (let page = 0; url && page < MAX_TAG_PAGES; page++) {
        const res = await send({ method: 'GET', url, headers: {}, maxBytes: MAX_METADATA_BYTES }, pull(ref), auth)
        if (E.isLeft(res)) return res
        if (res.right.status !== 200) return E.left(errorResponse('GET', url, res.right))
        try {
          const doc = JSON.parse(res.right.body.toString('utf8')) as { tags?: unknown }
          if (Array.isArray(doc.tags)) for (const t of doc.tags) if (typeof t === 'string') tags.push(t)
        } catch (err) {
          return E.left(invalidManifest(`${ref.registry}/${ref.repository}`, `tag list: ${String(err)}`))
        }
        url = nextPage(res.right, url)
      }
      return E.right(tags)
    },
    manifest: (ref, auth) => async () => {
      const url = repoUrl(ref, auth, `manifests/${manifestReference(ref)}`)
      const res = await send(
        { method: 'GET', url, headers: { Accept: manifestAccept }, maxBytes: MAX_METADATA_BYTES },
        pull(ref),
        auth,
      )
      if (E.isLeft(res)) return res
      if (res.right.status === 404) return E.left(ociNotFound(referenceString(ref)))
      if (res.right.status !== 200) return E.left(errorResponse('GET', url, res.right))
      const bytes = new Uint8Array(res.right.body)
      const digest = digestOf(bytes)
      const claimed = header(res.right, 'docker-content-digest')
      if (ref.digest !== '' && ref.digest !== digest) return E.left(blobDigestMismatch(ref.digest, digest))
      if (claimed.startsWith('sha256:') && claimed !== digest) return E.left(blobDigestMismatch(claimed, digest))
      return E.right({ bytes, contentType: header(res.right, 'content-type'), digest })
    },
    blob: (ref, d, auth) => async () => {
      const url = repoUrl(ref, auth, `blobs/${d.digest}`)
      const res = await send({ method: 'GET', url, headers: {}, maxBytes: d.size }, pull(ref), auth)
      if (E.isLeft(res)) return res.left._tag === 'RegistryTooLarge' ? E.left(registryTooLarge(d.digest, d.size)) : res
      if (res.right.status === 404) return E.left(ociNotFound(d.digest))
      if (res.right.status !== 200) return E.left(errorResponse('GET', url, res.right))
      const bytes = new Uint8Array(res.right.body)
      const digest = digestOf(bytes)
      return digest === d.digest && bytes.length === d.size
        ? E.right(bytes)
        : E.left(blobDigestMismatch(d.digest, digest))
    },
    push:
      (ref, blobs, manifest, auth): TE.TaskEither<HelmError, string> =>
      async () => {
        const scopes = [repositoryScope(ref.repository, true)]
        const small = { headers: {}, maxBytes: MAX_METADATA_BYTES }
        for (const b of blobs) {
          const head = repoUrl(ref, auth, `blobs/${b.digest}`)
          const exists = await send({ method: 'HEAD', url: head, ...small }, scopes, auth)
          if (E.isLeft(exists)) return exists
          if (exists.right.status === 200) continue
          const start = repoUrl(ref, auth, 'blobs/uploads/')
          const begun = await send({ method: 'POST', url: start, ...small }, scopes, auth)
          if (E.isLeft(begun)) return begun
          if (begun.right.status !== 202) return E.left(errorResponse('POST', start, begun.right))
          const put = new URL(header(begun.right, 'location'), start)
          put.searchParams.set('digest', b.digest)
          const done = await send(
            {
              method: 'PUT',
              url: put,
              headers: { 'Content-Type': 'application/octet-stream' },
              body: b.bytes,
              maxBytes: MAX_METADATA_BYTES,
            },
            scopes,
            auth,
          )
          if (E.isLeft(done)) return done
          if (done.right.status !== 201) return E.left(errorResponse('PUT', put, done.right))
        }
        const url = repoUrl(ref, auth, `manifests/${ref.tag}`)
        const res = await send(
          {
            method: 'PUT',
            url,
            headers: { 'Content-Type': MediaTypes.manifest },
            body: manifest,
            maxBytes: MAX_METADATA_BYTES,
          },
          scopes,
          auth,
        )
        if (E.isLeft(res)) return res
        if (res.right.status !== 201) return E.left(errorResponse('PUT', url, res.right))
        return E.right(digestOf(manifest))
      },
  }
}
