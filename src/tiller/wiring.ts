import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/Either'
import { message } from '../domain/errors'
import { configMapStore } from '../adapters/configmap-store/ConfigMapStore'
import { helm3Store } from '../adapters/configmap-store/Helm3Store'
import { secretStore } from '../adapters/configmap-store/SecretStore'
import { memoryStore } from '../adapters/memory-store/MemoryStore'
import type { Session } from '../app/tiller/Session'
import type { Logger } from '../ports/Logger'
import type { NamespacedObjects } from '../ports/NamespacedObjects'
import type { ReleaseStore } from '../ports/ReleaseStore'
import { type Tiller, createTiller, startSession } from './embed'
import type { TillerFlags } from './flags'

const SERVICE_ACCOUNT_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace'

/** Tiller's namespace: $TILLER_NAMESPACE, else the in-cluster service account's, else kube-system (Helm v2). */
export const tillerNamespace = (
  env: Readonly<Record<string, string | undefined>>,
  saFile = SERVICE_ACCOUNT_NAMESPACE,
): string => {
  if (env.TILLER_NAMESPACE) return env.TILLER_NAMESPACE
  if (existsSync(saFile)) {
    const ns = readFileSync(saFile, 'utf8').trim()
    if (ns) return ns
  }
  return 'kube-system'
}

const SANDBOX_DIR = /^wheelhouse-sandbox-(\d+)$/

/** Whether process `pid` is alive (a process of another user counts as alive). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/**
 * Removes the `wheelhouse-sandbox-PID` folders (each holding an in-process sandbox's kubeconfig) that Tillers
 * killed without a chance to clean up (SIGKILL) left in `dir`.
 */
export const removeStaleSandboxKubeconfigs = (dir: string): void => {
  let names: string[] = []
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const pid = SANDBOX_DIR.exec(name)?.[1]
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue
    try {
      const files = readdirSync(join(dir, name))
      if (files.every((f) => f === 'kubeconfig')) rmSync(join(dir, name), { recursive: true, force: true })
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}

/**
 * The storage driver `driver` on a cluster's objects: Helm v2's in `namespace` (its chunks name `session` as
 * writer), or Helm 3/4's in each release's namespace (the records it skips told to `warn`).
 */
export const releaseStore = (
  driver: Exclude<TillerFlags['storage'], 'memory'>,
  objects: NamespacedObjects,
  namespace: string,
  session?: Session,
  warn?: (message: string) => void,
): ReleaseStore =>
  driver === 'helm3-secret' || driver === 'helm3-configmap'
    ? helm3Store(driver === 'helm3-secret' ? 'Secret' : 'ConfigMap', objects, warn ? { warn } : {})
    : (driver === 'secret' ? secretStore : configMapStore)(objects, namespace, session ? { writer: session.id } : {})

/**
 * The session of a Tiller listening on `listen` on this host: a Tiller restarted with the same listen flag
 * is the same holder (so it recovers what its earlier run left), two live ones never are.
 */
export const tillerSession = (listen: string, host: string = hostname()): Session => startSession(`${host}/${listen}`)

/** A Tiller wired to its cluster and store, and what the wiring started. */
export interface WiredTiller {
  readonly tiller: Tiller
  readonly store: ReleaseStore
  readonly namespace: string
  /** One line saying which cluster Tiller talks to. */
  readonly cluster: string
  /** Set when no cluster was configured and the sandbox was started in-process. */
  readonly sandbox?: { readonly url: string; readonly kubeconfigPath: string; readonly stop: () => Promise<void> }
  /** Stops the render workers. */
  readonly stopRenders: () => Promise<void>
}

/**
 * Connects to the configured cluster (kubeconfig / in-cluster), or starts the sandbox cluster in-process when
 * none is configured, and builds a Tiller on the chosen storage driver in Tiller's namespace. Charts render
 * in worker threads bounded by `--render-timeout` and `--render-memory` (a hostile chart costs one request).
 */
export const wireTiller = async (
  flags: TillerFlags,
  env: Readonly<Record<string, string | undefined>>,
  log: Logger,
): Promise<E.Either<string, WiredTiller>> => {
  const k8s = await import('../adapters/k8s')
  const namespace = tillerNamespace(env)
  let sandbox: WiredTiller['sandbox']
  // a request the API server is slow to answer (recovery at start, an operation) is logged every 5 s
  const progress = (line: string): void => log.info(line.trimEnd())
  let connectOpts: Parameters<typeof k8s.connectCluster>[0] = {
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.kubeContext ? { context: flags.kubeContext } : {}),
    progress,
    env,
  }
  if (!flags.kubeconfig && !k8s.clusterConfigured(env)) {
    const { startSandbox } = await import('../sandbox/Sandbox')
    const sb = await startSandbox({ ...(flags.sandboxDataDir ? { dataDir: flags.sandboxDataDir } : {}) })
    removeStaleSandboxKubeconfigs(tmpdir())
    // the default kubeconfig (a folder of this process) goes when Tiller ends: stopped, signalled or crashed
    const ownDir = flags.sandboxKubeconfig ? undefined : join(tmpdir(), `wheelhouse-sandbox-${process.pid}`)
    const kubeconfigPath = flags.sandboxKubeconfig ?? join(ownDir!, 'kubeconfig')
    const cleanup = (): void => {
      if (ownDir) rmSync(ownDir, { recursive: true, force: true })
    }
    process.once('exit', cleanup)
    mkdirSync(dirname(kubeconfigPath), { recursive: true })
    writeFileSync(kubeconfigPath, sb.kubeconfig, { mode: 0o600 })
    sandbox = {
      url: sb.url,
      kubeconfigPath,
      stop: async () => {
        await sb.stop()
        cleanup()
        process.removeListener('exit', cleanup)
      },
    }
    connectOpts = { kubeconfigYaml: sb.kubeconfig, progress }
  }
  const cluster = await k8s.connectCluster(connectOpts)()
  if (E.isLeft(cluster)) {
    await sandbox?.stop()
    return E.left(message(cluster.left))
  }
  const session = tillerSession(flags.listen)
  const store =
    flags.storage === 'memory'
      ? memoryStore()
      : releaseStore(flags.storage, cluster.right.objects, namespace, session, log.warn)
  const { renderPool } = await import('../adapters/render-worker/RenderPool')
  const pool = renderPool({
    timeoutMs: flags.renderTimeout * 1000,
    maxHeapMb: flags.renderMemory,
    workers: flags.renderWorkers,
  })
  const tiller = createTiller({
    store,
    kube: cluster.right.kube,
    log,
    historyMax: flags.historyMax,
    session,
    engine: pool.engine,
    // sharing Helm 3 records with real Helm: its hooks run as Helm 3/4 run them
    helm4HookDefaults: flags.storage === 'helm3-secret' || flags.storage === 'helm3-configmap',
  })
  return E.right({
    tiller,
    store,
    namespace,
    stopRenders: pool.close,
    cluster: sandbox ? `the in-process sandbox cluster at ${sandbox.url}` : cluster.right.rest.server,
    ...(sandbox ? { sandbox } : {}),
  })
}
