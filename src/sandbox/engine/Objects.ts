// What the API server does to an object before storing it: metadata bookkeeping (uid, timestamps,
// generateName, generation), defaulting (the subset readiness maths depends on, a Job's generated selector,
// a Service's allocated cluster IP and node ports) and validation (Validation.ts).
import { clone, isObject, jsonEqual, type JsonObject, type KObj, objAt, objectsAt } from './Json'
import { groupVersion, type ResourceType } from './Resources'
import { type ApiError, internal, invalid } from './Status'
import { validateObject, validateUpdate } from './Validation'

/** etcd's default request limit: larger objects fail with "etcdserver: request is too large". */
export const OBJECT_LIMIT = 1.5 * 1024 * 1024

/** Where time, uids and randomness come from (a real clock and crypto in the sandbox, deterministic in tests). */
export interface EngineEnv {
  readonly now: () => Date
  readonly uid: () => string
  /** An integer in [0, n). */
  readonly random: (n: number) => number
}

/** Per-cluster allocation state (cluster IPs, node ports); `inUse` tells an address a Service already holds. */
export class Allocator {
  private ip = 10
  private nodePort = 0
  constructor(private readonly inUse: (ip: string) => boolean = () => false) {}
  clusterIP(): string {
    for (;;) {
      this.ip++
      const ip = `10.96.${Math.floor(this.ip / 250) % 250}.${(this.ip % 250) + 1}`
      if (!this.inUse(ip)) return ip
    }
  }
  port(): number {
    return 30000 + (this.nodePort++ % 2768)
  }
}

/** The context object preparation needs. */
export interface Prep {
  readonly env: EngineEnv
  readonly alloc: Allocator
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** The name the API server generates from `metadata.generateName` (base cut to 58 + 5 random characters). */
export const generateName = (env: EngineEnv, base: string): string =>
  base.slice(0, 58) + Array.from({ length: 5 }, () => GENERATE_ALPHABET[env.random(GENERATE_ALPHABET.length)]).join('')

let lastSecond = Number.NaN
let lastStamp = ''
/** A time as metadata writes it (RFC 3339, seconds); one write after another mostly falls in the same second. */
export const timestamp = (d: Date): string => {
  const second = Math.floor(d.getTime() / 1000)
  if (second !== lastSecond) {
    lastStamp = d.toISOString().replace(/\.\d{3}Z$/, 'Z')
    lastSecond = second
  }
  return lastStamp
}

const spec = (o: KObj): JsonObject => {
  if (!isObject(o.spec)) o.spec = {}
  return o.spec as JsonObject
}
const sub = (o: JsonObject, field: string): JsonObject => {
  if (!isObject(o[field])) o[field] = {}
  return o[field] as JsonObject
}

const defaults = (p: Prep, r: ResourceType, o: KObj): void => {
  if (r.crd) return
  switch (r.kind) {
    case 'Namespace':
      if (!Array.isArray(spec(o).finalizers)) spec(o).finalizers = ['kubernetes']
      break
    case 'Deployment': {
      const s = spec(o)
      s.replicas ??= 1
      const strategy = sub(s, 'strategy')
      strategy.type ??= 'RollingUpdate'
      if (strategy.type === 'RollingUpdate')
        strategy.rollingUpdate = { maxSurge: '25%', maxUnavailable: '25%', ...objAt(strategy, 'rollingUpdate') }
      s.revisionHistoryLimit ??= 10
      s.progressDeadlineSeconds ??= 600
      break
    }
    case 'StatefulSet': {
      const s = spec(o)
      s.replicas ??= 1
      s.podManagementPolicy ??= 'OrderedReady'
      s.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }
      break
    }
    case 'DaemonSet':
      spec(o).updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }
      break
    case 'ReplicaSet':
      spec(o).replicas ??= 1
      break
    case 'Job': {
      const s = spec(o)
      s.backoffLimit ??= 6
      if (s.completions === undefined && s.parallelism === undefined) {
        s.completions = 1
        s.parallelism = 1
      }
      s.completionMode ??= 'NonIndexed'
      s.suspend ??= false
      break
    }
    case 'Service': {
      const s = spec(o)
      s.type ??= 'ClusterIP'
      if (s.type !== 'ExternalName') {
        s.sessionAffinity ??= 'None'
        s.clusterIP ??= p.alloc.clusterIP()
        s.clusterIPs ??= [s.clusterIP]
      }
      for (const port of objectsAt(s, 'ports')) {
        port.protocol ??= 'TCP'
        port.targetPort ??= port.port
        if (s.type === 'NodePort' || s.type === 'LoadBalancer') port.nodePort ??= p.alloc.port()
      }
      break
    }
  }
}

/** A Job's generated selector and the labels it puts on the template (when `manualSelector` is not set). */
const jobSelector = (o: KObj): void => {
  const s = spec(o)
  if (s.manualSelector === true) return
  const uid = o.metadata.uid ?? ''
  s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }
  const tplMeta = sub(sub(s, 'template'), 'metadata')
  tplMeta.labels = {
    ...objAt(tplMeta, 'labels'),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': o.metadata.name,
    'controller-uid': uid,
    'job-name': o.metadata.name,
  }
}

/** etcd's request limit, checked where objects grow that large: data-holding kinds and custom resources. */
const checkSize = (r: ResourceType, o: KObj): void => {
  if ((r.kind === 'ConfigMap' || r.kind === 'Secret' || r.crd) && Buffer.byteLength(JSON.stringify(o)) > OBJECT_LIMIT)
    throw internal('etcdserver: request is too large')
}

const checkValid = (r: ResourceType, o: KObj): void => {
  const causes = validateObject(r, o)
  if (causes.length > 0) throw invalid(r, o.metadata.name, causes)
  checkSize(r, o)
}

/** The object a create stores: name (generateName), metadata bookkeeping, defaults, no status for kinds
 * with a status subresource (except the initial status the API server itself writes). Throws 422.
 * `trusted`: an object the fake controllers make from a stored (valid) one: not copied again, not validated. */
export const prepareCreate = (p: Prep, r: ResourceType, body: KObj, ns: string | undefined, trusted = false): KObj => {
  const o: KObj = trusted ? body : clone(body)
  o.apiVersion = groupVersion(r)
  o.kind = r.kind
  const md = o.metadata
  if (!md.name && md.generateName) md.name = generateName(p.env, md.generateName)
  if (r.namespaced && ns !== undefined) md.namespace = ns
  else delete md.namespace
  md.uid = p.env.uid()
  md.creationTimestamp = timestamp(p.env.now())
  delete md.deletionTimestamp
  delete md.resourceVersion
  if (r.status) delete o.status
  if (r.kind === 'Namespace') {
    o.status = { phase: 'Active' }
    md.labels = { ...md.labels, 'kubernetes.io/metadata.name': md.name }
  }
  if (r.kind === 'Pod' || r.kind === 'PersistentVolumeClaim') o.status = { phase: 'Pending' }
  if (r.kind === 'Secret' && typeof o.type !== 'string') o.type = 'Opaque'
  if (r.kind === 'Job' && !r.crd) jobSelector(o)
  defaults(p, r, o)
  if ('spec' in o || r.crd) md.generation = 1
  if (!trusted) checkValid(r, o)
  return o
}

const specPart = (o: KObj): unknown => {
  const { metadata: _m, status: _s, ...rest } = o
  return rest
}

/** The object a PUT on the main resource stores: immutable metadata kept, status kept, generation bumped
 * when anything outside metadata and status changed. Throws 409 Conflict on a stale resourceVersion and
 * 422 Invalid for what the API server refuses (Validation.ts). */
export const prepareUpdate = (p: Prep, r: ResourceType, old: KObj, body: KObj, conflict: () => ApiError): KObj => {
  const o: KObj = clone(body)
  const md = o.metadata
  if (
    md.resourceVersion !== undefined &&
    md.resourceVersion !== '' &&
    md.resourceVersion !== old.metadata.resourceVersion
  )
    throw conflict()
  o.apiVersion = old.apiVersion
  o.kind = r.kind
  md.name = old.metadata.name
  if (r.namespaced && old.metadata.namespace !== undefined) md.namespace = old.metadata.namespace
  if (old.metadata.uid !== undefined) md.uid = old.metadata.uid
  if (old.metadata.creationTimestamp !== undefined) md.creationTimestamp = old.metadata.creationTimestamp
  if (old.metadata.deletionTimestamp) md.deletionTimestamp = old.metadata.deletionTimestamp
  else delete md.deletionTimestamp
  if (r.status) {
    if (old.status !== undefined) o.status = old.status
    else delete o.status
  }
  const before = objAt(old, 'spec')
  if (r.kind === 'Service' && isObject(o.spec) && before) {
    // allocated addresses and node ports survive an update that does not name them; a changed clusterIP
    // alone moves clusterIPs[0] with it (the API server's normalizeClusterIPs)
    const s = o.spec
    if (s.clusterIP !== undefined && s.clusterIP !== before.clusterIP && jsonEqual(s.clusterIPs, before.clusterIPs))
      s.clusterIPs = [s.clusterIP]
    if (s.clusterIP === undefined && before.clusterIP !== undefined) s.clusterIP = before.clusterIP
    if (s.clusterIPs === undefined && before.clusterIPs !== undefined) s.clusterIPs = before.clusterIPs
    for (const port of objectsAt(s, 'ports')) {
      const was = objectsAt(before, 'ports').find(
        (q) => q.port === port.port && (q.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
      )?.nodePort
      if (port.nodePort === undefined && was !== undefined) port.nodePort = was
    }
  }
  if (r.kind === 'PersistentVolumeClaim' && isObject(o.spec) && before) {
    // the binder's volumeName stays unless the update names another
    if (before.volumeName !== undefined) o.spec.volumeName ??= before.volumeName
  }
  defaults(p, r, o)
  if (old.metadata.generation !== undefined)
    md.generation = jsonEqual(specPart(o), specPart(old)) ? old.metadata.generation : old.metadata.generation + 1
  const causes = [...validateObject(r, o), ...validateUpdate(r, old, o)]
  if (causes.length > 0) throw invalid(r, md.name, causes)
  checkSize(r, o)
  return o
}

/** The object a write to `…/status` stores: only `status` taken from the body. */
export const prepareStatusUpdate = (old: KObj, body: KObj, conflict: () => ApiError): KObj => {
  const rv = body.metadata.resourceVersion
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) throw conflict()
  return { ...old, status: clone(body.status) }
}
