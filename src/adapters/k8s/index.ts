// The one entry composition roots load (lazily, with `await import('../adapters/k8s')`): a connection to
// the cluster the kubeconfig names, the KubeClient on it, and the release store drivers that live in it.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { kubeUnavailable, type KubeError } from '../../domain/release/KubeError'
import type { KubeClient } from '../../ports/KubeClient'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import { configMapStore } from '../configmap-store/ConfigMapStore'
import { secretStore } from '../secret-store/SecretStore'
import { k8sClient, type K8sClientOptions } from './K8sClient'
import { connect, type ConnectOptions, type Rest } from './Rest'

export { connect, type ConnectOptions, type Rest } from './Rest'
export { k8sClient, type K8sClientOptions } from './K8sClient'

/** A connected cluster. */
export interface Cluster {
  readonly rest: Rest
  readonly kube: KubeClient
  /** Helm v2's storage drivers that keep releases in the cluster (`--storage configmap|secret`). */
  readonly store: (driver: 'configmap' | 'secret', namespace: string) => ReleaseStore
}

/** Connects to the cluster `opts` names; a bad configuration is a KubeUnavailable whose cause is one line. */
export const connectCluster =
  (opts: ConnectOptions & K8sClientOptions = {}): TE.TaskEither<KubeError, Cluster> =>
  () =>
    connect(opts).then(
      (rest) =>
        E.right({
          rest,
          kube: k8sClient(rest, opts),
          store: (driver, namespace) =>
            driver === 'secret' ? secretStore(rest, namespace) : configMapStore(rest, namespace),
        }),
      (e: unknown) => E.left(kubeUnavailable((e as Error).message)),
    )

/**
 * Whether any cluster is configured the way client-node looks for one: $KUBECONFIG, ~/.kube/config, or an
 * in-cluster service account. When none is, the embedded sandbox (src/sandbox) is the default cluster.
 */
export const clusterConfigured = (env: NodeJS.ProcessEnv = process.env, home: string = homedir()): boolean =>
  Boolean(env.KUBECONFIG) ||
  existsSync(join(home, '.kube', 'config')) ||
  (Boolean(env.KUBERNETES_SERVICE_HOST) && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token'))
