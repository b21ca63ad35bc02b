// Release records kept in Kubernetes objects (ConfigMaps or Secrets), Helm v2's layout: one object
// `NAME.vN` per revision in Tiller's namespace, labels NAME / OWNER=TILLER / STATUS / VERSION plus
// CREATED_AT or MODIFIED_AT, `data.release` = the encoded release.
// Beyond Helm: a release whose encoding exceeds one object's budget is split into chunk objects written
// FIRST, then the head object (which lists them with a digest) is written LAST, so a half-written split
// has no head and is never read as a release. Updates carry the head's resourceVersion (optimistic
// concurrency); chunks of a replaced or deleted revision are removed afterwards.
import { createHash, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { decodeRelease, encodeRelease } from '../../domain/release/Codec'
import { type Release, releaseLabels, type StatusCode } from '../../domain/release/Release'
import {
  releaseConflict,
  releaseCorrupt,
  releaseExists,
  releaseNotFound,
  storeUnavailable,
  type StoreError,
} from '../../domain/release/StoreError'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import { statusOf } from '../k8s/Errors'
import { TransportError, type Rest, type RestResponse } from '../k8s/Rest'

/** How one object kind holds a string in `data`. */
export interface Flavor {
  readonly kind: 'ConfigMap' | 'Secret'
  readonly resource: 'configmaps' | 'secrets'
  readonly encode: (s: string) => string
  readonly decode: (s: string) => string
  /** Fields every object of this flavor carries (a Secret's `type`). */
  readonly extra: Readonly<Record<string, unknown>>
}

export interface ObjectStoreOptions {
  /** Largest encoded-release slice per object (default 900,000 characters, under the 1 MiB data limit). */
  readonly chunkChars?: number
  /** The name the store reports (`configmap`, `secret`). */
  readonly name?: string
}

type Obj = {
  metadata: { name: string; resourceVersion?: string; labels?: Record<string, string> }
  data?: Record<string, string>
}
type Result<A> = Promise<E.Either<StoreError, A>>

const OWNER = 'TILLER'
const CHUNK_OWNER = 'TILLER-CHUNK'
const ok = (r: RestResponse): boolean => r.status >= 200 && r.status < 300
const unavailable = (r: RestResponse): StoreError => storeUnavailable(statusOf(r).message)
const seconds = (): string => String(Math.floor(Date.now() / 1000))
const digestOf = (s: string): string => createHash('sha256').update(s).digest('hex')

/** A ReleaseStore on objects of `flavor` in `namespace`. */
export const objectStore = (
  flavor: Flavor,
  rest: Rest,
  namespace: string,
  opts: ObjectStoreOptions = {},
): ReleaseStore => {
  const chunkChars = opts.chunkChars ?? 900_000
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/${flavor.resource}`
  const at = (name: string): string => `${base}/${encodeURIComponent(name)}`
  const chunkName = (key: string, nonce: string, i: number): string => `${key}.part-${nonce}-${i}`

  const run =
    <A>(f: () => Result<A>): TE.TaskEither<StoreError, A> =>
    () =>
      f().catch((e: unknown) =>
        E.left(storeUnavailable(e instanceof TransportError ? e.message : String((e as Error)?.message ?? e))),
      )

  const read = async (name: string): Promise<Obj | undefined | RestResponse> => {
    const r = await rest.request({ method: 'GET', path: at(name) })
    if (r.status === 404) return undefined
    return ok(r) ? (JSON.parse(r.text) as Obj) : r
  }

  /** The encoded release a head object holds, its chunks joined and checked. */
  const payload = async (head: Obj): Result<string> => {
    const data = head.data ?? {}
    if (data.release !== undefined) return E.right(flavor.decode(data.release))
    const n = Number(flavor.decode(data.chunks ?? ''))
    const nonce = flavor.decode(data.nonce ?? '')
    const digest = flavor.decode(data.digest ?? '')
    if (!Number.isInteger(n) || n < 1 || !nonce) return E.left(releaseCorrupt(`${head.metadata.name}: no release data`))
    const parts: string[] = []
    for (let i = 1; i <= n; i++) {
      const c = await read(chunkName(head.metadata.name, nonce, i))
      if (c === undefined) return E.left(releaseCorrupt(`${head.metadata.name}: chunk ${i} of ${n} is missing`))
      if (!('metadata' in c)) return E.left(unavailable(c))
      parts.push(flavor.decode(c.data?.part ?? ''))
    }
    const joined = parts.join('')
    return digestOf(joined) === digest
      ? E.right(joined)
      : E.left(releaseCorrupt(`${head.metadata.name}: chunk digest mismatch`))
  }

  // A writer replacing a split release removes the old chunks after switching the head: a reader that
  // finds a chunk gone re-reads the head and follows it when it has moved on.
  const decodeHead = async (head: Obj): Result<Release> => {
    let h = head
    for (let attempt = 0; ; attempt++) {
      const p = await payload(h)
      if (E.isRight(p)) return decodeRelease(p.right)
      if (p.left._tag !== 'ReleaseCorrupt' || attempt >= 3) return p
      const again = await read(h.metadata.name)
      if (again === undefined) return E.left(releaseNotFound(h.metadata.name))
      if (!('metadata' in again)) return E.left(unavailable(again))
      if (again.metadata.resourceVersion === h.metadata.resourceVersion) return p
      h = again
    }
  }

  /** Removes chunk objects of `key` whose nonce `which` picks (best effort: leftovers are never read). */
  const removeChunks = async (key: string, which: (nonce: string | undefined) => boolean): Promise<void> => {
    const r = await rest
      .request({ method: 'GET', path: base, query: { labelSelector: `OWNER=${CHUNK_OWNER},CHUNK_OF=${key}` } })
      .catch(() => undefined)
    if (!r || !ok(r)) return
    for (const c of (JSON.parse(r.text) as { items: Obj[] }).items ?? [])
      if (which(c.metadata.labels?.NONCE))
        await rest.request({ method: 'DELETE', path: at(c.metadata.name) }).catch(() => undefined)
  }
  const only = (nonce: string) => (n: string | undefined) => n === nonce

  /** Writes the chunks of an oversized payload; returns the head's data, or the failure. */
  const writePayload = async (key: string, rls: Release): Result<{ data: Record<string, string>; nonce?: string }> => {
    const encoded = encodeRelease(rls)
    if (encoded.length <= chunkChars) return E.right({ data: { release: flavor.encode(encoded) } })
    const nonce = randomBytes(4).toString('hex')
    const n = Math.ceil(encoded.length / chunkChars)
    for (let i = 1; i <= n; i++) {
      const r = await rest.request({
        method: 'POST',
        path: base,
        body: {
          apiVersion: 'v1',
          kind: flavor.kind,
          ...flavor.extra,
          metadata: {
            name: chunkName(key, nonce, i),
            labels: { NAME: rls.name, OWNER: CHUNK_OWNER, CHUNK_OF: key, NONCE: nonce },
          },
          data: { part: flavor.encode(encoded.slice((i - 1) * chunkChars, i * chunkChars)) },
        },
      })
      if (!ok(r)) {
        await removeChunks(key, only(nonce))
        return E.left(unavailable(r))
      }
    }
    const data = { chunks: String(n), nonce, digest: digestOf(encoded) }
    return E.right({ data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, flavor.encode(v)])), nonce })
  }

  const headBody = (
    key: string,
    rls: Release,
    data: Record<string, string>,
    stamp: Record<string, string>,
    rv?: string,
  ) => ({
    apiVersion: 'v1',
    kind: flavor.kind,
    ...flavor.extra,
    metadata: { name: key, labels: { ...releaseLabels(rls), OWNER, ...stamp }, ...(rv ? { resourceVersion: rv } : {}) },
    data,
  })

  const listHeads = async (selector: string): Result<Obj[]> => {
    const out: Obj[] = []
    let cont: string | undefined
    do {
      const r = await rest.request({
        method: 'GET',
        path: base,
        query: { labelSelector: selector, limit: '1000', continue: cont },
      })
      if (!ok(r)) return E.left(unavailable(r))
      const doc = JSON.parse(r.text) as { items?: Obj[]; metadata?: { continue?: string } }
      out.push(...(doc.items ?? []))
      cont = doc.metadata?.continue || undefined
    } while (cont)
    return E.right(out)
  }

  // Helm v2's drivers skip a record that does not decode ("list: failed to decode release") rather than
  // failing the whole listing; `get` of that key still reports ReleaseCorrupt
  const decodeAll = async (heads: Obj[]): Result<Release[]> => {
    const out: Release[] = []
    for (const h of heads) {
      const r = await decodeHead(h)
      if (E.isRight(r)) out.push(r.right)
      else if (r.left._tag !== 'ReleaseCorrupt') return r
    }
    return E.right(out)
  }

  const update = async (key: string, rls: Release, expected: StatusCode | undefined): Result<void> => {
    for (let attempt = 0; ; attempt++) {
      const head = await read(key)
      if (head === undefined) return E.left(releaseNotFound(key))
      if (!('metadata' in head)) return E.left(unavailable(head))
      const actual = head.metadata.labels?.STATUS as StatusCode | undefined
      if (expected !== undefined && actual !== expected)
        return E.left(releaseConflict(key, expected, actual ?? 'UNKNOWN'))
      const written = await writePayload(key, rls)
      if (E.isLeft(written)) return written
      const r = await rest.request({
        method: 'PUT',
        path: at(key),
        body: headBody(key, rls, written.right.data, { MODIFIED_AT: seconds() }, head.metadata.resourceVersion),
      })
      const nonce = written.right.nonce
      if (ok(r)) {
        await removeChunks(key, (n) => n !== nonce)
        return E.right(undefined)
      }
      if (nonce) await removeChunks(key, only(nonce))
      if (r.status === 404) return E.left(releaseNotFound(key))
      if (r.status !== 409) return E.left(unavailable(r))
      // someone wrote in between: a writer holding an expectation lost; an unconditional one tries again
      if (expected !== undefined || attempt >= 5) {
        const now = await read(key)
        const status =
          now && 'metadata' in now ? ((now.metadata.labels?.STATUS as StatusCode | undefined) ?? 'UNKNOWN') : 'UNKNOWN'
        return E.left(releaseConflict(key, expected ?? status, status))
      }
    }
  }

  return {
    name: opts.name ?? flavor.resource.replace(/s$/, ''),
    get: (key) =>
      run(async () => {
        const head = await read(key)
        if (head === undefined) return E.left(releaseNotFound(key))
        if (!('metadata' in head)) return E.left(unavailable(head))
        return decodeHead(head)
      }),
    list: (keep) =>
      run(async () => {
        const heads = await listHeads(`OWNER=${OWNER}`)
        if (E.isLeft(heads)) return heads
        const all = await decodeAll(heads.right)
        return E.isLeft(all) ? all : E.right(all.right.filter(keep))
      }),
    query: (labels) =>
      run(async () => {
        const selector = Object.entries({ OWNER, ...labels })
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
        const heads = await listHeads(selector)
        return E.isLeft(heads) ? heads : decodeAll(heads.right)
      }),
    create: (key, rls) =>
      run(async () => {
        const written = await writePayload(key, rls)
        if (E.isLeft(written)) return written
        const r = await rest.request({
          method: 'POST',
          path: base,
          body: headBody(key, rls, written.right.data, { CREATED_AT: seconds() }),
        })
        if (ok(r)) return E.right(undefined)
        const nonce = written.right.nonce
        if (nonce) await removeChunks(key, only(nonce))
        if (r.status === 409) return E.left(releaseExists(key))
        return E.left(unavailable(r))
      }),
    update: (key, rls, expected) => run(() => update(key, rls, expected)),
    delete: (key) =>
      run(async () => {
        // the record returned is the one deleted: the DELETE is conditional on the resourceVersion read
        for (let attempt = 0; ; attempt++) {
          const head = await read(key)
          if (head === undefined) return E.left(releaseNotFound(key))
          if (!('metadata' in head)) return E.left(unavailable(head))
          const rls = await decodeHead(head)
          if (E.isLeft(rls)) return rls
          const r = await rest.request({
            method: 'DELETE',
            path: at(key),
            body: {
              kind: 'DeleteOptions',
              apiVersion: 'v1',
              preconditions: { resourceVersion: head.metadata.resourceVersion },
            },
          })
          if (r.status === 404) return E.left(releaseNotFound(key))
          if (r.status === 409 && attempt < 3) continue
          if (!ok(r)) return E.left(unavailable(r))
          await removeChunks(key, () => true)
          return E.right(rls.right)
        }
      }),
  }
}
