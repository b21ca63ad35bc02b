// Kubernetes API deprecations (k8s.io/api prerelease lifecycle) that Helm 4's lint reports (only types of
// k8s.io/api: no CRD or APIService, whose types live elsewhere, and no PodSecurityPolicy, removed from it):
// [apiVersion, kind, deprecated in, removed in (or ''), replacement apiVersion + kind (or '')].
const TABLE: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['extensions/v1beta1', 'DaemonSet', '1.8', '1.16', 'apps/v1 DaemonSet'],
  ['extensions/v1beta1', 'Deployment', '1.8', '1.16', 'apps/v1 Deployment'],
  ['extensions/v1beta1', 'ReplicaSet', '1.8', '1.16', 'apps/v1 ReplicaSet'],
  ['extensions/v1beta1', 'NetworkPolicy', '1.9', '1.16', 'networking.k8s.io/v1 NetworkPolicy'],
  ['extensions/v1beta1', 'Ingress', '1.14', '1.22', 'networking.k8s.io/v1 Ingress'],
  ['apps/v1beta1', 'Deployment', '1.8', '1.16', 'apps/v1 Deployment'],
  ['apps/v1beta1', 'StatefulSet', '1.8', '1.16', 'apps/v1 StatefulSet'],
  ['apps/v1beta1', 'ControllerRevision', '1.8', '1.16', 'apps/v1 ControllerRevision'],
  ['apps/v1beta2', 'DaemonSet', '1.9', '1.16', 'apps/v1 DaemonSet'],
  ['apps/v1beta2', 'Deployment', '1.9', '1.16', 'apps/v1 Deployment'],
  ['apps/v1beta2', 'ReplicaSet', '1.9', '1.16', 'apps/v1 ReplicaSet'],
  ['apps/v1beta2', 'StatefulSet', '1.9', '1.16', 'apps/v1 StatefulSet'],
  ['apps/v1beta2', 'ControllerRevision', '1.9', '1.16', 'apps/v1 ControllerRevision'],
  ['rbac.authorization.k8s.io/v1beta1', 'Role', '1.17', '1.22', 'rbac.authorization.k8s.io/v1 Role'],
  ['rbac.authorization.k8s.io/v1beta1', 'RoleBinding', '1.17', '1.22', 'rbac.authorization.k8s.io/v1 RoleBinding'],
  ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole', '1.17', '1.22', 'rbac.authorization.k8s.io/v1 ClusterRole'],
  [
    'rbac.authorization.k8s.io/v1beta1',
    'ClusterRoleBinding',
    '1.17',
    '1.22',
    'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
  ],
  ['policy/v1beta1', 'PodDisruptionBudget', '1.21', '1.25', 'policy/v1 PodDisruptionBudget'],
  ['batch/v1beta1', 'CronJob', '1.21', '1.25', 'batch/v1 CronJob'],
  ['scheduling.k8s.io/v1beta1', 'PriorityClass', '1.14', '1.22', 'scheduling.k8s.io/v1 PriorityClass'],
  [
    'admissionregistration.k8s.io/v1beta1',
    'ValidatingWebhookConfiguration',
    '1.16',
    '1.22',
    'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration',
  ],
  [
    'admissionregistration.k8s.io/v1beta1',
    'MutatingWebhookConfiguration',
    '1.16',
    '1.22',
    'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration',
  ],
  ['networking.k8s.io/v1beta1', 'Ingress', '1.19', '1.22', 'networking.k8s.io/v1 Ingress'],
  ['networking.k8s.io/v1beta1', 'IngressClass', '1.19', '1.22', 'networking.k8s.io/v1 IngressClass'],
  ['storage.k8s.io/v1beta1', 'StorageClass', '1.19', '1.22', 'storage.k8s.io/v1 StorageClass'],
  ['storage.k8s.io/v1beta1', 'VolumeAttachment', '1.19', '1.22', 'storage.k8s.io/v1 VolumeAttachment'],
  ['storage.k8s.io/v1beta1', 'CSIDriver', '1.19', '1.22', 'storage.k8s.io/v1 CSIDriver'],
  ['storage.k8s.io/v1beta1', 'CSINode', '1.17', '1.22', 'storage.k8s.io/v1 CSINode'],
  ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.24', '1.27', 'storage.k8s.io/v1 CSIStorageCapacity'],
  [
    'certificates.k8s.io/v1beta1',
    'CertificateSigningRequest',
    '1.19',
    '1.22',
    'certificates.k8s.io/v1 CertificateSigningRequest',
  ],
  ['coordination.k8s.io/v1beta1', 'Lease', '1.19', '1.22', 'coordination.k8s.io/v1 Lease'],
  ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.22', '1.25', 'autoscaling/v2 HorizontalPodAutoscaler'],
  ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.23', '1.26', 'autoscaling/v2 HorizontalPodAutoscaler'],
  ['discovery.k8s.io/v1beta1', 'EndpointSlice', '1.21', '1.25', 'discovery.k8s.io/v1 EndpointSlice'],
  ['events.k8s.io/v1beta1', 'Event', '1.22', '1.25', 'events.k8s.io/v1 Event'],
  ['node.k8s.io/v1beta1', 'RuntimeClass', '1.22', '1.25', 'node.k8s.io/v1 RuntimeClass'],
  ['v1', 'Endpoints', '1.33', '', 'discovery.k8s.io/v1 EndpointSlice'],
]

const minor = (v: string): [number, number] => {
  const m = /^v?(\d+)\.(\d+)/.exec(v)
  return m ? [Number(m[1]), Number(m[2])] : [0, 0]
}

const atLeast = (a: [number, number], b: [number, number]): boolean => a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1])

/**
 * Helm 4's lint warning for an object whose API was deprecated at or before `kubeVersion`
 * (e.g. "extensions/v1beta1 Deployment is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 Deployment"),
 * or undefined.
 */
export const deprecationWarning = (apiVersion: string, kind: string, kubeVersion: string): string | undefined => {
  const row = TABLE.find(([a, k]) => a === apiVersion && k === kind)
  if (!row || !atLeast(minor(kubeVersion), minor(row[2]))) return undefined
  const [, , dep, removed, use] = row
  return `${apiVersion} ${kind} is deprecated in v${dep}+${removed ? `, unavailable in v${removed}+` : ''}${use ? `; use ${use}` : ''}`
}
