// The KubeClient port on the fake cluster engine in memory (the engine the sandbox serves over HTTPS, called
// here directly, no HTTP): the same objects, resourceVersions, 409s, 422s, selectors, merge patch, watch and
// controllers. Time comes from the injected clock and uids and generated names are deterministic, so tests
// and dry runs repeat exactly; the controllers settle after every call, so a wait sees ready workloads at once.
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { type ApiStatus, kubeErrorOfStatus } from '../../domain/release/ApiBodies'
import { type KubeError, kindNotFound, waitTimeout } from '../../domain/release/KubeError'
import {
  describeRef,
  type Discovery,
  type KubeObject,
  type ObjectRef,
  type WatchEvent,
} from '../../domain/release/KubeObject'
import { readiness } from '../../domain/release/Readiness'
import type { Clock } from '../../ports/Clock'
import type { KubeClient } from '../../ports/KubeClient'
import type { Query, Target } from '../../sandbox/engine/Api'
import { createEngine, DEFAULT_VERSION, type Engine, POD_LOG } from '../../sandbox/engine/Engine'
import { clone, type KObj, strAt } from '../../sandbox/engine/Json'
import { groupVersion, type ResourceType } from '../../sandbox/engine/Resources'
import { ApiError } from '../../sandbox/engine/Status'
import { openWatch } from '../../sandbox/engine/Watch'

/** The switches of the memory cluster's fake controllers (the engine's, under the names tests use). */
export interface ControllerSettings {
  /** When false, workloads never become ready (to test `--wait` timeouts). */
  ready: boolean
  /** Names of Jobs and Pods that end Failed instead of succeeding. */
  readonly failing: Set<string>
  /** Names of Jobs and Pods that never finish. */
  readonly hanging: Set<string>
}

/** Options of a memory cluster. */
export interface MemoryKubeOptions {
  /** Time source for waits and timestamps (a virtual clock makes timeouts instant). */
  readonly clock: Clock
  /** Milliseconds between readiness checks of `waitReady` (default 100). */
  readonly pollMs?: number
  /** The text `logs` returns for a pod (default: its `sandbox.wheelhouse.io/log` annotation, else one line naming it). */
  readonly podLogs?: (pod: KubeObject) => string
}

/** The memory KubeClient plus the switches and views tests use. */
export interface MemoryKube extends KubeClient {
  readonly controllers: ControllerSettings
  /** Every stored object, sorted by kind/namespace/name (a copy). */
  readonly objects: () => ReadonlyArray<KubeObject>
  /** Every write through this client so far, in order (`create Kind/name`, `patch …`, `delete …`). */
  readonly journal: ReadonlyArray<string>
  /** Writes to fail, keyed like the journal (`delete ConfigMap/x`), with the error to return (every time). */
  readonly faults: Map<string, KubeError>
  /** The fake cluster underneath. */
  readonly engine: Engine
}

const query = (params: Readonly<Record<string, string | undefined>>): Query => ({
  get: (name) => params[name] ?? null,
})

const qualified = (r: ResourceType): string => (r.group ? `${r.plural}.${r.group}` : r.plural)

/** The KubeError of an engine refusal, as the k8s adapter reads the same Status over HTTP. */
const kubeErrorOf = (e: ApiError, r: ResourceType, name: string): KubeError => {
  const s: ApiStatus = {
    code: e.code,
    reason: e.status.reason ?? '',
    message: e.status.message ?? '',
    details: {
      ...(e.status.details?.name !== undefined ? { name: e.status.details.name } : {}),
      ...(e.status.details?.group !== undefined ? { group: e.status.details.group } : {}),
      ...(e.status.details?.kind !== undefined ? { kind: e.status.details.kind } : {}),
    },
  }
  return kubeErrorOfStatus(s, qualified(r), name)
}

/** An engine object as the port hands it out: the served copy (KubeObject is read-only, the store's own
 * objects are never mutated, so no deep copy is needed). */
const asKube = (o: KObj): KubeObject => o as KubeObject

/**
 * A Kubernetes API in memory on the fake cluster engine: discovery (CRDs add kinds), namespaces,
 * uid/resourceVersion/generation, validation (422s for immutable fields), JSON merge patch, label selectors,
 * watch, and fake controllers that make workloads ready (switch `controllers.ready` off to test wait
 * failures; name Jobs/Pods in `failing` or `hanging`).
 */
export const memoryKube = (opts: MemoryKubeOptions): MemoryKube => {
  const { clock } = opts
  let serial = 0
  let seed = 42
  const engine = createEngine({
    env: {
      now: () => clock.now(),
      uid: () => `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`,
      random: (n) => {
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed % n
      },
    },
    schedule: 'manual',
    // this adapter's watches start from the current objects (no resourceVersion to replay from): keeping the
    // last 5,000 events would only hold old versions of objects in memory
    watchHistory: 0,
  })
  const { api, registry, store } = engine
  const journal: string[] = []
  const faults = new Map<string, KubeError>()
  let discovery: { readonly served: ReadonlyArray<ResourceType>; readonly answer: Discovery } | undefined
  const settle = (): void => engine.controllers.settle()
  settle()
  const controllers: ControllerSettings = {
    get ready() {
      return engine.controllers.isEnabled
    },
    set ready(on: boolean) {
      engine.controllers.setEnabled(on)
    },
    failing: engine.controllers.failing,
    hanging: engine.controllers.hanging,
  }

  /** Runs an engine call against the resource of `apiVersion`/`kind`; refusals become KubeErrors. */
  const call = <A>(
    apiVersion: string,
    kind: string,
    name: string,
    f: (r: ResourceType) => A,
  ): TE.TaskEither<KubeError, A> => {
    return () =>
      Promise.resolve().then(() => {
        const r = registry.byApiVersion(apiVersion, kind)
        if (r === undefined) return E.left(kindNotFound(apiVersion, kind))
        try {
          const out = f(r)
          settle()
          return E.right(out)
        } catch (e) {
          settle()
          if (e instanceof ApiError) return E.left(kubeErrorOf(e, r, name))
          throw e
        }
      })
  }
  const target = (r: ResourceType, ns: string | undefined, name?: string): Target => ({
    r,
    ns: r.namespaced ? (ns ?? 'default') : undefined,
    name,
    sub: undefined,
  })
  /** A list's or watch's scope: one namespace, or all of them when none is named. */
  const scope = (r: ResourceType, ns: string | undefined): Target => ({
    r,
    ns: r.namespaced ? ns : undefined,
    name: undefined,
    sub: undefined,
  })
  const withFault =
    <A>(op: string, run: TE.TaskEither<KubeError, A>): TE.TaskEither<KubeError, A> =>
    async () => {
      const f = faults.get(op)
      if (f !== undefined) return E.left(f)
      const r = await run()
      if (E.isRight(r)) journal.push(op)
      return r
    }

  const get = (ref: ObjectRef): TE.TaskEither<KubeError, KubeObject> =>
    call(ref.apiVersion, ref.kind, ref.name, (r) => asKube(api.getObject(target(r, ref.namespace, ref.name))))

  const ready = async (ref: ObjectRef): Promise<E.Either<KubeError, string | undefined>> => {
    const got = await get(ref)()
    if (E.isLeft(got))
      return got.left._tag === 'KubeNotFound' ? E.right(`${describeRef(ref)}: not found`) : E.left(got.left)
    const r = readiness(got.right)
    return E.right(r.ready ? undefined : r.waiting)
  }

  return {
    name: 'memory',
    controllers,
    journal,
    faults,
    engine,
    objects: () =>
      [...store.entries()]
        .map(([, o]) => clone(o) as KubeObject)
        .sort((a, b) =>
          `${a.kind}/${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
            `${b.kind}/${b.metadata.namespace}/${b.metadata.name}`,
          ),
        ),
    discover: () => async () => {
      // one answer per served set (it changes only with CustomResourceDefinitions): callers keep what they derive
      // from an answer (scopes, API versions) with it
      const served = registry.all()
      if (discovery?.served !== served)
        discovery = {
          served,
          answer: {
            serverVersion: { ...DEFAULT_VERSION },
            resources: served.map((r) => ({
              groupVersion: groupVersion(r),
              kind: r.kind,
              name: r.plural,
              namespaced: r.namespaced,
            })),
          },
        }
      return E.right(discovery.answer)
    },
    create: (obj) => {
      const name = obj.metadata.name ?? ''
      return withFault(
        `create ${obj.kind}/${name}`,
        call(obj.apiVersion, obj.kind, name, (r) =>
          asKube(api.create(target(r, obj.metadata.namespace), obj, query({})).body as KObj),
        ),
      )
    },
    get,
    list: (q) =>
      call(q.apiVersion, q.kind, q.name ?? '', (r) =>
        api
          .listObjects(
            scope(r, q.namespace),
            query({
              labelSelector: q.labelSelector || undefined,
              fieldSelector: q.name !== undefined ? `metadata.name=${q.name}` : undefined,
            }),
          )
          .items.map((o) => ({ ...asKube(o), apiVersion: q.apiVersion, kind: q.kind })),
      ),
    patch: (ref, patch) =>
      withFault(
        `patch ${ref.kind}/${ref.name}`,
        call(ref.apiVersion, ref.kind, ref.name, (r) => {
          const t = target(r, ref.namespace, ref.name)
          return asKube(api.patch(t, 'application/merge-patch+json', patch, query({})).body as KObj)
        }),
      ),
    delete: (ref, precondition) =>
      withFault(
        `delete ${ref.kind}/${ref.name}`,
        call(ref.apiVersion, ref.kind, ref.name, (r) => {
          api.delete(target(r, ref.namespace, ref.name), query({}), {
            propagationPolicy: 'Background',
            ...(precondition ? { preconditions: { uid: precondition.uid } } : {}),
          })
        }),
      ),
    waitReady:
      (refs, { timeoutSeconds, onProgress }) =>
      async () => {
        const deadline = clock.now().getTime() + timeoutSeconds * 1000
        for (;;) {
          settle()
          const pending: string[] = []
          for (const ref of refs) {
            const r = await ready(ref)
            if (E.isLeft(r)) return r
            if (r.right !== undefined) pending.push(r.right)
          }
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
          const r = registry.byApiVersion(q.apiVersion, q.kind)
          if (r === undefined) return resolve(E.left(kindNotFound(q.apiVersion, q.kind)))
          const abort = new AbortController()
          let done = false
          let stop: (() => void) | 'ended' | undefined
          const finish = (result: E.Either<KubeError, void>): void => {
            if (done) return
            done = true
            if (typeof stop === 'function') stop()
            abort.abort()
            resolve(result)
          }
          try {
            stop = openWatch(
              store,
              scope(r, q.namespace),
              query({
                labelSelector: q.labelSelector || undefined,
                fieldSelector: q.name !== undefined ? `metadata.name=${q.name}` : undefined,
              }),
              (type, object) => {
                if (done || (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED')) return
                const event: WatchEvent = {
                  type,
                  object: { ...asKube(object as KObj), apiVersion: q.apiVersion, kind: q.kind },
                }
                if (onEvent(event)) finish(E.right(undefined))
              },
            )
          } catch (e) {
            if (e instanceof ApiError) return resolve(E.left(kubeErrorOf(e, r, q.name ?? '')))
            throw e
          }
          if (done) {
            if (typeof stop === 'function') stop()
            return
          }
          settle()
          if (done) return
          void clock
            .sleep(timeoutSeconds * 1000, abort.signal)
            .then(() => finish(E.left(waitTimeout(`${q.kind} ${q.name ?? ''}`.trim()))))
        }),
    logs: ({ namespace, name }) =>
      call('v1', 'Pod', name, (r) => {
        const pod = api.getObject(target(r, namespace, name))
        if (opts.podLogs) return opts.podLogs(asKube(pod))
        return (
          strAt(pod, 'metadata', 'annotations', POD_LOG) ?? `${name}: ${strAt(pod, 'status', 'phase') ?? 'Pending'}\n`
        )
      }),
  }
}
