// The fake cluster's resource table: built-in kinds plus those that CustomResourceDefinitions make appear.
import { isObject, type KObj, listAt, objAt, strAt } from './Json'

/** One served resource: group/version/plural and how discovery describes it. */
export interface ResourceType {
  readonly group: string
  readonly version: string
  readonly kind: string
  readonly plural: string
  readonly singular: string
  readonly namespaced: boolean
  readonly shortNames: ReadonlyArray<string>
  readonly status: boolean
  readonly scale: boolean
  /** Extra discovery verbs beyond the usual CRUD set (e.g. none for read-only kinds). */
  readonly verbs: ReadonlyArray<string>
  readonly categories?: ReadonlyArray<string>
  readonly crd?: boolean
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

const def = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  shortNames: string[] = [],
  opts: { status?: boolean; scale?: boolean; categories?: string[] } = {},
): ResourceType => ({
  group,
  version,
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  shortNames,
  status: opts.status ?? false,
  scale: opts.scale ?? false,
  verbs: VERBS,
  ...(opts.categories ? { categories: opts.categories } : {}),
})

const all = ['all']

/** The built-in kinds the sandbox serves, in discovery order. */
export const builtinResources: ReadonlyArray<ResourceType> = [
  def('', 'v1', 'Namespace', 'namespaces', false, ['ns'], { status: true }),
  def('', 'v1', 'ConfigMap', 'configmaps', true, ['cm']),
  def('', 'v1', 'Secret', 'secrets', true),
  def('', 'v1', 'Service', 'services', true, ['svc'], { status: true, categories: all }),
  def('', 'v1', 'Pod', 'pods', true, ['po'], { status: true, categories: all }),
  def('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'], { status: true }),
  def('', 'v1', 'PersistentVolume', 'persistentvolumes', false, ['pv'], { status: true }),
  def('', 'v1', 'ServiceAccount', 'serviceaccounts', true, ['sa']),
  def('', 'v1', 'Endpoints', 'endpoints', true, ['ep']),
  def('', 'v1', 'Event', 'events', true, ['ev']),
  def('', 'v1', 'Node', 'nodes', false, ['no'], { status: true }),
  def('', 'v1', 'ReplicationController', 'replicationcontrollers', true, ['rc'], {
    status: true,
    scale: true,
    categories: all,
  }),
  def('', 'v1', 'ResourceQuota', 'resourcequotas', true, ['quota'], { status: true }),
  def('', 'v1', 'LimitRange', 'limitranges', true, ['limits']),
  def('apps', 'v1', 'Deployment', 'deployments', true, ['deploy'], { status: true, scale: true, categories: all }),
  def('apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs'], { status: true, scale: true, categories: all }),
  def('apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts'], { status: true, scale: true, categories: all }),
  def('apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds'], { status: true, categories: all }),
  def('apps', 'v1', 'ControllerRevision', 'controllerrevisions', true),
  def('batch', 'v1', 'Job', 'jobs', true, [], { status: true, categories: all }),
  def('batch', 'v1', 'CronJob', 'cronjobs', true, ['cj'], { status: true, categories: all }),
  def('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, ['hpa'], {
    status: true,
    categories: all,
  }),
  def('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, ['hpa'], {
    status: true,
    categories: all,
  }),
  def('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, ['pdb'], { status: true }),
  def('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing'], { status: true }),
  def('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, ['netpol']),
  def('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  def('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  def('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  def('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  def('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  def('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, ['sc']),
  def('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, ['crd', 'crds'], {
    status: true,
  }),
  def('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
  def('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false, ['pc']),
  def('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false),
  def('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false),
  def('apiregistration.k8s.io', 'v1', 'APIService', 'apiservices', false, [], { status: true }),
]

/** The resources a stored CustomResourceDefinition serves (one per served version). */
export const crdResources = (crd: KObj): ReadonlyArray<ResourceType> => {
  const group = strAt(crd, 'spec', 'group')
  const names = objAt(crd, 'spec', 'names') ?? {}
  const [plural, kind] = [strAt(names, 'plural'), strAt(names, 'kind')]
  if (group === undefined || plural === undefined || kind === undefined) return []
  // apiextensions v1beta1 had a single spec.version; v1 has spec.versions[]
  const single = strAt(crd, 'spec', 'version')
  const versions = Array.isArray(objAt(crd, 'spec')?.versions)
    ? listAt(crd, 'spec', 'versions').filter(isObject)
    : single !== undefined
      ? [{ name: single, served: true }]
      : []
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [])
  const categories = strings(names.categories)
  return versions
    .filter((v) => v.served !== false && typeof v.name === 'string')
    .map((v) => ({
      group,
      version: String(v.name),
      kind,
      plural,
      singular: strAt(names, 'singular') ?? kind.toLowerCase(),
      namespaced: strAt(crd, 'spec', 'scope') !== 'Cluster',
      shortNames: strings(names.shortNames),
      status: Boolean(objAt(v, 'subresources', 'status') ?? objAt(crd, 'spec', 'subresources', 'status')),
      scale: Boolean(objAt(v, 'subresources', 'scale') ?? objAt(crd, 'spec', 'subresources', 'scale')),
      verbs: VERBS,
      ...(Array.isArray(names.categories) ? { categories } : {}),
      crd: true,
    }))
}

/** `group/version` as apiVersion writes it (`v1` for the core group). */
export const groupVersion = (r: { group: string; version: string }): string =>
  r.group === '' ? r.version : `${r.group}/${r.version}`

/** The storage key of a resource, shared by all its versions. */
export const resourceKey = (r: { group: string; plural: string }): string => `${r.group}/${r.plural}`
