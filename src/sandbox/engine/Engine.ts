// The fake cluster: one engine (objects, one global resourceVersion, 409s, selectors, patches, status,
// validation, fake controllers, watch) that the sandbox serves over HTTPS and the in-memory KubeClient
// adapter calls directly.
import { Api } from './Api'
import { Controllers, type Schedule } from './Controllers'
import { type KObj, strAt } from './Json'
import { Allocator, type EngineEnv, prepareCreate } from './Objects'
import { Registry } from './Registry'
import { builtinResources, resourceKey } from './Resources'
import { ObjectStore, type Snapshot } from './Store'

/** The server version a fake cluster reports. */
export interface ServerVersion {
  readonly major: string
  readonly minor: string
  readonly gitVersion: string
}

/** Annotation whose value a fake cluster serves as a pod's log (its pods run nothing). */
export const POD_LOG = 'sandbox.wheelhouse.io/log'

export const DEFAULT_VERSION: ServerVersion = { major: '1', minor: '32', gitVersion: 'v1.32.0' }
const SEED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

/** How to make an engine. */
export interface EngineOptions {
  readonly env: EngineEnv
  /** State to start from (a data folder's); a fresh cluster is seeded with its namespaces and one node. */
  readonly snapshot?: Snapshot | undefined
  /** Events kept for watch replay (older resourceVersions answer 410 Gone). */
  readonly watchHistory?: number
  /** Whether the workload controllers run at first (default true). */
  readonly controllers?: boolean
  readonly schedule?: Schedule
}

/** A fake cluster. */
export interface Engine {
  readonly store: ObjectStore
  readonly registry: Registry
  readonly api: Api
  readonly controllers: Controllers
  readonly env: EngineEnv
}

const seed = (e: Omit<Engine, 'api' | 'controllers'>, alloc: Allocator): void => {
  const prep = { env: e.env, alloc }
  const nsRes = builtinResources.find((r) => r.kind === 'Namespace')!
  for (const name of SEED_NAMESPACES)
    e.store.put(
      resourceKey(nsRes),
      prepareCreate(prep, nsRes, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, undefined),
    )
  const nodeRes = builtinResources.find((r) => r.kind === 'Node')!
  e.store.put(
    resourceKey(nodeRes),
    prepareCreate(
      prep,
      nodeRes,
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'sandbox-node', labels: { 'kubernetes.io/hostname': 'sandbox-node' } },
      },
      undefined,
    ),
  )
}

/** Makes a fake cluster. */
export const createEngine = (opts: EngineOptions): Engine => {
  const store = new ObjectStore(opts.watchHistory ?? 5000, opts.snapshot)
  const registry = new Registry(store)
  // the cluster IPs Services hold, so that allocation never hands out one in use (after a restart too)
  const usedIPs = new Set<string>()
  const ipOf = (o: KObj | undefined): string | undefined => strAt(o, 'spec', 'clusterIP')
  for (const svc of store.list('/services')) {
    const ip = ipOf(svc)
    if (ip) usedIPs.add(ip)
  }
  store.subscribe((e) => {
    if (e.res !== '/services') return
    const before = ipOf(e.prev ?? (e.type === 'DELETED' ? e.obj : undefined))
    if (before) usedIPs.delete(before)
    const now = e.type === 'DELETED' ? undefined : ipOf(e.obj)
    if (now) usedIPs.add(now)
  })
  const alloc = new Allocator((ip) => usedIPs.has(ip))
  if (!opts.snapshot) seed({ store, registry, env: opts.env }, alloc)
  const prep = { env: opts.env, alloc }
  const api = new Api(store, registry, prep)
  const controllers = new Controllers(store, registry, prep, opts.controllers ?? true, opts.schedule ?? 'timer')
  return { store, registry, api, controllers, env: opts.env }
}
