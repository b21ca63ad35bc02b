// What the API server does to an object before storing it: validation (names, labels, the 1 MiB limit),
// defaulting (the subset readiness maths depends on), metadata bookkeeping and generation.
import { randomUUID, randomInt } from 'node:crypto'
import { groupVersion, type KObj, type ResourceType } from './Resources'
import { type ApiError, invalid, internal, type Cause } from './Status'

/** kube-apiserver's limit on a ConfigMap's or Secret's data (corev1 validation MaxSecretSize). */
export const DATA_LIMIT = 1024 * 1024
/** etcd's default request limit: larger objects fail with "etcdserver: request is too large". */
export const OBJECT_LIMIT = 1.5 * 1024 * 1024

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/
const labelKinds = new Set(['Namespace', 'Service'])
const pathSegmentKinds = new Set(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'])

const nameCauses = (r: ResourceType, name: string): Cause[] => {
  const bad = (msg: string): Cause[] => [
    { reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${msg}`, field: 'metadata.name' },
  ]
  if (pathSegmentKinds.has(r.kind) || r.crd) {
    return name === '.' || name === '..' || /[/%]/.test(name) ? bad(`may not contain '/' or '%'`) : []
  }
  if (labelKinds.has(r.kind)) {
    if (name.length > 63 || !DNS1123_LABEL.test(name))
      return bad(
        `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      )
    return []
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name))
    return bad(
      `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    )
  return []
}

const labelCauses = (labels: unknown): Cause[] => {
  if (labels === undefined || labels === null) return []
  const out: Cause[] = []
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    const name = k.includes('/') ? k.slice(k.indexOf('/') + 1) : k
    if (name.length === 0 || name.length > 63 || !LABEL_VALUE.test(name))
      out.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        field: 'metadata.labels',
      })
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v))
      out.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${String(v)}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        field: `metadata.labels`,
      })
  }
  return out
}

const dataSize = (obj: KObj, base64Values: boolean): number => {
  let n = 0
  for (const field of ['data', 'binaryData', 'stringData']) {
    const d = obj[field]
    if (!d || typeof d !== 'object') continue
    const b64 = base64Values || field === 'binaryData'
    for (const [k, v] of Object.entries(d as Record<string, string>))
      n += k.length + (b64 ? Buffer.from(String(v), 'base64').length : Buffer.byteLength(String(v)))
  }
  return n
}

/** Throws the 422/500 the API server answers for an object it will not store. */
export const validate = (r: ResourceType, obj: KObj): void => {
  const name = String(obj.metadata?.name ?? '')
  const causes = [
    ...(name === ''
      ? [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: name or generateName is required',
            field: 'metadata.name',
          },
        ]
      : nameCauses(r, name)),
    ...labelCauses(obj.metadata?.labels),
  ]
  if ((r.kind === 'ConfigMap' || r.kind === 'Secret') && dataSize(obj, r.kind === 'Secret') > DATA_LIMIT)
    causes.push({
      reason: 'FieldValueTooLong',
      message: `Too long: must have at most ${DATA_LIMIT} bytes`,
      field: 'data',
    })
  if (causes.length > 0) throw invalid(r, name, causes)
  if (Buffer.byteLength(JSON.stringify(obj)) > OBJECT_LIMIT) throw internal('etcdserver: request is too large')
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** The name the API server generates from `metadata.generateName` (base cut to 58 + 5 random characters). */
export const generateName = (base: string): string =>
  base.slice(0, 58) + Array.from({ length: 5 }, () => GENERATE_ALPHABET[randomInt(GENERATE_ALPHABET.length)]).join('')

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')
/** Now, as metadata timestamps are written (RFC 3339, seconds). */
export const now = (): string => rfc3339(new Date())

let ipCounter = 10
const allocateClusterIP = (): string => {
  ipCounter++
  return `10.96.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`
}

let nodePortCounter = 0
const allocateNodePort = (): number => 30000 + (nodePortCounter++ % 2768)

const defaulted = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Service', 'Namespace'])

const defaults = (r: ResourceType, o: KObj): void => {
  if (!defaulted.has(r.kind) || r.crd) return
  const spec = (o.spec ??= {})
  switch (r.kind) {
    case 'Namespace':
      spec.finalizers ??= ['kubernetes']
      break
    case 'Deployment':
      spec.replicas ??= 1
      spec.strategy ??= { type: 'RollingUpdate' }
      if ((spec.strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
        spec.strategy.type = 'RollingUpdate'
        spec.strategy.rollingUpdate = { maxSurge: '25%', maxUnavailable: '25%', ...spec.strategy.rollingUpdate }
      }
      spec.revisionHistoryLimit ??= 10
      spec.progressDeadlineSeconds ??= 600
      break
    case 'StatefulSet':
      spec.replicas ??= 1
      spec.podManagementPolicy ??= 'OrderedReady'
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }
      break
    case 'DaemonSet':
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }
      break
    case 'ReplicaSet':
      spec.replicas ??= 1
      break
    case 'Job':
      spec.backoffLimit ??= 6
      if (spec.completions === undefined && spec.parallelism === undefined) {
        spec.completions = 1
        spec.parallelism = 1
      }
      break
    case 'Service':
      spec.type ??= 'ClusterIP'
      if (spec.type !== 'ExternalName') {
        spec.sessionAffinity ??= 'None'
        spec.clusterIP ??= allocateClusterIP()
        spec.clusterIPs ??= [spec.clusterIP]
      }
      for (const p of (spec.ports ?? []) as KObj[]) {
        p.protocol ??= 'TCP'
        p.targetPort ??= p.port
        if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') p.nodePort ??= allocateNodePort()
      }
      break
  }
}

const hasSpec = (o: KObj): boolean => 'spec' in o
const specPart = (o: KObj): string => {
  const { metadata: _m, status: _s, ...rest } = o
  return JSON.stringify(rest)
}

/** The object a create stores: name (generateName), metadata bookkeeping, defaults, no status for kinds
 * with a status subresource (except the initial status the API server itself writes). */
export const prepareCreate = (r: ResourceType, body: KObj, ns: string | undefined): KObj => {
  const o: KObj = structuredClone(body)
  o.apiVersion = groupVersion(r)
  o.kind = r.kind
  const md = (o.metadata ??= {})
  if (!md.name && md.generateName) md.name = generateName(String(md.generateName))
  if (r.namespaced) md.namespace = ns
  else delete md.namespace
  md.uid = randomUUID()
  md.creationTimestamp = now()
  delete md.deletionTimestamp
  delete md.resourceVersion
  if (r.status) delete o.status
  if (r.kind === 'Namespace') {
    o.status = { phase: 'Active' }
    md.labels = { ...md.labels, 'kubernetes.io/metadata.name': md.name }
  }
  if (r.kind === 'Pod') o.status = { phase: 'Pending' }
  if (r.kind === 'Secret') o.type ||= 'Opaque'
  if (r.kind === 'PersistentVolumeClaim') o.status = { phase: 'Pending' }
  defaults(r, o)
  if (hasSpec(o) || r.crd) md.generation = 1
  validate(r, o)
  return o
}

/** The object a PUT on the main resource stores: immutable metadata kept, status kept, generation bumped
 * when anything outside metadata and status changed. Throws 409 Conflict on a stale resourceVersion. */
export const prepareUpdate = (r: ResourceType, old: KObj, body: KObj, conflict: () => ApiError): KObj => {
  const o: KObj = structuredClone(body)
  const md = (o.metadata ??= {})
  if (
    md.resourceVersion !== undefined &&
    md.resourceVersion !== '' &&
    md.resourceVersion !== old.metadata.resourceVersion
  )
    throw conflict()
  o.apiVersion = old.apiVersion
  o.kind = r.kind
  md.name = old.metadata.name
  if (r.namespaced) md.namespace = old.metadata.namespace
  md.uid = old.metadata.uid
  md.creationTimestamp = old.metadata.creationTimestamp
  if (old.metadata.deletionTimestamp) md.deletionTimestamp = old.metadata.deletionTimestamp
  else delete md.deletionTimestamp
  if (r.status) {
    if (old.status !== undefined) o.status = old.status
    else delete o.status
  }
  if (r.kind === 'Service' && o.spec && old.spec) {
    // allocated addresses and node ports survive an update that does not name them
    o.spec.clusterIP ??= old.spec.clusterIP
    o.spec.clusterIPs ??= old.spec.clusterIPs
    for (const p of (o.spec.ports ?? []) as KObj[])
      p.nodePort ??= ((old.spec.ports ?? []) as KObj[]).find(
        (q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'),
      )?.nodePort
  }
  defaults(r, o)
  if (old.metadata.generation !== undefined) {
    md.generation = specPart(o) === specPart(old) ? old.metadata.generation : old.metadata.generation + 1
  }
  validate(r, o)
  return o
}

/** The object a write to `…/status` stores: only `status` taken from the body. */
export const prepareStatusUpdate = (old: KObj, body: KObj, conflict: () => ApiError): KObj => {
  const rv = body.metadata?.resourceVersion
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) throw conflict()
  return { ...old, status: structuredClone(body.status) }
}
