// The NamespacedObjects port on an API server: ConfigMaps and Secrets as raw JSON over the Rest layer,
// updates and deletes conditional on a resourceVersion when one is given.
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { decodeJson, KubeObjectC, ObjectListC } from '../../domain/release/ApiBodies'
import { strAt, stringMapAt } from '../../domain/release/Fields'
import { kubeUnavailable, type KubeError } from '../../domain/release/KubeError'
import type { KubeObject } from '../../domain/release/KubeObject'
import type { ApiObject, NamespacedObjects, StorageKind } from '../../ports/NamespacedObjects'
import { kubeErrorOf } from './Errors'
import { TransportError, type Rest, type RestResponse } from './Rest'

type Result<A> = Promise<E.Either<KubeError, A>>

interface Wire {
  apiVersion?: string
  kind?: string
  type?: string
  metadata?: {
    name?: string
    namespace?: string
    labels?: Record<string, string>
    resourceVersion?: string
    creationTimestamp?: string
  }
  data?: Record<string, string>
}

const resourceOf: Record<StorageKind, string> = { ConfigMap: 'configmaps', Secret: 'secrets' }
const ok = (r: RestResponse): boolean => r.status >= 200 && r.status < 300

/** A decoded ConfigMap or Secret as the port sees it (`data`: its string values; a Secret's are base64). */
const fromWire = (w: KubeObject): ApiObject => {
  const type = strAt(w, 'type')
  const createdAt = strAt(w, 'metadata', 'creationTimestamp')
  return {
    name: w.metadata.name ?? '',
    ...(w.metadata.namespace !== undefined ? { namespace: w.metadata.namespace } : {}),
    labels: w.metadata.labels ?? {},
    data: stringMapAt(w, 'data'),
    ...(type !== undefined ? { type } : {}),
    ...(w.metadata.resourceVersion !== undefined ? { resourceVersion: w.metadata.resourceVersion } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
  }
}

const toWire = (kind: StorageKind, o: ApiObject): Wire => ({
  apiVersion: 'v1',
  kind,
  ...(o.type !== undefined ? { type: o.type } : {}),
  metadata: {
    name: o.name,
    labels: { ...o.labels },
    ...(o.resourceVersion !== undefined ? { resourceVersion: o.resourceVersion } : {}),
  },
  data: { ...o.data },
})

const run =
  <A>(f: () => Result<A>): TE.TaskEither<KubeError, A> =>
  () =>
    f().catch((e: unknown) =>
      E.left(kubeUnavailable(e instanceof TransportError ? e.message : String((e as Error)?.message ?? e))),
    )

/** ConfigMaps and Secrets of any namespace on the API server `rest` talks to. */
export const namespacedObjects = (rest: Rest): NamespacedObjects => {
  const base = (kind: StorageKind, ns: string): string =>
    ns === '' ? `/api/v1/${resourceOf[kind]}` : `/api/v1/namespaces/${encodeURIComponent(ns)}/${resourceOf[kind]}`
  const at = (kind: StorageKind, ns: string, name: string): string => `${base(kind, ns)}/${encodeURIComponent(name)}`
  const send = async (
    kind: StorageKind,
    name: string,
    req: Parameters<Rest['request']>[0],
  ): Result<ApiObject | undefined> => {
    const r = await rest.request(req)
    if (ok(r)) {
      if (!r.text || req.method === 'DELETE') return E.right(undefined)
      const o = decodeJson(KubeObjectC, r.text, `${req.method} ${resourceOf[kind]} ${name}`)
      return E.isLeft(o) ? E.left(kubeUnavailable(o.left)) : E.right(fromWire(o.right))
    }
    const size = req.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(req.body))
    return E.left(kubeErrorOf(r, resourceOf[kind], name, size))
  }
  const one = (res: E.Either<KubeError, ApiObject | undefined>): E.Either<KubeError, ApiObject> =>
    E.isLeft(res) ? res : E.right(res.right as ApiObject)
  return {
    get: (kind, ns, name) => run(async () => one(await send(kind, name, { method: 'GET', path: at(kind, ns, name) }))),
    list: (kind, ns, labelSelector) =>
      run(async () => {
        const out: ApiObject[] = []
        let cont: string | undefined
        do {
          const r = await rest.request({
            method: 'GET',
            path: base(kind, ns),
            query: { labelSelector: labelSelector || undefined, limit: '1000', continue: cont },
          })
          if (!ok(r)) return E.left(kubeErrorOf(r, resourceOf[kind], ''))
          const doc = decodeJson(ObjectListC, r.text, `list ${resourceOf[kind]}`)
          if (E.isLeft(doc)) return E.left(kubeUnavailable(doc.left))
          for (const w of doc.right.items ?? []) out.push(fromWire(w))
          cont = doc.right.metadata?.continue || undefined
        } while (cont)
        return E.right(out)
      }),
    create: (kind, ns, obj) =>
      run(async () =>
        one(await send(kind, obj.name, { method: 'POST', path: base(kind, ns), body: toWire(kind, obj) })),
      ),
    update: (kind, ns, obj) =>
      run(async () =>
        one(await send(kind, obj.name, { method: 'PUT', path: at(kind, ns, obj.name), body: toWire(kind, obj) })),
      ),
    delete: (kind, ns, name, resourceVersion) =>
      run(async () => {
        const gone = await send(kind, name, {
          method: 'DELETE',
          path: at(kind, ns, name),
          ...(resourceVersion !== undefined
            ? { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion } } }
            : {}),
        })
        return E.isLeft(gone) ? gone : E.right(undefined)
      }),
  }
}
