import type { ApiResource } from '../../domain/release/KubeObject'

const r = (groupVersion: string, kind: string, name: string, namespaced = true): ApiResource => ({
  groupVersion,
  kind,
  name,
  namespaced,
})

/** The kinds a fresh memory cluster serves (a Kubernetes 1.35 subset: every kind Helm's install order names). */
export const builtinResources: ReadonlyArray<ApiResource> = [
  r('v1', 'Namespace', 'namespaces', false),
  r('v1', 'ConfigMap', 'configmaps'),
  r('v1', 'Secret', 'secrets'),
  r('v1', 'Service', 'services'),
  r('v1', 'Pod', 'pods'),
  r('v1', 'ServiceAccount', 'serviceaccounts'),
  r('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  r('v1', 'PersistentVolume', 'persistentvolumes', false),
  r('v1', 'ReplicationController', 'replicationcontrollers'),
  r('v1', 'Endpoints', 'endpoints'),
  r('v1', 'Event', 'events'),
  r('v1', 'LimitRange', 'limitranges'),
  r('v1', 'ResourceQuota', 'resourcequotas'),
  r('apps/v1', 'Deployment', 'deployments'),
  r('apps/v1', 'StatefulSet', 'statefulsets'),
  r('apps/v1', 'DaemonSet', 'daemonsets'),
  r('apps/v1', 'ReplicaSet', 'replicasets'),
  r('batch/v1', 'Job', 'jobs'),
  r('batch/v1', 'CronJob', 'cronjobs'),
  r('networking.k8s.io/v1', 'Ingress', 'ingresses'),
  r('networking.k8s.io/v1', 'IngressClass', 'ingressclasses', false),
  r('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies'),
  r('rbac.authorization.k8s.io/v1', 'Role', 'roles'),
  r('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings'),
  r('rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', false),
  r('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  r('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets'),
  r('autoscaling/v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  r('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  r('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinitions', false),
  r('storage.k8s.io/v1', 'StorageClass', 'storageclasses', false),
  r('scheduling.k8s.io/v1', 'PriorityClass', 'priorityclasses', false),
  r('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false),
  r('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false),
  r('apiregistration.k8s.io/v1', 'APIService', 'apiservices', false),
  r('coordination.k8s.io/v1', 'Lease', 'leases'),
]

/** The resources a CustomResourceDefinition object adds (one per served version). */
export const resourcesOfCrd = (crd: Record<string, any>): ApiResource[] => {
  const spec = crd.spec ?? {}
  const versions: Array<Record<string, any>> =
    spec.versions ?? (spec.version ? [{ name: spec.version, served: true }] : [])
  return versions
    .filter((v) => v.served !== false)
    .map((v) =>
      r(
        `${spec.group}/${v.name}`,
        spec.names?.kind ?? '',
        spec.names?.plural ?? '',
        (spec.scope ?? 'Namespaced') === 'Namespaced',
      ),
    )
}
