// Server-side printing: the meta.k8s.io/v1 `Table` kubectl asks for (`Accept: …;as=Table`), with the
// columns kube-apiserver prints for the common kinds (NAME/READY/STATUS/… and AGE).
import { type JsonObject, type KObj, listAt, numAt, objectsAt, strAt } from './engine/Json'
import type { ResourceType } from './engine/Resources'
import { humanDuration } from '../domain/release/HumanDuration'

type Column = readonly [name: string, type: string, cell: (o: KObj, now: number) => unknown, priority?: number]

const age: Column = ['Age', 'string', (o, now) => humanDuration(now - Date.parse(o.metadata.creationTimestamp ?? ''))]
const name: Column = ['Name', 'string', (o) => o.metadata.name]
const n = (o: KObj, ...path: string[]): number => numAt(o, ...path) ?? 0
const count = (o: unknown): number => (o && typeof o === 'object' ? Object.keys(o).length : 0)
const ports = (o: KObj): string =>
  objectsAt(o, 'spec', 'ports')
    .map((p) => `${String(p.port)}${p.nodePort ? `:${String(p.nodePort)}` : ''}/${strAt(p, 'protocol') ?? 'TCP'}`)
    .join(',') || '<none>'
const podReady = (o: KObj): string =>
  `${objectsAt(o, 'status', 'containerStatuses').filter((c) => c.ready).length}/${objectsAt(o, 'spec', 'containers').length}`
const condition = (o: KObj, type: string): boolean =>
  objectsAt(o, 'status', 'conditions').some((c) => c.type === type && c.status === 'True')
const phase = (o: KObj, dflt: string): string => strAt(o, 'status', 'phase') ?? dflt

const columns: Readonly<Record<string, ReadonlyArray<Column>>> = {
  Pod: [
    name,
    ['Ready', 'string', podReady],
    ['Status', 'string', (o) => phase(o, 'Pending')],
    ['Restarts', 'string', () => '0'],
    age,
    ['IP', 'string', (o) => strAt(o, 'status', 'podIP') ?? '<none>', 1],
    ['Node', 'string', (o) => strAt(o, 'spec', 'nodeName') ?? '<none>', 1],
  ],
  Deployment: [
    name,
    ['Ready', 'string', (o) => `${n(o, 'status', 'readyReplicas')}/${n(o, 'spec', 'replicas')}`],
    ['Up-to-date', 'integer', (o) => n(o, 'status', 'updatedReplicas')],
    ['Available', 'integer', (o) => n(o, 'status', 'availableReplicas')],
    age,
  ],
  ReplicaSet: [
    name,
    ['Desired', 'integer', (o) => n(o, 'spec', 'replicas')],
    ['Current', 'integer', (o) => n(o, 'status', 'replicas')],
    ['Ready', 'integer', (o) => n(o, 'status', 'readyReplicas')],
    age,
  ],
  StatefulSet: [
    name,
    ['Ready', 'string', (o) => `${n(o, 'status', 'readyReplicas')}/${n(o, 'spec', 'replicas')}`],
    age,
  ],
  DaemonSet: [
    name,
    ['Desired', 'integer', (o) => n(o, 'status', 'desiredNumberScheduled')],
    ['Current', 'integer', (o) => n(o, 'status', 'currentNumberScheduled')],
    ['Ready', 'integer', (o) => n(o, 'status', 'numberReady')],
    ['Up-to-date', 'integer', (o) => n(o, 'status', 'updatedNumberScheduled')],
    ['Available', 'integer', (o) => n(o, 'status', 'numberAvailable')],
    age,
  ],
  Job: [
    name,
    [
      'Status',
      'string',
      (o) => (condition(o, 'Complete') ? 'Complete' : condition(o, 'Failed') ? 'Failed' : 'Running'),
    ],
    ['Completions', 'string', (o) => `${n(o, 'status', 'succeeded')}/${numAt(o, 'spec', 'completions') ?? 1}`],
    age,
  ],
  Service: [
    name,
    ['Type', 'string', (o) => strAt(o, 'spec', 'type') ?? 'ClusterIP'],
    ['Cluster-IP', 'string', (o) => strAt(o, 'spec', 'clusterIP') ?? '<none>'],
    [
      'External-IP',
      'string',
      (o) =>
        objectsAt(o, 'status', 'loadBalancer', 'ingress')
          .map((i) => strAt(i, 'ip') ?? strAt(i, 'hostname'))
          .join(',') || (strAt(o, 'spec', 'type') === 'LoadBalancer' ? '<pending>' : '<none>'),
    ],
    ['Port(s)', 'string', ports],
    age,
  ],
  ConfigMap: [name, ['Data', 'integer', (o) => count(o.data) + count(o.binaryData)], age],
  Secret: [
    name,
    ['Type', 'string', (o) => (typeof o.type === 'string' ? o.type : 'Opaque')],
    ['Data', 'integer', (o) => count(o.data)],
    age,
  ],
  PersistentVolumeClaim: [
    name,
    ['Status', 'string', (o) => phase(o, 'Pending')],
    ['Volume', 'string', (o) => strAt(o, 'spec', 'volumeName') ?? ''],
    ['Capacity', 'string', (o) => strAt(o, 'status', 'capacity', 'storage') ?? ''],
    [
      'Access Modes',
      'string',
      (o) =>
        listAt(o, 'status', 'accessModes')
          .filter((m): m is string => typeof m === 'string')
          .map(
            (m) =>
              ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m,
          )
          .join(','),
    ],
    age,
  ],
  Namespace: [name, ['Status', 'string', (o) => phase(o, 'Active')], age],
  Node: [
    name,
    ['Status', 'string', () => 'Ready'],
    ['Roles', 'string', () => '<none>'],
    age,
    ['Version', 'string', () => 'v1.32.0'],
  ],
}

/** Whether the client asked for a Table. */
export const wantsTable = (accept: string | undefined): boolean => /;\s*as=Table/.test(accept ?? '')

/** The Table of `items` (what kube-apiserver's TableConvertor returns for a list or a get). */
export const toTable = (
  r: ResourceType,
  items: ReadonlyArray<KObj>,
  listMeta: JsonObject,
  includeObject: string | null,
): JsonObject => {
  const cols = columns[r.kind] ?? [name, age]
  const now = Date.now()
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: cols.map(([n, type, , priority]) => ({
      name: n,
      type,
      format: n === 'Name' ? 'name' : '',
      description: '',
      priority: priority ?? 0,
    })),
    rows: items.map((o) => ({
      cells: cols.map(([, , cell]) => cell(o, now)),
      object:
        includeObject === 'Object'
          ? o
          : includeObject === 'None'
            ? undefined
            : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  }
}
