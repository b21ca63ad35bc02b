/** Helm v2.17's install order (`pkg/tiller/kind_sorter.go` InstallOrder). */
export const installOrder: ReadonlyArray<string> = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'Secret',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'ServiceAccount',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'Ingress',
  'APIService',
]

/** Helm v2.17's uninstall order (UninstallOrder): nearly the install order reversed, but Service right after Ingress. */
export const uninstallOrder: ReadonlyArray<string> = [
  'APIService',
  'Ingress',
  'Service',
  'CronJob',
  'Job',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  'DaemonSet',
  'RoleBindingList',
  'RoleBinding',
  'RoleList',
  'Role',
  'ClusterRoleBindingList',
  'ClusterRoleBinding',
  'ClusterRoleList',
  'ClusterRole',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'ConfigMap',
  'Secret',
  'PodDisruptionBudget',
  'PodSecurityPolicy',
  'LimitRange',
  'ResourceQuota',
  'NetworkPolicy',
  'Namespace',
]

/**
 * Helm 4.1's install order (`pkg/release/v1/util/kind_sorter.go`): the order `helm template` prints in,
 * for output compared with the reference binary.
 */
export const helm4InstallOrder: ReadonlyArray<string> = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]

/** Helm 4.1's uninstall order: webhooks first, Service right after Ingress/IngressClass. */
export const helm4UninstallOrder: ReadonlyArray<string> = [
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'Ingress',
  'IngressClass',
  'Service',
  'CronJob',
  'Job',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  'DaemonSet',
  'RoleBindingList',
  'RoleBinding',
  'RoleList',
  'Role',
  'ClusterRoleBindingList',
  'ClusterRoleBinding',
  'ClusterRoleList',
  'ClusterRole',
  'CustomResourceDefinition',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'ConfigMap',
  'SecretList',
  'Secret',
  'ServiceAccount',
  'PodDisruptionBudget',
  'PodSecurityPolicy',
  'LimitRange',
  'ResourceQuota',
  'NetworkPolicy',
  'Namespace',
  'PriorityClass',
]

const ranks = new WeakMap<ReadonlyArray<string>, ReadonlyMap<string, number>>()
const rankOf = (order: ReadonlyArray<string>): ReadonlyMap<string, number> => {
  let rank = ranks.get(order)
  if (rank === undefined) {
    rank = new Map(order.map((k, i) => [k, i]))
    ranks.set(order, rank)
  }
  return rank
}

/**
 * Helm's lessByKind: returns the items sorted by kind in `order`, stably: kinds in the list by their
 * position, then unknown kinds (custom resources) by kind name. Items of one kind keep their incoming
 * order, so callers feed them in template-path order (Helm v2 sorts one kind by template path; v3+ is
 * stable over sorted paths, the same result).
 */
export const sortByKind = <A>(items: ReadonlyArray<A>, kindOf: (a: A) => string, order: ReadonlyArray<string>): A[] => {
  const rank = rankOf(order)
  const indexed = items.map((item, i) => ({ item, i, kind: kindOf(item) }))
  indexed.sort((a, b) => {
    const ra = rank.get(a.kind)
    const rb = rank.get(b.kind)
    if (ra !== undefined && rb !== undefined) return ra - rb || a.i - b.i
    if (ra !== undefined) return -1
    if (rb !== undefined) return 1
    return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.i - b.i
  })
  return indexed.map((x) => x.item)
}
