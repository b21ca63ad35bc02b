// Release records kept in namespaced API objects (ConfigMaps or Secrets): the mechanics every storage layout
// shares, on the NamespacedObjects port. A layout (Helm v2's ConfigMap or Secret driver, later Helm 3's)
// says how a record is named, labelled and encoded.
//
// Every write replaces one head object in one request, so a record is always whole: the old one or the new
// one. Beyond Helm, a release whose encoding exceeds one object's budget is split: its bulk (the release
// with an empty Info) goes into chunk objects written FIRST, then the head (which lists them with a
// digest, and holds the Info) is written LAST, so a half-written split has no head and is never read.
// A status change rewrites the head alone: the chunks are reused while the bulk is unchanged. Chunks carry
// the writer's session (label WRITER); those no head refers to any more are removed by `collect`.
import { createHash, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { kubeMessages, type KubeError } from '../../domain/release/KubeError'
import { objectNamePattern } from '../../domain/release/ReleaseError'
import type { Info, Release, StatusCode } from '../../domain/release/Release'
import {
  releaseConflict,
  releaseCorrupt,
  releaseExists,
  releaseNotFound,
  releaseTooLarge,
  storeUnavailable,
  type StoreError,
} from '../../domain/release/StoreError'
import type { ApiObject, NamespacedObjects, StorageKind } from '../../ports/NamespacedObjects'
import type { Fragment, RecordHeader, ReleaseStore } from '../../ports/ReleaseStore'

/** How one storage layout keeps a record in an object of one kind. */
export interface Layout {
  readonly kind: StorageKind
  /** A Secret's `type`. */
  readonly type?: string
  /** How a `data` value holds a string (a Secret's: base64 of its UTF-8 bytes) and back. */
  readonly wrap: (s: string) => string
  readonly unwrap: (s: string) => string
  /** The name of the head object of record `key`. */
  readonly objectName: (key: string) => string
  /** The labels of a record's head (timestamps come from `stamp`); `current` are the labels an update replaces. */
  readonly labels: (rls: Release, current?: Readonly<Record<string, string>>) => Record<string, string>
  /** The label selector (as a map) of the heads matching a query in Helm v2's label names (NAME, STATUS, …). */
  readonly selector: (query: Readonly<Record<string, string>>) => Record<string, string>
  /** The status a head's labels record. */
  readonly statusOf: (labels: Readonly<Record<string, string>>) => StatusCode | undefined
  /** The record a head's labels name: its key, release name and revision (undefined when they name none). */
  readonly keyOf: (
    labels: Readonly<Record<string, string>>,
  ) => { readonly key: string; readonly name: string; readonly version: number } | undefined
  /** The labels stamping a write at `now` (`CREATED_AT` / `MODIFIED_AT` for Helm v2). */
  readonly stamp: (now: Date, created: boolean) => Record<string, string>
  /** The encoded release (and an Info alone), and their decoders (ReleaseCorrupt); `head` is the object read. */
  readonly encode: (rls: Release) => string
  readonly decode: (s: string, head?: ApiObject) => E.Either<StoreError, Release>
  readonly encodeInfo: (info: Info) => string
  readonly decodeInfo: (s: string) => E.Either<StoreError, Info>
  /** Records are never split (Helm 3's: Helm reads whole records only): one over the budget is ReleaseTooLarge. */
  readonly whole?: boolean
}

export interface ObjectStoreOptions {
  /** Largest encoded-release slice per object (default 900,000 characters, under the 1 MiB data limit). */
  readonly chunkChars?: number
  /** The name the store reports (`configmap`, `secret`). */
  readonly name?: string
  /** The session this store writes for, put on the chunks it writes (label WRITER), see `collect`. */
  readonly writer?: string
  /** The time of a write's stamp and of a fragment's age (default: the system clock). */
  readonly now?: () => Date
  /** Told about each record a listing skips because it does not decode (the object named, and why). */
  readonly warn?: (message: string) => void
}

type Result<A> = Promise<E.Either<StoreError, A>>
type Payload = { readonly data: Record<string, string>; readonly nonce?: string; readonly fresh: boolean }

const CHUNK_OWNER = 'TILLER-CHUNK'
/** How many heads a store remembers having written (see `update`). */
const REMEMBERED_HEADS = 64
const digestOf = (s: string): string => createHash('sha256').update(s).digest('hex')
const blankInfo: Info = { status: { code: 'UNKNOWN' }, description: '' }

/** The cause a storage failure reports: the API server's (or transport's) own words. */
const causeOf = (e: KubeError): string => {
  switch (e._tag) {
    case 'KubeUnavailable':
      return e.cause
    case 'KubeForbidden':
      return e.message
    default:
      return (kubeMessages[e._tag] as (x: KubeError) => string)(e)
  }
}
const unavailable = (e: KubeError): StoreError => storeUnavailable(causeOf(e))

/** A ReleaseStore of `layout` on the objects of `namespace`. */
export const objectStore = (
  layout: Layout,
  objects: NamespacedObjects,
  namespace: string,
  opts: ObjectStoreOptions = {},
): ReleaseStore => {
  const chunkChars = opts.chunkChars ?? 900_000
  const now = opts.now ?? (() => new Date())
  const { kind } = layout
  const chunkName = (head: string, nonce: string, i: number): string => `${head}.part-${nonce}-${i}`
  const selectorOf = (m: Readonly<Record<string, string>>): string =>
    Object.entries(m)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')

  const run =
    <A>(f: () => Result<A>): TE.TaskEither<StoreError, A> =>
    () =>
      f().catch((e: unknown) => E.left(storeUnavailable(String((e as Error)?.message ?? e))))

  /** The head of `key`: undefined when absent. */
  const read = async (key: string): Result<ApiObject | undefined> => {
    const r = await objects.get(kind, namespace, layout.objectName(key))()
    if (E.isRight(r)) return r
    return r.left._tag === 'KubeNotFound' ? E.right(undefined) : E.left(unavailable(r.left))
  }
  const field = (o: ApiObject, k: string): string | undefined => {
    const v = o.data[k]
    return v === undefined ? undefined : layout.unwrap(v)
  }

  /** The release a head holds, its chunks joined and checked. */
  const payload = async (head: ApiObject): Result<Release> => {
    const whole = field(head, 'release')
    if (whole !== undefined) return layout.decode(whole, head)
    const n = Number(field(head, 'chunks') ?? '')
    const nonce = field(head, 'nonce') ?? ''
    if (!Number.isInteger(n) || n < 1 || !nonce) return E.left(releaseCorrupt(`${head.name}: no release data`))
    const parts: string[] = []
    for (let i = 1; i <= n; i++) {
      const c = await objects.get(kind, namespace, chunkName(head.name, nonce, i))()
      if (E.isLeft(c))
        return E.left(
          c.left._tag === 'KubeNotFound'
            ? releaseCorrupt(`${head.name}: chunk ${i} of ${n} is missing`)
            : unavailable(c.left),
        )
      parts.push(field(c.right, 'part') ?? '')
    }
    const joined = parts.join('')
    if (digestOf(joined) !== field(head, 'digest')) return E.left(releaseCorrupt(`${head.name}: chunk digest mismatch`))
    const bulk = layout.decode(joined)
    const info = field(head, 'info')
    if (E.isLeft(bulk) || info === undefined) return bulk
    // the head's Info is the record's (older splits kept it in the bulk)
    return E.map((i: Info) => ({ ...bulk.right, info: i }))(layout.decodeInfo(info))
  }

  // A writer replacing a split release removes the old chunks after switching the head: a reader that
  // finds a chunk gone re-reads the head and follows it when it has moved on.
  const decodeHead = async (head: ApiObject): Result<Release> => {
    let h = head
    for (let attempt = 0; ; attempt++) {
      const p = await payload(h)
      if (E.isRight(p) || p.left._tag !== 'ReleaseCorrupt' || !isSplit(h) || attempt >= 3) return p
      const again = await objects.get(kind, namespace, h.name)()
      if (E.isLeft(again))
        return E.left(again.left._tag === 'KubeNotFound' ? releaseNotFound(h.name) : unavailable(again.left))
      if (again.right.resourceVersion === h.resourceVersion) return p
      h = again.right
    }
  }

  const chunksOf = async (selector: Record<string, string>): Result<ReadonlyArray<ApiObject>> => {
    const r = await objects.list(kind, namespace, selectorOf({ OWNER: CHUNK_OWNER, ...selector }))()
    return E.isLeft(r) ? E.left(unavailable(r.left)) : r
  }

  /** Removes the chunks of head `name` that `which` picks by nonce (best effort: leftovers are never read). */
  const removeChunks = async (name: string, which: (nonce: string | undefined) => boolean): Promise<void> => {
    const chunks = await chunksOf({ CHUNK_OF: name })
    if (E.isLeft(chunks)) return
    for (const c of chunks.right)
      if (which(c.labels.NONCE))
        await objects
          .delete(kind, namespace, c.name)()
          .catch(() => undefined)
  }
  const only = (nonce: string) => (n: string | undefined) => n === nonce

  /**
   * The head data of `rls`: Helm v2's `release` field when it fits, else a split whose chunks are written
   * here — or reused from `current` when its bulk is the same (`fresh` says whether chunks were written).
   */
  const writePayload = async (key: string, rls: Release, current?: ApiObject): Result<Payload> => {
    if (layout.whole) {
      const whole = layout.encode(rls)
      return whole.length <= chunkChars
        ? E.right({ data: { release: layout.wrap(whole) }, fresh: false })
        : E.left(releaseTooLarge(key, whole.length, chunkChars))
    }
    const bulk = layout.encode({ ...rls, info: blankInfo })
    if (bulk.length <= chunkChars) {
      const whole = layout.encode(rls)
      if (whole.length <= chunkChars) return E.right({ data: { release: layout.wrap(whole) }, fresh: false })
    }
    const digest = digestOf(bulk)
    const n = Math.ceil(bulk.length / chunkChars)
    const wrapped = (d: Record<string, string>) =>
      Object.fromEntries(Object.entries(d).map(([k, v]) => [k, layout.wrap(v)]))
    const info = layout.encodeInfo(rls.info)
    const reuse = current && field(current, 'digest') === digest ? field(current, 'nonce') : undefined
    if (reuse) return E.right({ data: wrapped({ chunks: String(n), nonce: reuse, digest, info }), fresh: false })
    const nonce = randomBytes(6).toString('hex')
    const head = layout.objectName(key)
    for (let i = 1; i <= n; i++) {
      const r = await objects.create(kind, namespace, {
        name: chunkName(head, nonce, i),
        labels: {
          NAME: rls.name,
          OWNER: CHUNK_OWNER,
          CHUNK_OF: head,
          NONCE: nonce,
          ...(opts.writer ? { WRITER: opts.writer } : {}),
        },
        data: { part: layout.wrap(bulk.slice((i - 1) * chunkChars, i * chunkChars)) },
        ...(layout.type ? { type: layout.type } : {}),
      })()
      if (E.isLeft(r)) {
        await removeChunks(head, only(nonce))
        return E.left(unavailable(r.left))
      }
    }
    return E.right({ data: wrapped({ chunks: String(n), nonce, digest, info }), nonce, fresh: true })
  }

  const headObject = (key: string, rls: Release, p: Payload, current?: ApiObject): ApiObject => ({
    name: layout.objectName(key),
    labels: { ...layout.labels(rls, current?.labels), ...layout.stamp(now(), current === undefined) },
    data: p.data,
    ...(layout.type ? { type: layout.type } : {}),
    ...(current?.resourceVersion !== undefined ? { resourceVersion: current.resourceVersion } : {}),
  })

  const listHeads = async (query: Readonly<Record<string, string>>): Result<ReadonlyArray<ApiObject>> => {
    const r = await objects.list(kind, namespace, selectorOf(layout.selector(query)))()
    return E.isLeft(r) ? E.left(unavailable(r.left)) : r
  }

  // Helm v2's drivers skip a record that does not decode ("list: failed to decode release") rather than
  // failing the whole listing; `get` of that key still reports ReleaseCorrupt
  const decodeAll = async (heads: ReadonlyArray<ApiObject>): Result<Release[]> => {
    const out: Release[] = []
    for (const h of heads) {
      const r = await decodeHead(h)
      if (E.isRight(r)) out.push(r.right)
      else if (r.left._tag !== 'ReleaseCorrupt' && r.left._tag !== 'ReleaseNotFound') return r
      else if (r.left._tag === 'ReleaseCorrupt')
        opts.warn?.(`skipping ${kind} ${h.namespace ?? namespace}/${h.name}: ${r.left.reason}`)
    }
    return E.right(out)
  }

  const isSplit = (o: ApiObject | undefined): boolean => o !== undefined && o.data.release === undefined

  // The heads this store wrote last, as the server stored them (resourceVersion included): an update starts from
  // the one it wrote instead of reading it again. The write is conditional on that resourceVersion, so it only
  // succeeds when nobody wrote in between; otherwise (409, or a status other than the one expected) the head is
  // read afresh and the update goes on as it would have.
  const mine = new Map<string, ApiObject>()
  const remember = (key: string, head: ApiObject | undefined): void => {
    mine.delete(key)
    if (head === undefined) return
    mine.set(key, head)
    if (mine.size > REMEMBERED_HEADS) mine.delete(mine.keys().next().value as string)
  }

  const update = async (key: string, rls: Release, expected: StatusCode | undefined): Result<void> => {
    for (let attempt = 0; ; attempt++) {
      const known = mine.get(key)
      const fromMemory = known !== undefined && (expected === undefined || layout.statusOf(known.labels) === expected)
      remember(key, undefined)
      const head = fromMemory ? E.right<StoreError, ApiObject | undefined>(known) : await read(key)
      if (E.isLeft(head)) return head
      if (head.right === undefined) return E.left(releaseNotFound(key))
      const actual = layout.statusOf(head.right.labels)
      if (expected !== undefined && actual !== expected)
        return E.left(releaseConflict(key, expected, actual ?? 'UNKNOWN'))
      const written = await writePayload(key, rls, head.right)
      if (E.isLeft(written)) return written
      const next = headObject(key, rls, written.right, head.right)
      const r = await objects.update(kind, namespace, next)()
      const nonce = written.right.nonce
      if (E.isRight(r)) {
        const kept = field(next, 'nonce')
        if (isSplit(head.right) || written.right.fresh) await removeChunks(next.name, (n) => n !== kept)
        remember(key, r.right)
        return E.right(undefined)
      }
      if (nonce) await removeChunks(next.name, only(nonce))
      if (r.left._tag === 'KubeNotFound') return E.left(releaseNotFound(key))
      if (r.left._tag !== 'KubeConflict') return E.left(unavailable(r.left))
      // the head remembered was not the latest: read it and try again, as if it had been read
      if (fromMemory) {
        attempt--
        continue
      }
      // someone wrote in between: a writer holding an expectation lost; an unconditional one tries again
      if (expected !== undefined || attempt >= 5) {
        const again = await read(key)
        const status = E.isRight(again) && again.right ? (layout.statusOf(again.right.labels) ?? 'UNKNOWN') : 'UNKNOWN'
        return E.left(releaseConflict(key, expected ?? status, status))
      }
    }
  }

  const create = async (key: string, rls: Release): Result<void> => {
    const written = await writePayload(key, rls)
    if (E.isLeft(written)) return written
    const head = headObject(key, rls, written.right)
    const r = await objects.create(kind, namespace, head)()
    if (E.isRight(r)) {
      remember(key, r.right)
      return E.right(undefined)
    }
    const nonce = written.right.nonce
    if (nonce) await removeChunks(head.name, only(nonce))
    return E.left(r.left._tag === 'KubeAlreadyExists' ? releaseExists(key) : unavailable(r.left))
  }

  const remove = async (key: string): Result<Release> => {
    remember(key, undefined)
    // the record returned is the one deleted: the DELETE is conditional on the resourceVersion read
    for (let attempt = 0; ; attempt++) {
      const head = await read(key)
      if (E.isLeft(head)) return head
      if (head.right === undefined) return E.left(releaseNotFound(key))
      const rls = await decodeHead(head.right)
      if (E.isLeft(rls)) return rls
      const r = await objects.delete(kind, namespace, head.right.name, head.right.resourceVersion)()
      if (E.isLeft(r)) {
        if (r.left._tag === 'KubeNotFound') return E.left(releaseNotFound(key))
        if (r.left._tag === 'KubeConflict' && attempt < 3) continue
        return E.left(unavailable(r.left))
      }
      if (isSplit(head.right)) await removeChunks(head.right.name, () => true)
      return E.right(rls.right)
    }
  }

  const collect = async (name: string | undefined, removable: (f: Fragment) => boolean): Result<number> => {
    const chunks = await chunksOf(name === undefined ? {} : { NAME: name })
    if (E.isLeft(chunks) || chunks.right.length === 0) return E.map(() => 0)(chunks)
    const heads = await listHeads(name === undefined ? {} : { NAME: name })
    if (E.isLeft(heads)) return heads
    const referenced = new Map(heads.right.map((h) => [h.name, field(h, 'nonce')]))
    const t = now().getTime()
    let removed = 0
    for (const c of chunks.right) {
      const of = c.labels.CHUNK_OF ?? ''
      if (referenced.has(of) && referenced.get(of) === c.labels.NONCE) continue
      const created = c.createdAt ? Date.parse(c.createdAt) : Number.NaN
      const fragment: Fragment = {
        key: of,
        ...(c.labels.WRITER ? { writer: c.labels.WRITER } : {}),
        ageSeconds: Number.isNaN(created) ? 0 : Math.max(0, (t - created) / 1000),
      }
      if (!removable(fragment)) continue
      const gone = await objects.delete(kind, namespace, c.name)()
      if (E.isRight(gone)) removed++
      else if (gone.left._tag !== 'KubeNotFound') return E.left(unavailable(gone.left))
    }
    return E.right(removed)
  }

  return {
    name: opts.name ?? kind.toLowerCase(),
    // a record's object is named after the release
    namePattern: objectNamePattern,
    get: (key) =>
      run(async () => {
        const head = await read(key)
        if (E.isLeft(head)) return head
        return head.right === undefined ? E.left(releaseNotFound(key)) : decodeHead(head.right)
      }),
    list: (keep) =>
      run(async () => {
        const heads = await listHeads({})
        if (E.isLeft(heads)) return heads
        const all = await decodeAll(heads.right)
        return E.isLeft(all) ? all : E.right(all.right.filter(keep))
      }),
    query: (labels) =>
      run(async () => {
        const heads = await listHeads(labels)
        return E.isLeft(heads) ? heads : decodeAll(heads.right)
      }),
    index: (labels) =>
      run(async () => {
        const heads = await listHeads(labels)
        if (E.isLeft(heads)) return heads
        const out: RecordHeader[] = []
        for (const h of heads.right) {
          const k = layout.keyOf(h.labels)
          const status = layout.statusOf(h.labels)
          if (k && status) out.push({ ...k, status })
        }
        return E.right(out)
      }),
    create: (key, rls) => run(() => create(key, rls)),
    update: (key, rls, expected) => run(() => update(key, rls, expected)),
    delete: (key) => run(() => remove(key)),
    collect: (name, removable) => run(() => collect(name, removable)),
  }
}
