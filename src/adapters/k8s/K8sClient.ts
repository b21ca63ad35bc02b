// The KubeClient port on a real API server (or the sandbox): raw JSON over the Rest layer, kinds mapped
// through discovery, merge patches, Background deletion, Helm's readiness rules polled, watch with resume.
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import {
  kindNotFound,
  kubeNotFound,
  kubeUnavailable,
  waitTimeout,
  type KubeError,
} from '../../domain/release/KubeError'
import {
  describeRef,
  type KubeObject,
  type ObjectQuery,
  type ObjectRef,
  type WatchEvent,
} from '../../domain/release/KubeObject'
import { readiness } from '../../domain/release/Readiness'
import type { KubeClient, WaitOptions } from '../../ports/KubeClient'
import { decodeJson, KubeObjectC, ObjectListC, watchEventOf, WatchLineC } from '../../domain/release/ApiBodies'
import { forbiddenOf, kubeErrorOf, statusOf } from './Errors'
import { collectionPath, Mapper, type Mapping } from './Mapper'
import { TransportError, type Rest, type RestResponse } from './Rest'

/** Tuning of the adapter. */
export interface K8sClientOptions {
  /** Interval between readiness polls (Helm polls every 2 s). */
  readonly pollMs?: number
}

type Result<A> = Promise<E.Either<KubeError, A>>

/** Runs an adapter call, turning a forbidden discovery into KubeForbidden, other failures and throws into KubeUnavailable. */
const run =
  <A>(f: () => Result<A>): TE.TaskEither<KubeError, A> =>
  () =>
    f().catch((e: unknown) => {
      const r = (e as { response?: RestResponse }).response
      if (r) {
        const s = statusOf(r)
        return E.left(s.code === 403 ? forbiddenOf(s, '', '') : kubeUnavailable(s.message))
      }
      return E.left(kubeUnavailable(e instanceof TransportError ? e.message : String((e as Error)?.message ?? e)))
    })

const ok = (res: RestResponse): boolean => res.status >= 200 && res.status < 300
const bytesOf = (body: unknown): number => Buffer.byteLength(JSON.stringify(body))

/** A 2xx answer's object, decoded; KubeUnavailable naming what was wrong with it. */
const objectOf = (res: RestResponse, what: string): E.Either<KubeError, KubeObject> =>
  E.mapLeft(kubeUnavailable)(decodeJson(KubeObjectC, res.text, what))
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** A KubeClient over `rest`. */
export const k8sClient = (rest: Rest, opts: K8sClientOptions = {}): KubeClient => {
  const mapper = new Mapper(rest)
  const pollMs = opts.pollMs ?? 2000

  const mapping = async (apiVersion: string, kind: string): Result<Mapping> => {
    const m = await mapper.map(apiVersion, kind)
    return m ? E.right(m) : E.left(kindNotFound(apiVersion, kind))
  }
  const nsOf = (m: Mapping, ns: string | undefined): string | undefined =>
    m.namespaced ? (ns ?? rest.namespace) : undefined
  const itemPath = (m: Mapping, ns: string | undefined, name: string): string =>
    `${collectionPath(m, nsOf(m, ns))}/${encodeURIComponent(name)}`

  const get = async (ref: ObjectRef): Result<KubeObject> => {
    const m = await mapping(ref.apiVersion, ref.kind)
    if (E.isLeft(m)) return m
    const res = await rest.request({ method: 'GET', path: itemPath(m.right, ref.namespace, ref.name) })
    return ok(res)
      ? objectOf(res, `get ${m.right.qualified} ${ref.name}`)
      : E.left(kubeErrorOf(res, m.right.qualified, ref.name))
  }

  const list = async (q: ObjectQuery): Result<ReadonlyArray<KubeObject>> => {
    const m = await mapping(q.apiVersion, q.kind)
    if (E.isLeft(m)) return m
    const out: KubeObject[] = []
    let cont: string | undefined
    do {
      const res = await rest.request({
        method: 'GET',
        path: collectionPath(m.right, m.right.namespaced ? q.namespace : undefined),
        query: {
          labelSelector: q.labelSelector || undefined,
          fieldSelector: q.name !== undefined ? `metadata.name=${q.name}` : undefined,
          limit: '500',
          continue: cont,
        },
      })
      if (!ok(res)) return E.left(kubeErrorOf(res, m.right.qualified, ''))
      const doc = decodeJson(ObjectListC, res.text, `list ${m.right.qualified}`)
      if (E.isLeft(doc)) return E.left(kubeUnavailable(doc.left))
      for (const item of doc.right.items ?? []) out.push({ ...item, apiVersion: q.apiVersion, kind: q.kind })
      cont = doc.right.metadata?.continue || undefined
    } while (cont)
    const key = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`
    return E.right(out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)))
  }

  const waitReady = async (refs: ReadonlyArray<ObjectRef>, o: WaitOptions): Result<void> => {
    const deadline = Date.now() + o.timeoutSeconds * 1000
    const told = new Map<string, string>()
    for (;;) {
      const pending: string[] = []
      for (const ref of refs) {
        const got = await get(ref)
        let waiting: string | undefined
        if (E.isLeft(got)) {
          if (got.left._tag !== 'KubeNotFound') return got
          waiting = `${describeRef(ref)}: not found`
        } else {
          const r = readiness(got.right)
          if (!r.ready) waiting = r.waiting
        }
        if (waiting === undefined) continue
        pending.push(waiting)
        const k = describeRef(ref)
        if (told.get(k) !== waiting) {
          told.set(k, waiting)
          o.onProgress?.(waiting)
        }
      }
      if (pending.length === 0) return E.right(undefined)
      if (Date.now() >= deadline) return E.left(waitTimeout(pending.join('; ')))
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())))
    }
  }

  const watch = async (q: ObjectQuery, o: WaitOptions, onEvent: (e: WatchEvent) => boolean): Result<void> => {
    const m = await mapping(q.apiVersion, q.kind)
    if (E.isLeft(m)) return m
    const deadline = Date.now() + o.timeoutSeconds * 1000
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), o.timeoutSeconds * 1000)
    let rv: string | undefined
    let done = false
    let failure: KubeError | undefined
    try {
      while (!done && !abort.signal.aborted && failure === undefined) {
        const remaining = Math.max(1, Math.ceil((deadline - Date.now()) / 1000))
        const res = await rest
          .stream(
            {
              method: 'GET',
              path: collectionPath(m.right, m.right.namespaced ? q.namespace : undefined),
              query: {
                watch: 'true',
                labelSelector: q.labelSelector || undefined,
                fieldSelector: q.name !== undefined ? `metadata.name=${q.name}` : undefined,
                resourceVersion: rv,
                timeoutSeconds: String(remaining),
                allowWatchBookmarks: 'true',
              },
            },
            (line) => {
              const decoded = decodeJson(WatchLineC, line, `watch ${m.right.qualified}`)
              if (E.isLeft(decoded)) {
                failure = kubeUnavailable(decoded.left)
                return true
              }
              const ev = decoded.right
              if (ev.type === 'ERROR') {
                // 410 Gone: the resourceVersion fell out of the server's history; start over with a fresh list
                if (ev.object.code === 410) rv = undefined
                else failure = kubeUnavailable(ev.object.message ?? 'watch error')
                return true
              }
              const seen = ev.object.metadata?.resourceVersion
              if (seen) rv = seen
              if (ev.type === 'BOOKMARK') return false
              if (onEvent(watchEventOf(ev, q.apiVersion, q.kind))) done = true
              return done
            },
            abort.signal,
          )
          // a dropped watch connection is resumed from the last resourceVersion seen
          .catch((e: unknown): RestResponse => {
            if (e instanceof TransportError) return { status: 200, text: '' }
            throw e
          })
        if (!ok(res) && !abort.signal.aborted) {
          if (res.status === 410) rv = undefined
          else return E.left(kubeErrorOf(res, m.right.qualified, q.name ?? ''))
        }
      }
    } finally {
      clearTimeout(timer)
      abort.abort()
    }
    if (failure) return E.left(failure)
    return done ? E.right(undefined) : E.left(waitTimeout(`${q.kind}${q.name ? ` ${q.name}` : ''}`))
  }

  return {
    name: 'k8s',
    discover: (o) => run(async () => E.right(await mapper.discover(o?.cached === true))),
    create: (obj) =>
      run(async () => {
        const m = await mapping(obj.apiVersion, obj.kind)
        if (E.isLeft(m)) return m
        const res = await rest.request({
          method: 'POST',
          path: collectionPath(m.right, nsOf(m.right, obj.metadata.namespace)),
          body: obj,
        })
        return ok(res)
          ? objectOf(res, `create ${m.right.qualified} ${obj.metadata.name ?? ''}`)
          : E.left(kubeErrorOf(res, m.right.qualified, obj.metadata.name ?? '', bytesOf(obj)))
      }),
    get: (ref) => run(() => get(ref)),
    list: (q) => run(() => list(q)),
    patch: (ref, patch) =>
      run(async () => {
        const m = await mapping(ref.apiVersion, ref.kind)
        if (E.isLeft(m)) return m
        const res = await rest.request({
          method: 'PATCH',
          path: itemPath(m.right, ref.namespace, ref.name),
          body: patch,
          contentType: 'application/merge-patch+json',
        })
        return ok(res)
          ? objectOf(res, `patch ${m.right.qualified} ${ref.name}`)
          : E.left(kubeErrorOf(res, m.right.qualified, ref.name, bytesOf(patch)))
      }),
    delete: (ref, precondition) =>
      run(async () => {
        const m = await mapping(ref.apiVersion, ref.kind)
        if (E.isLeft(m)) return m
        const res = await rest.request({
          method: 'DELETE',
          path: itemPath(m.right, ref.namespace, ref.name),
          body: {
            kind: 'DeleteOptions',
            apiVersion: 'v1',
            propagationPolicy: 'Background',
            ...(precondition ? { preconditions: { uid: precondition.uid } } : {}),
          },
        })
        return ok(res) ? E.right(undefined) : E.left(kubeErrorOf(res, m.right.qualified, ref.name))
      }),
    waitReady: (refs, o) => run(() => waitReady(refs, o)),
    watch: (q, o, onEvent) => run(() => watch(q, o, onEvent)),
    logs: (pod) =>
      run(async () => {
        const res = await rest.request({
          method: 'GET',
          path: `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/log`,
          query: { container: pod.container },
        })
        return ok(res)
          ? E.right(res.text)
          : E.left(res.status === 404 ? kubeNotFound('pods', pod.name) : kubeErrorOf(res, 'pods', pod.name))
      }),
  }
}
