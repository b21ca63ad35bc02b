import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { kindTable } from '../../src/app/tiller/ResourceColumns'
import { assertRight } from '../helpers'
import { chartOf, testTiller } from './fixtures'

// Columns as kube-apiserver's printers (pkg/printers/internalversion) print them for `kubectl get`, which is
// what Helm v2.17's status shows (it asks the server for `as=Table`).
const at = new Date('2024-01-01T00:10:00Z')
const created = { creationTimestamp: '2024-01-01T00:00:00Z' }

const columns = suite('resource table columns (kubectl printers)')
columns('should print a Service with EXTERNAL-IP and PORT(S) for each service type', () => {
  const svc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({
    kind: 'Service',
    metadata: { name, ...created },
    spec,
    status,
  })
  assert.equal(
    kindTable(
      'Service',
      [
        svc('plain', { type: 'ClusterIP', clusterIP: '10.0.0.1', ports: [{ port: 80, protocol: 'TCP' }] }),
        svc('ext', {
          type: 'ClusterIP',
          clusterIP: '10.0.0.2',
          externalIPs: ['1.2.3.4', '5.6.7.8'],
          ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }],
        }),
        svc('np', { type: 'NodePort', clusterIP: '10.0.0.3', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }),
        svc('lb', { type: 'LoadBalancer', clusterIP: '10.0.0.4', ports: [{ port: 443, nodePort: 31443 }] }),
        svc(
          'lb-up',
          { type: 'LoadBalancer', clusterIP: '10.0.0.5', ports: [] },
          { loadBalancer: { ingress: [{ hostname: 'a-very-long-hostname.example.com' }] } },
        ),
        svc('name', { type: 'ExternalName', externalName: 'db.example.com' }),
        svc('headless', { clusterIP: 'None', ports: [{ port: 5432, protocol: 'TCP' }] }),
      ],
      at,
    ),
    [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['plain', 'ClusterIP', '10.0.0.1', '<none>', '80/TCP', '10m'],
      ['ext', 'ClusterIP', '10.0.0.2', '1.2.3.4,5.6.7.8', '53/UDP,53/TCP', '10m'],
      ['np', 'NodePort', '10.0.0.3', '<none>', '80:30080/TCP', '10m'],
      ['lb', 'LoadBalancer', '10.0.0.4', '<pending>', '443:31443/TCP', '10m'],
      ['lb-up', 'LoadBalancer', '10.0.0.5', 'a-very-long-h...', '<none>', '10m'],
      ['name', 'ExternalName', '<none>', 'db.example.com', '<none>', '10m'],
      ['headless', 'ClusterIP', 'None', '<none>', '5432/TCP', '10m'],
    ],
  )
})
columns('should print pods as kubectl does (ready containers, waiting reasons, restarts, init containers)', () => {
  const pod = (name: string, status: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
    kind: 'Pod',
    metadata: { name, ...created },
    spec: { containers: [{ name: 'a' }, { name: 'b' }], ...spec },
    status,
  })
  const running = { ready: true, restartCount: 1, state: { running: {} } }
  assert.equal(
    kindTable(
      'Pod',
      [
        pod('up', { phase: 'Running', containerStatuses: [running, { ...running, restartCount: 2 }] }),
        pod('pulling', {
          phase: 'Pending',
          containerStatuses: [
            running,
            { ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
          ],
        }),
        pod(
          'init',
          { phase: 'Pending', initContainerStatuses: [{ restartCount: 0, state: { running: {} } }] },
          { initContainers: [{ name: 'i' }, { name: 'j' }] },
        ),
        pod('crashed', {
          phase: 'Running',
          containerStatuses: [{ ready: false, restartCount: 5, state: { terminated: { exitCode: 2 } } }],
        }),
      ],
      at,
    ),
    [
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['up', '2/2', 'Running', '3', '10m'],
      ['pulling', '1/2', 'ContainerCreating', '1', '10m'],
      ['init', '0/2', 'Init:0/2', '0', '10m'],
      ['crashed', '0/2', 'ExitCode:2', '5', '10m'],
    ],
  )
})
columns('should print workloads and the rest with their server columns, unknown kinds with NAME and AGE', () => {
  const o = (kind: string, rest: Record<string, unknown>) => ({ kind, metadata: { name: 'x', ...created }, ...rest })
  assert.equal(
    kindTable(
      'Deployment',
      [
        o('Deployment', {
          spec: { replicas: 3 },
          status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
        }),
      ],
      at,
    )[1],
    ['x', '2/3', '3', '2', '10m'],
  )
  assert.equal(
    kindTable(
      'ReplicaSet',
      [o('ReplicaSet', { spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 1 } })],
      at,
    )[1],
    ['x', '2', '2', '1', '10m'],
  )
  assert.equal(kindTable('Secret', [o('Secret', { type: 'kubernetes.io/tls', data: { a: '', b: '' } })], at)[1], [
    'x',
    'kubernetes.io/tls',
    '2',
    '10m',
  ])
  assert.equal(
    kindTable(
      'Job',
      [
        o('Job', {
          spec: { completions: 3 },
          status: { succeeded: 1, startTime: '2024-01-01T00:00:00Z', completionTime: '2024-01-01T00:01:30Z' },
        }),
      ],
      at,
    )[1],
    ['x', '1/3', '90s', '10m'],
  )
  assert.equal(kindTable('ClusterRole', [o('ClusterRole', {})], at), [
    ['NAME', 'CREATED AT'],
    ['x', '2024-01-01T00:00:00Z'],
  ])
  assert.equal(kindTable('Widget', [o('Widget', {})], at), [
    ['NAME', 'AGE'],
    ['x', '10m'],
  ])
})
columns.run()

const related = suite('helm status resources: v1/Pod(related)')
related('should list the pods a Deployment selects under ==> v1/Pod(related), sorted by name', async () => {
  const t = testTiller()
  const chart = chartOf({
    'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
`,
    'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    nodePort: 30080
`,
  })
  assertRight(await t.installRelease({ name: 'demo', chart })())
  const pod = (name: string, app: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
    status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 0, state: { running: {} } }] },
  })
  for (const p of [pod('web-b', 'web'), pod('web-a', 'web'), pod('other', 'db')]) assertRight(await t.kube.create(p)())
  const table = assertRight(await t.getReleaseStatus({ name: 'demo' })()).info.status.resources ?? ''
  const sections = table.split('\n\n').map((s) => s.split('\n')[0])
  assert.equal(sections, ['==> v1/Deployment', '==> v1/Pod(related)', '==> v1/Service'])
  assert.match(
    table,
    /==> v1\/Pod\(related\)\nNAME +READY +STATUS +RESTARTS +AGE\nweb-a +\d\/1 +\S+ +0 +\S+\nweb-b +\d\/1 +\S+ +0 +\S+\n/,
  )
  assert.match(
    table,
    /==> v1\/Service\nNAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nweb +NodePort +\S+ +<none> +80:30080\/TCP +\S+\n$/,
  )
  assert.not.match(table, /other/)
})
related.run()
