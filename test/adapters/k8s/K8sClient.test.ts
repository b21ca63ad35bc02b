import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { k8sClient } from '../../../src/adapters/k8s/K8sClient'
import { connect } from '../../../src/adapters/k8s/Rest'
import { startSandbox, type Sandbox } from '../../../src/sandbox/Sandbox'
import { assertRight } from '../../helpers'
import { deployment, kubeClientContract } from '../../ports/KubeClient.contract'

let current: Sandbox | undefined
const fresh = async (opts: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> => {
  await current?.stop()
  current = await startSandbox(opts)
  return current
}

kubeClientContract('k8s on the sandbox', async () => {
  const sb = await fresh()
  return k8sClient(await connect({ kubeconfigYaml: sb.kubeconfig }), { pollMs: 50 })
})

const webRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default' }

const waits = suite('k8s waitReady on the sandbox')
waits('should report progress per pending resource and time out when controllers are off', async () => {
  const sb = await fresh({ controllers: false })
  const k = k8sClient(await connect({ kubeconfigYaml: sb.kubeconfig }), { pollMs: 50 })
  assertRight(await k.create(deployment('web'))())
  const progress: string[] = []
  const r = await k.waitReady([webRef], { timeoutSeconds: 1, onProgress: (m) => progress.push(m) })()
  assert.is(E.isLeft(r) && r.left._tag, 'WaitTimeout')
  assert.ok(progress.length >= 1 && progress[0]!.includes('default/web'), progress.join('|'))
  sb.setControllers(true)
  assert.equal(await k.waitReady([webRef], { timeoutSeconds: 10 })(), E.right(undefined))
})
waits("should see every workload kind the sandbox runs become ready by Helm's rules", async () => {
  const sb = await fresh({ controllers: false })
  const k = k8sClient(await connect({ kubeconfigYaml: sb.kubeconfig }), { pollMs: 50 })
  const tpl = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'i' }] } })
  const objs = [
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: tpl('db') },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: tpl('agent') },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'rs' } }, template: tpl('rs') },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'solo', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'lb', namespace: 'default' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once', namespace: 'default' },
      spec: { template: { ...tpl('once'), spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } },
    },
  ]
  for (const o of objs) assertRight(await k.create(o)())
  const refs = objs.map((o) => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
    namespace: 'default',
  }))
  const progress: string[] = []
  const stuck = await k.waitReady(refs, { timeoutSeconds: 1, onProgress: (m) => progress.push(m) })()
  assert.is(E.isLeft(stuck) && stuck.left._tag, 'WaitTimeout')
  for (const kind of ['StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'PersistentVolumeClaim', 'Service'])
    assert.ok(
      progress.some((p) => p.startsWith(kind)),
      `${kind} pending in ${progress.join(' | ')}`,
    )
  sb.setControllers(true)
  assert.equal(await k.waitReady(refs, { timeoutSeconds: 10 })(), E.right(undefined))
})
waits('should resume a dropped watch, relisting after a 410 Gone, and still see later events', async () => {
  const sb = await fresh({ watchHistory: 2 })
  const k = k8sClient(await connect({ kubeconfigYaml: sb.kubeconfig }), { pollMs: 50 })
  const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } })
  for (const n of ['a', 'b']) assertRight(await k.create(cm(n))())
  const seen: string[] = []
  const w = k.watch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' }, { timeoutSeconds: 10 }, (e) => {
    seen.push(`${e.type} ${e.object.metadata.name}`)
    return e.object.metadata.name === 'z'
  })()
  await new Promise((r) => setTimeout(r, 100))
  // drop the stream, then write more than the server's history holds before the client comes back
  sb.endWatches()
  for (const n of ['c', 'd', 'e'])
    sb.store.put('/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: n, namespace: 'default', uid: n },
    })
  await new Promise((r) => setTimeout(r, 100))
  assertRight(await k.create(cm('z'))())
  assert.equal(await w, E.right(undefined))
  assert.equal(seen.slice(0, 2), ['ADDED a', 'ADDED b'])
  assert.equal(seen.slice(2), ['ADDED a', 'ADDED b', 'ADDED c', 'ADDED d', 'ADDED e', 'ADDED z'])
})
waits.after(async () => {
  await current?.stop()
  current = undefined
})
waits.run()
