// The one entry composition roots load (lazily, with `await import('../adapters/k8s')`): a connection to
// the cluster the kubeconfig names, the KubeClient on it, and its ConfigMaps and Secrets (NamespacedObjects)
// that the storage drivers (src/adapters/configmap-store) are built on by the composition roots.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { kubeUnavailable, type KubeError } from '../../domain/release/KubeError'
import type { KubeClient } from '../../ports/KubeClient'
import type { NamespacedObjects } from '../../ports/NamespacedObjects'
import { k8sClient, type K8sClientOptions } from './K8sClient'
import { namespacedObjects } from './Objects'
import { connect, type ConnectOptions, type Rest } from './Rest'

export { connect, type ConnectOptions, type Rest } from './Rest'
export { k8sClient, type K8sClientOptions } from './K8sClient'
export { namespacedObjects } from './Objects'

/** A connected cluster. */
export interface Cluster {
  readonly rest: Rest
  readonly kube: KubeClient
  /** The cluster's ConfigMaps and Secrets, what storage drivers keep releases in. */
  readonly objects: NamespacedObjects
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
          objects: namespacedObjects(rest),
        }),
      (e: unknown) => E.left(kubeUnavailable((e as Error).message)),
    )

/**
 * Whether any cluster is configured the way client-node looks for one: $KUBECONFIG, ~/.kube/config, or an
 * in-cluster service account. When none is, the embedded sandbox (src/sandbox) is the default cluster.
 */
export const clusterConfigured = (
  env: Readonly<Record<string, string | undefined>>,
  home: string = env.HOME || homedir(),
): boolean =>
  Boolean(env.KUBECONFIG) ||
  existsSync(join(home, '.kube', 'config')) ||
  (Boolean(env.KUBERNETES_SERVICE_HOST) && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token'))
