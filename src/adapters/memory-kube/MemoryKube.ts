import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import {
  type KubeError,
  kindNotFound,
  kubeAlreadyExists,
  kubeInvalid,
  kubeNotFound,
  waitTimeout,
} from '../../domain/release/KubeError'
import {
  type ApiResource,
  groupOf,
  type KubeObject,
  type ObjectQuery,
  type ObjectRef,
  type WatchEvent,
} from '../../domain/release/KubeObject'
import { parseLabelSelector } from '../../domain/release/LabelSelector'
import { applyMergePatch, jsonEqual } from '../../domain/release/MergePatch'
import { readiness } from '../../domain/release/Readiness'
import type { Clock } from '../../ports/Clock'
import type { KubeClient } from '../../ports/KubeClient'
import { type ControllerSettings, reconcile } from './Controllers'
import { builtinResources, resourcesOfCrd } from './Resources'

type Obj = Record<string, any>

const immutableField = (kind: string, before: Obj | undefined, after: Obj | undefined): string | undefined => {
  if (
    ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(kind) &&
    !jsonEqual(before?.selector, after?.selector)
  )
    return 'spec.selector'
  if (kind === 'Job' && !jsonEqual(before?.template, after?.template)) return 'spec.template'
  if (kind === 'Service' && before?.clusterIP && after?.clusterIP && before.clusterIP !== after.clusterIP)
    return 'spec.clusterIP'
  return undefined
}

/** Options of a memory cluster. */
export interface MemoryKubeOptions {
  /** Time source for waits and timestamps (a virtual clock makes timeouts instant). */
  readonly clock: Clock
  /** Milliseconds between readiness checks of `waitReady` (default 100). */
  readonly pollMs?: number
  /** The text `logs` returns for a pod (default: one line naming the pod). */
  readonly podLogs?: (pod: KubeObject) => string
}

/** The memory KubeClient plus the switches and views tests use. */
export interface MemoryKube extends KubeClient {
  readonly controllers: ControllerSettings
  /** Every stored object, sorted by kind/namespace/name (a copy). */
  readonly objects: () => ReadonlyArray<KubeObject>
  /** Every write so far, in order (`create Kind/name`, `patch …`, `delete …`). */
  readonly journal: ReadonlyArray<string>
  /** Writes to fail, keyed like the journal (`delete ConfigMap/x`), with the error to return (every time). */
  readonly faults: Map<string, KubeError>
}

const clone = <A>(a: A): A => structuredClone(a)
const io =
  <A>(f: () => E.Either<KubeError, A>): TE.TaskEither<KubeError, A> =>
  () =>
    Promise.resolve().then(f)

/**
 * A Kubernetes API in memory: discovery (CRDs add kinds), namespaces, uid/resourceVersion/generation,
 * JSON merge patch, label selectors, watch, and fake controllers that make workloads ready (switch
 * `controllers.ready` off to test wait failures; name Jobs/Pods in `failing` or `hanging`).
 */
export const memoryKube = (opts: MemoryKubeOptions): MemoryKube => {
  const { clock } = opts
  const resources: ApiResource[] = [...builtinResources]
  const objects = new Map<string, KubeObject>()
  const watchers = new Set<(e: WatchEvent) => void>()
  const journal: string[] = []
  const faults = new Map<string, KubeError>()
  const fault = (op: string): E.Either<KubeError, void> => {
    const f = faults.get(op)
    return f === undefined ? E.right(undefined) : E.left(f)
  }
  const controllers: ControllerSettings = { ready: true, failing: new Set(), hanging: new Set() }
  let serial = 0
  // objects by `group/Kind`, so a list or watch of one kind does not scan the whole cluster
  const byKind = new Map<string, Map<string, KubeObject>>()
  const kindKey = (group: string, kind: string): string => `${group}/${kind}`
  const kindOfKey = (key: string): string => key.slice(0, key.indexOf('/', key.indexOf('/') + 1))
  const put = (key: string, o: KubeObject): void => {
    objects.set(key, o)
    const k = kindOfKey(key)
    let m = byKind.get(k)
    if (m === undefined) byKind.set(k, (m = new Map()))
    m.set(key, o)
  }
  const drop = (key: string): void => {
    objects.delete(key)
    byKind.get(kindOfKey(key))?.delete(key)
  }

  const resourceOf = (apiVersion: string, kind: string): ApiResource | undefined =>
    resources.find((r) => r.groupVersion === apiVersion && r.kind === kind)
  const label = (r: ApiResource): string => (groupOf(r.groupVersion) ? `${r.name}.${groupOf(r.groupVersion)}` : r.name)
  const keyOf = (r: ApiResource, ns: string | undefined, name: string): string =>
    `${groupOf(r.groupVersion)}/${r.kind}/${r.namespaced ? (ns ?? 'default') : ''}/${name}`
  const locate = (ref: ObjectRef): E.Either<KubeError, { res: ApiResource; key: string }> => {
    const res = resourceOf(ref.apiVersion, ref.kind)
    return res === undefined
      ? E.left(kindNotFound(ref.apiVersion, ref.kind))
      : E.right({ res, key: keyOf(res, ref.namespace, ref.name) })
  }
  const emit = (type: WatchEvent['type'], object: KubeObject): void => {
    for (const w of [...watchers]) w({ type, object })
  }
  const store = (key: string, o: KubeObject, res: ApiResource): KubeObject => {
    const asServed = { ...o, apiVersion: res.groupVersion }
    const next = reconcile(
      { ...asServed, metadata: { ...asServed.metadata, resourceVersion: String(++serial) } },
      controllers,
      serial,
    )
    put(key, next)
    return next
  }
  const matches = (q: ObjectQuery, o: KubeObject, select: (l: Readonly<Record<string, string>>) => boolean): boolean =>
    groupOf(o.apiVersion) === groupOf(q.apiVersion) &&
    o.kind === q.kind &&
    (q.namespace === undefined || o.metadata.namespace === q.namespace) &&
    (q.name === undefined || o.metadata.name === q.name) &&
    select(o.metadata.labels ?? {})
  const query = (q: ObjectQuery): E.Either<KubeError, KubeObject[]> => {
    const res = resourceOf(q.apiVersion, q.kind)
    if (res === undefined) return E.left(kindNotFound(q.apiVersion, q.kind))
    const select = parseLabelSelector(q.labelSelector ?? '')
    if (E.isLeft(select)) return E.left(kubeInvalid(label(res), '', select.left))
    return E.right(
      [...(byKind.get(kindKey(groupOf(q.apiVersion), q.kind))?.values() ?? [])]
        .filter((o) => matches(q, o, select.right))
        .map((o) => clone({ ...o, apiVersion: q.apiVersion }))
        .sort((a, b) =>
          `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`),
        ),
    )
  }

  const create = (input: KubeObject): E.Either<KubeError, KubeObject> => {
    const injected = fault(`create ${input.kind}/${input.metadata.name ?? ''}`)
    if (E.isLeft(injected)) return injected
    const res = resourceOf(input.apiVersion, input.kind)
    if (res === undefined) return E.left(kindNotFound(input.apiVersion, input.kind))
    const ns = res.namespaced ? (input.metadata.namespace ?? 'default') : undefined
    if (ns !== undefined && !objects.has(`/Namespace//${ns}`)) return E.left(kubeNotFound('namespaces', ns))
    let name = input.metadata.name
    if (!name && input.metadata.generateName)
      name = `${input.metadata.generateName.slice(0, 58)}${(serial + 1).toString(36).padStart(5, 'x')}`
    if (!name)
      return E.left(kubeInvalid(label(res), '', 'metadata.name: Required value: name or generateName is required'))
    const key = keyOf(res, ns, name)
    if (objects.has(key)) return E.left(kubeAlreadyExists(label(res), name))
    const hasSpec = 'spec' in input
    const metadata: Obj = {
      ...clone(input.metadata),
      name,
      uid: `00000000-0000-4000-8000-${String(serial + 1).padStart(12, '0')}`,
      creationTimestamp: clock
        .now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
      ...(hasSpec ? { generation: 1 } : {}),
    }
    if (ns !== undefined) metadata.namespace = ns
    else delete metadata.namespace
    const { status: _ignored, ...body } = clone(input) as Obj
    const made = store(key, { ...(body as KubeObject), metadata }, res)
    if (input.kind === 'CustomResourceDefinition')
      for (const r of resourcesOfCrd(made)) if (!resourceOf(r.groupVersion, r.kind)) resources.push(r)
    journal.push(`create ${input.kind}/${name}`)
    emit('ADDED', made)
    return E.right(clone(made))
  }

  const remove = (key: string, o: KubeObject): void => {
    drop(key)
    emit('DELETED', o)
    if (o.kind === 'Namespace')
      for (const [k, child] of [...objects]) if (child.metadata.namespace === o.metadata.name) remove(k, child)
    if (o.kind === 'CustomResourceDefinition')
      for (const r of resourcesOfCrd(o)) {
        for (const [k, child] of [...objects])
          if (child.apiVersion === r.groupVersion && child.kind === r.kind) remove(k, child)
        resources.splice(
          resources.findIndex((x) => x.groupVersion === r.groupVersion && x.kind === r.kind),
          1,
        )
      }
  }

  for (const ns of ['default', 'kube-system', 'kube-public'])
    create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })
  journal.length = 0

  // the fake controllers catch up with switches changed since they last looked
  const settings = (): string =>
    JSON.stringify([controllers.ready, [...controllers.failing].sort(), [...controllers.hanging].sort()])
  let synced = settings()
  const resync = (): void => {
    const now = settings()
    if (now === synced) return
    synced = now
    for (const [key, o] of [...objects]) {
      const next = reconcile(o, controllers, serial + 1)
      if (jsonEqual(next, o)) continue
      const stored = { ...next, metadata: { ...next.metadata, resourceVersion: String(++serial) } }
      put(key, stored)
      emit('MODIFIED', stored)
    }
  }

  const ready = (ref: ObjectRef): E.Either<string, true> => {
    const at = locate(ref)
    if (E.isLeft(at)) return E.left(`${ref.kind} ${ref.name}: unknown kind`)
    const o = objects.get(at.right.key)
    if (o === undefined) return E.left(`${ref.kind} ${ref.name}: not found`)
    const r = readiness(o)
    return r.ready ? E.right(true) : E.left(r.waiting)
  }

  return {
    name: 'memory',
    controllers,
    journal,
    faults,
    objects: () =>
      [...objects.values()]
        .map(clone)
        .sort((a, b) =>
          `${a.kind}/${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
            `${b.kind}/${b.metadata.namespace}/${b.metadata.name}`,
          ),
        ),
    discover: () =>
      io(() =>
        E.right({ serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.0' }, resources: clone(resources) }),
      ),
    create: (obj) => io(() => create(obj)),
    get: (ref) =>
      io(() =>
        E.flatMap(locate(ref), ({ res, key }) => {
          const o = objects.get(key)
          return o === undefined
            ? E.left(kubeNotFound(label(res), ref.name))
            : E.right(clone({ ...o, apiVersion: ref.apiVersion }))
        }),
      ),
    list: (q) => io(() => query(q)),
    patch: (ref, patch) =>
      io(() =>
        E.flatMap(locate(ref), ({ res, key }) => {
          const o = objects.get(key)
          if (o === undefined) return E.left(kubeNotFound(label(res), ref.name))
          const injected = fault(`patch ${ref.kind}/${ref.name}`)
          if (E.isLeft(injected)) return injected
          const { status: _ignored, ...body } = clone(patch) as Obj
          const next = applyMergePatch(o, {
            ...body,
            metadata: { ...(body.metadata ?? {}), name: o.metadata.name, uid: o.metadata.uid },
          }) as Obj
          // the API server's immutable fields (the usual cause of "field is immutable" upgrade failures)
          const immutable = immutableField(o.kind, (o as Obj).spec, next.spec)
          if (immutable)
            return E.left(kubeInvalid(label(res), ref.name, `${immutable}: Invalid value: field is immutable`))
          const specChanged = !jsonEqual(next.spec, (o as Obj).spec)
          if (specChanged && typeof o.metadata.generation === 'number')
            next.metadata = { ...next.metadata, generation: o.metadata.generation + 1 }
          const stored = store(key, next as KubeObject, res)
          journal.push(`patch ${ref.kind}/${ref.name}`)
          emit('MODIFIED', stored)
          return E.right(clone(stored))
        }),
      ),
    delete: (ref) =>
      io(() =>
        E.flatMap(locate(ref), ({ res, key }) => {
          const o = objects.get(key)
          if (o === undefined) return E.left(kubeNotFound(label(res), ref.name))
          const injected = fault(`delete ${ref.kind}/${ref.name}`)
          if (E.isLeft(injected)) return injected
          remove(key, o)
          journal.push(`delete ${ref.kind}/${ref.name}`)
          return E.right(undefined)
        }),
      ),
    waitReady:
      (refs, { timeoutSeconds, onProgress }) =>
      async () => {
        const deadline = clock.now().getTime() + timeoutSeconds * 1000
        for (;;) {
          resync()
          const pending = refs
            .map(ready)
            .filter(E.isLeft)
            .map((l) => l.left)
          if (pending.length === 0) return E.right(undefined)
          onProgress?.(`waiting for ${pending.join(', ')}`)
          if (clock.now().getTime() >= deadline) return E.left(waitTimeout(pending.join(', ')))
          await clock.sleep(Math.min(opts.pollMs ?? 100, Math.max(1, deadline - clock.now().getTime())))
        }
      },
    watch:
      (q, { timeoutSeconds }, onEvent) =>
      () =>
        new Promise((resolve) => {
          const initial = query(q)
          if (E.isLeft(initial)) return resolve(initial)
          const select = parseLabelSelector(q.labelSelector ?? '')
          const abort = new AbortController()
          let done = false
          const finish = (r: E.Either<KubeError, void>): void => {
            if (done) return
            done = true
            watchers.delete(listener)
            abort.abort()
            resolve(r)
          }
          const listener = (e: WatchEvent): void => {
            if (!done && E.isRight(select) && matches(q, e.object, select.right) && onEvent(clone(e)))
              finish(E.right(undefined))
          }
          for (const o of initial.right)
            if (!done && onEvent({ type: 'ADDED', object: o })) return finish(E.right(undefined))
          watchers.add(listener)
          resync()
          if (done) return
          void clock
            .sleep(timeoutSeconds * 1000, abort.signal)
            .then(() => finish(E.left(waitTimeout(`${q.kind} ${q.name ?? ''}`.trim()))))
        }),
    logs: ({ namespace, name }) =>
      io(() => {
        const pod = objects.get(`/Pod/${namespace}/${name}`)
        if (pod === undefined) return E.left(kubeNotFound('pods', name))
        return E.right(
          opts.podLogs ? opts.podLogs(clone(pod)) : `${name}: ${(pod as Obj).status?.phase ?? 'Pending'}\n`,
        )
      }),
  }
}
