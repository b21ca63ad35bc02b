// Test support: the NamespacedObjects port in memory, with the API server's resourceVersion checks, and a
// wrapper that counts writes and can "crash" (refuse every write after the k-th) to cut a write sequence.
import * as E from 'fp-ts/Either'
import {
  kubeAlreadyExists,
  kubeConflict,
  kubeNotFound,
  kubeUnavailable,
  type KubeError,
} from '../../../src/domain/release/KubeError'
import type { ApiObject, NamespacedObjects, StorageKind } from '../../../src/ports/NamespacedObjects'

const resource = (k: StorageKind): string => (k === 'ConfigMap' ? 'configmaps' : 'secrets')
const matches = (labels: Readonly<Record<string, string>>, selector: string): boolean =>
  selector === '' ||
  selector.split(',').every((term) => {
    const [k, v] = term.split('=')
    return labels[k!] === v
  })

/** ConfigMaps and Secrets in a Map; `objects` is the live content (kind/namespace/name → object); namespace "" lists all. */
export const memoryObjects = (): NamespacedObjects & { readonly objects: Map<string, ApiObject> } => {
  const objects = new Map<string, ApiObject>()
  let rv = 0
  const id = (k: StorageKind, ns: string, name: string) => `${k}/${ns}/${name}`
  const io =
    <A>(f: () => E.Either<KubeError, A>) =>
    () =>
      Promise.resolve().then(f)
  const stored = (o: ApiObject, created?: string): ApiObject => ({
    ...structuredClone(o),
    resourceVersion: String(++rv),
    createdAt: created ?? new Date().toISOString(),
  })
  return {
    objects,
    get: (k, ns, name) =>
      io(() => {
        const o = objects.get(id(k, ns, name))
        return o ? E.right(structuredClone(o)) : E.left(kubeNotFound(resource(k), name))
      }),
    list: (k, ns, selector) =>
      io(() =>
        E.right(
          [...objects.entries()]
            .filter(([key, o]) => key.startsWith(ns === '' ? `${k}/` : `${k}/${ns}/`) && matches(o.labels, selector))
            .map(([, o]) => structuredClone(o)),
        ),
      ),
    create: (k, ns, o) =>
      io(() => {
        if (objects.has(id(k, ns, o.name))) return E.left(kubeAlreadyExists(resource(k), o.name))
        const s = { ...stored(o), namespace: ns }
        objects.set(id(k, ns, o.name), s)
        return E.right(structuredClone(s))
      }),
    update: (k, ns, o) =>
      io(() => {
        const cur = objects.get(id(k, ns, o.name))
        if (!cur) return E.left(kubeNotFound(resource(k), o.name))
        if (o.resourceVersion !== undefined && o.resourceVersion !== cur.resourceVersion)
          return E.left(kubeConflict(resource(k), o.name, 'the object has been modified'))
        const s = { ...stored(o, cur.createdAt), namespace: ns }
        objects.set(id(k, ns, o.name), s)
        return E.right(structuredClone(s))
      }),
    delete: (k, ns, name, version) =>
      io(() => {
        const cur = objects.get(id(k, ns, name))
        if (!cur) return E.left(kubeNotFound(resource(k), name))
        if (version !== undefined && version !== cur.resourceVersion)
          return E.left(kubeConflict(resource(k), name, 'the object has been modified'))
        objects.delete(id(k, ns, name))
        return E.right(undefined)
      }),
  }
}

/**
 * `inner` with its writes counted; after `crashAfter` writes every further write fails (as if the writer
 * died: nothing more reaches the server). `writes` lists each write as `METHOD name`.
 */
export const crashingObjects = (
  inner: NamespacedObjects,
  crashAfter = Number.POSITIVE_INFINITY,
): NamespacedObjects & { readonly writes: string[] } => {
  const writes: string[] = []
  const gate =
    <A>(what: string, f: () => Promise<E.Either<KubeError, A>>) =>
    async (): Promise<E.Either<KubeError, A>> => {
      if (writes.length >= crashAfter) return E.left(kubeUnavailable('crashed'))
      writes.push(what)
      return f()
    }
  return {
    writes,
    get: inner.get,
    list: inner.list,
    create: (k, ns, o) => gate(`POST ${o.name}`, inner.create(k, ns, o)),
    update: (k, ns, o) => gate(`PUT ${o.name}`, inner.update(k, ns, o)),
    delete: (k, ns, name, v) => gate(`DELETE ${name}`, inner.delete(k, ns, name, v)),
  }
}
