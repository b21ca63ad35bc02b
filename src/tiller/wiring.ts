import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/Either'
import { message } from '../domain/errors'
import { memoryStore } from '../adapters/memory-store/MemoryStore'
import type { Logger } from '../ports/Logger'
import type { ReleaseStore } from '../ports/ReleaseStore'
import { type Tiller, createTiller } from './embed'
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

/** A Tiller wired to its cluster and store, and what the wiring started. */
export interface WiredTiller {
  readonly tiller: Tiller
  readonly store: ReleaseStore
  readonly namespace: string
  /** One line saying which cluster Tiller talks to. */
  readonly cluster: string
  /** Set when no cluster was configured and the sandbox was started in-process. */
  readonly sandbox?: { readonly url: string; readonly kubeconfigPath: string; readonly stop: () => Promise<void> }
}

/**
 * Connects to the configured cluster (kubeconfig / in-cluster), or starts the sandbox cluster in-process when
 * none is configured, and builds a Tiller on the chosen storage driver in Tiller's namespace.
 */
export const wireTiller = async (
  flags: TillerFlags,
  env: Readonly<Record<string, string | undefined>>,
  log: Logger,
): Promise<E.Either<string, WiredTiller>> => {
  const k8s = await import('../adapters/k8s')
  const namespace = tillerNamespace(env)
  let sandbox: WiredTiller['sandbox']
  let connectOpts: Parameters<typeof k8s.connectCluster>[0] = {
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.kubeContext ? { context: flags.kubeContext } : {}),
  }
  if (!flags.kubeconfig && !k8s.clusterConfigured(env as NodeJS.ProcessEnv)) {
    const { startSandbox } = await import('../sandbox/Sandbox')
    const sb = await startSandbox({ ...(flags.sandboxDataDir ? { dataDir: flags.sandboxDataDir } : {}) })
    const kubeconfigPath = flags.sandboxKubeconfig ?? join(tmpdir(), `wheelhouse-sandbox-${process.pid}`, 'kubeconfig')
    mkdirSync(dirname(kubeconfigPath), { recursive: true })
    writeFileSync(kubeconfigPath, sb.kubeconfig, { mode: 0o600 })
    sandbox = { url: sb.url, kubeconfigPath, stop: sb.stop }
    connectOpts = { kubeconfigYaml: sb.kubeconfig }
  }
  const cluster = await k8s.connectCluster(connectOpts)()
  if (E.isLeft(cluster)) {
    await sandbox?.stop()
    return E.left(message(cluster.left))
  }
  const store = flags.storage === 'memory' ? memoryStore() : cluster.right.store(flags.storage, namespace)
  const tiller = createTiller({ store, kube: cluster.right.kube, log, historyMax: flags.historyMax })
  return E.right({
    tiller,
    store,
    namespace,
    cluster: sandbox ? `the in-process sandbox cluster at ${sandbox.url}` : cluster.right.rest.server,
    ...(sandbox ? { sandbox } : {}),
  })
}
