/**
 * The columns kube-apiserver's table printers give `kubectl get` (and Helm v2's status, which asks for
 * `as=Table` and prints what the server returns): NAME, the kind's own columns of priority 0, AGE. From
 * kubernetes pkg/printers/internalversion/printers.go; kinds without a printer show NAME and AGE.
 */

import {
  at,
  isObject,
  type JsonObject,
  listAt,
  numAt,
  objAt,
  objectsAt,
  stringMapAt,
  strAt,
} from '../../domain/release/Fields'
import { humanDuration } from '../../domain/release/HumanDuration'

type Obj = unknown

/** `translateTimestampSince`: `<unknown>` without a time. */
export const age = (from: string | undefined, now: Date): string =>
  from ? humanDuration(now.getTime() - Date.parse(from)) : '<unknown>'

const num = (v: unknown): number => (typeof v === 'number' ? v : 0)
const count = (o: unknown): number => (isObject(o) ? Object.keys(o).length : 0)
const or = (s: unknown, none = '<none>'): string => (typeof s === 'string' && s !== '' ? s : none)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const labels = (m: unknown): string =>
  !isObject(m) || count(m) === 0
    ? '<none>'
    : Object.entries(m)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')
const rfc3339 = (t: unknown): string =>
  typeof t === 'string' && t !== '' ? new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') : '<unknown>'

/** printPod's STATUS, READY and RESTARTS (init containers, waiting/terminated reasons, Terminating). */
const podColumns = (o: Obj): string[] => {
  const status = objAt(o, 'status') ?? {}
  let reason = strAt(status, 'reason') || strAt(status, 'phase') || ''
  let restarts = 0
  let ready = 0
  let initializing = false
  const terminatedReason = (t: JsonObject, prefix: string): string => {
    const r = strAt(t, 'reason')
    if (r) return `${prefix}${r}`
    const signal = numAt(t, 'signal')
    return signal ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${num(at(t, 'exitCode'))}`
  }
  const inits = objectsAt(status, 'initContainerStatuses')
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i] as JsonObject
    restarts += num(c.restartCount)
    const t = objAt(c, 'state', 'terminated')
    const waiting = strAt(c, 'state', 'waiting', 'reason')
    if (t && num(t.exitCode) === 0) continue
    if (t) reason = terminatedReason(t, 'Init:')
    else if (waiting && waiting !== 'PodInitializing') reason = `Init:${waiting}`
    else reason = `Init:${i}/${listAt(o, 'spec', 'initContainers').length}`
    initializing = true
    break
  }
  if (!initializing) {
    restarts = 0
    let running = false
    const cs = objectsAt(status, 'containerStatuses')
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i] as JsonObject
      restarts += num(c.restartCount)
      const t = objAt(c, 'state', 'terminated')
      const waiting = strAt(c, 'state', 'waiting', 'reason')
      if (waiting) reason = waiting
      else if (t) reason = terminatedReason(t, '')
      else if (c.ready === true && objAt(c, 'state', 'running')) {
        running = true
        ready++
      }
    }
    if (reason === 'Completed' && running)
      reason = objectsAt(status, 'conditions').some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady'
  }
  if (at(o, 'metadata', 'deletionTimestamp'))
    reason = strAt(status, 'reason') === 'NodeLost' ? 'Unknown' : 'Terminating'
  return [`${ready}/${listAt(o, 'spec', 'containers').length}`, reason, String(restarts)]
}

/** getServiceExternalIP (not wide: a load balancer's addresses cut to 16 characters). */
const externalIp = (o: Obj): string => {
  const ips = listAt(o, 'spec', 'externalIPs').filter((x): x is string => typeof x === 'string')
  switch (strAt(o, 'spec', 'type') ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ips.length ? ips.join(',') : '<none>'
    case 'LoadBalancer': {
      let lb = objectsAt(o, 'status', 'loadBalancer', 'ingress')
        .map((i) => str(i.ip) || str(i.hostname))
        .filter(Boolean)
        .join(',')
      if (lb.length > 16) lb = `${lb.slice(0, 13)}...`
      if (ips.length) return [...(lb ? lb.split(',') : []), ...ips].join(',')
      return lb || '<pending>'
    }
    case 'ExternalName':
      return strAt(o, 'spec', 'externalName') ?? ''
    default:
      return '<unknown>'
  }
}

/** makePortString: `PORT/PROTO`, `PORT:NODEPORT/PROTO` with a node port. */
const ports = (o: Obj): string =>
  or(
    objectsAt(o, 'spec', 'ports')
      .map((p) => `${num(p.port)}${num(p.nodePort) > 0 ? `:${num(p.nodePort)}` : ''}/${str(p.protocol) || 'TCP'}`)
      .join(','),
  )

const accessModes = (ms: unknown[]): string =>
  ms
    .filter((m): m is string => typeof m === 'string')
    .map((m) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m)
    .join(',')

const jobCompletions = (o: Obj): string => {
  const done = num(at(o, 'status', 'succeeded'))
  const completions = numAt(o, 'spec', 'completions')
  if (completions !== undefined) return `${done}/${completions}`
  const parallelism = num(at(o, 'spec', 'parallelism'))
  return parallelism > 1 ? `${done}/1 of ${parallelism}` : `${done}/1`
}

const jobDuration = (o: Obj, now: Date): string => {
  const start = strAt(o, 'status', 'startTime')
  if (!start) return ''
  const done = strAt(o, 'status', 'completionTime')
  const end = done ? Date.parse(done) : now.getTime()
  return humanDuration(end - Date.parse(start))
}

type Columns = { readonly head: ReadonlyArray<string>; readonly cells: (o: Obj, now: Date) => string[] }

const kinds: Readonly<Record<string, Columns>> = {
  Pod: { head: ['READY', 'STATUS', 'RESTARTS'], cells: podColumns },
  Deployment: {
    head: ['READY', 'UP-TO-DATE', 'AVAILABLE'],
    cells: (o) => [
      `${num(at(o, 'status', 'readyReplicas'))}/${num(at(o, 'spec', 'replicas'))}`,
      String(num(at(o, 'status', 'updatedReplicas'))),
      String(num(at(o, 'status', 'availableReplicas'))),
    ],
  },
  ReplicaSet: {
    head: ['DESIRED', 'CURRENT', 'READY'],
    cells: (o) =>
      [num(at(o, 'spec', 'replicas')), num(at(o, 'status', 'replicas')), num(at(o, 'status', 'readyReplicas'))].map(
        String,
      ),
  },
  ReplicationController: {
    head: ['DESIRED', 'CURRENT', 'READY'],
    cells: (o) =>
      [num(at(o, 'spec', 'replicas')), num(at(o, 'status', 'replicas')), num(at(o, 'status', 'readyReplicas'))].map(
        String,
      ),
  },
  StatefulSet: {
    head: ['READY'],
    cells: (o) => [`${num(at(o, 'status', 'readyReplicas'))}/${num(at(o, 'spec', 'replicas'))}`],
  },
  DaemonSet: {
    head: ['DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR'],
    cells: (o) => [
      ...[
        at(o, 'status', 'desiredNumberScheduled'),
        at(o, 'status', 'currentNumberScheduled'),
        at(o, 'status', 'numberReady'),
        at(o, 'status', 'updatedNumberScheduled'),
        at(o, 'status', 'numberAvailable'),
      ].map((v) => String(num(v))),
      labels(at(o, 'spec', 'template', 'spec', 'nodeSelector')),
    ],
  },
  Job: { head: ['COMPLETIONS', 'DURATION'], cells: (o, now) => [jobCompletions(o), jobDuration(o, now)] },
  CronJob: {
    head: ['SCHEDULE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE'],
    cells: (o, now) => [
      strAt(o, 'spec', 'schedule') ?? '',
      at(o, 'spec', 'suspend') ? 'True' : 'False',
      String(listAt(o, 'status', 'active').length),
      at(o, 'status', 'lastScheduleTime') ? age(strAt(o, 'status', 'lastScheduleTime'), now) : '<none>',
    ],
  },
  Service: {
    head: ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)'],
    cells: (o) => [strAt(o, 'spec', 'type') ?? 'ClusterIP', or(at(o, 'spec', 'clusterIP')), externalIp(o), ports(o)],
  },
  ConfigMap: { head: ['DATA'], cells: (o) => [String(count(at(o, 'data')) + count(at(o, 'binaryData')))] },
  Secret: { head: ['TYPE', 'DATA'], cells: (o) => [strAt(o, 'type') ?? 'Opaque', String(count(at(o, 'data')))] },
  ServiceAccount: { head: ['SECRETS'], cells: (o) => [String(listAt(o, 'secrets').length)] },
  PersistentVolumeClaim: {
    head: ['STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS'],
    cells: (o) => {
      const bound = at(o, 'status', 'phase') === 'Bound'
      return [
        at(o, 'metadata', 'deletionTimestamp') ? 'Terminating' : (strAt(o, 'status', 'phase') ?? 'Pending'),
        strAt(o, 'spec', 'volumeName') ?? '',
        bound ? (strAt(o, 'status', 'capacity', 'storage') ?? '') : '',
        bound ? accessModes(listAt(o, 'status', 'accessModes')) : '',
        strAt(o, 'spec', 'storageClassName') ??
          strAt(o, 'metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class') ??
          '',
      ]
    },
  },
  Ingress: {
    head: ['CLASS', 'HOSTS', 'ADDRESS', 'PORTS'],
    cells: (o) => [
      or(at(o, 'spec', 'ingressClassName')),
      objectsAt(o, 'spec', 'rules')
        .map((r) => str(r.host) || '*')
        .join(',') || '*',
      objectsAt(o, 'status', 'loadBalancer', 'ingress')
        .map((i) => str(i.ip) || str(i.hostname))
        .filter(Boolean)
        .join(','),
      listAt(o, 'spec', 'tls').length > 0 ? '80, 443' : '80',
    ],
  },
  Namespace: { head: ['STATUS'], cells: (o) => [strAt(o, 'status', 'phase') ?? 'Active'] },
  HorizontalPodAutoscaler: {
    head: ['REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS'],
    cells: (o) => [
      `${strAt(o, 'spec', 'scaleTargetRef', 'kind') ?? ''}/${strAt(o, 'spec', 'scaleTargetRef', 'name') ?? ''}`,
      '<unknown>',
      String(at(o, 'spec', 'minReplicas') ?? 1),
      String(num(at(o, 'spec', 'maxReplicas'))),
      String(num(at(o, 'status', 'currentReplicas'))),
    ],
  },
  PodDisruptionBudget: {
    head: ['MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS'],
    cells: (o) => [
      String(strAt(o, 'spec', 'minAvailable') ?? 'N/A'),
      String(strAt(o, 'spec', 'maxUnavailable') ?? 'N/A'),
      String(num(at(o, 'status', 'disruptionsAllowed'))),
    ],
  },
  NetworkPolicy: {
    head: ['POD-SELECTOR'],
    cells: (o) => [
      count(at(o, 'spec', 'podSelector', 'matchLabels')) === 0
        ? '<none>'
        : labels(at(o, 'spec', 'podSelector', 'matchLabels')),
    ],
  },
  RoleBinding: {
    head: ['ROLE'],
    cells: (o) => [`${strAt(o, 'roleRef', 'kind') ?? ''}/${strAt(o, 'roleRef', 'name') ?? ''}`],
  },
  ClusterRoleBinding: {
    head: ['ROLE'],
    cells: (o) => [`${strAt(o, 'roleRef', 'kind') ?? ''}/${strAt(o, 'roleRef', 'name') ?? ''}`],
  },
}

// kinds whose printer has CREATED AT (RFC 3339) instead of AGE
const createdAt = new Set(['Role', 'ClusterRole', 'CustomResourceDefinition', 'PriorityClass'])

/** The header row and one row per object of a kind's table (NAME first, AGE or CREATED AT last). */
export const kindTable = (kind: string, objects: ReadonlyArray<Obj>, now: Date): string[][] => {
  const cols = kinds[kind] ?? { head: [], cells: () => [] }
  const last = createdAt.has(kind) ? 'CREATED AT' : 'AGE'
  const time = (o: Obj) =>
    createdAt.has(kind)
      ? rfc3339(at(o, 'metadata', 'creationTimestamp'))
      : age(strAt(o, 'metadata', 'creationTimestamp'), now)
  return [
    ['NAME', ...cols.head, last],
    ...objects.map((o) => [strAt(o, 'metadata', 'name') ?? '', ...cols.cells(o, now), time(o)]),
  ]
}

/** Helm v2 `getSelectorFromObject`: the matchLabels of the kinds whose pods `helm status` lists as related. */
export const podSelector = (o: Obj): Readonly<Record<string, string>> | undefined => {
  switch (at(o, 'kind')) {
    case 'ReplicationController':
      return stringMapAt(o, 'spec', 'selector')
    case 'ReplicaSet':
    case 'Deployment':
    case 'DaemonSet':
    case 'Job':
    case 'StatefulSet':
      return stringMapAt(o, 'spec', 'selector', 'matchLabels')
    default:
      return undefined
  }
}
