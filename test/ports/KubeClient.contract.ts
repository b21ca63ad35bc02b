// The one KubeClient contract every adapter runs: test/adapters/<adapter>/*.test.ts call
// `kubeClientContract('<adapter>', async () => <client on a fresh cluster>)`. The cluster starts with the
// namespaces `default` and `kube-system` and its fake controllers on (workloads become ready).
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { kindNotFound, kubeAlreadyExists, kubeNotFound } from '../../src/domain/release/KubeError'
import type { KubeObject, ObjectRef, WatchEvent } from '../../src/domain/release/KubeObject'
import type { KubeClient } from '../../src/ports/KubeClient'
import { assertRight } from '../helpers'

const configMap = (name: string, labels: Record<string, string> = {}, namespace = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels },
  data: { a: '1', b: '2' },
})
const cmRef = (name: string, namespace = 'default'): ObjectRef => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name,
  namespace,
})
const names = (os: ReadonlyArray<KubeObject>): string[] => os.map((o) => o.metadata.name ?? '')

/** A one-replica Deployment (plus its selector labels) as a chart would write it. */
export const deployment = (name: string, namespace = 'default'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels: { app: name } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] },
    },
  },
})

/** Runs the KubeClient contract against clients made by `make` (each call: a fresh cluster). */
export const kubeClientContract = (name: string, make: () => Promise<KubeClient>): void => {
  const discovery = suite(`${name} KubeClient contract: discovery`)
  discovery('should serve the core and apps kinds with their scope', async () => {
    const d = assertRight(await (await make()).discover()())
    const find = (gv: string, kind: string) => d.resources.find((r) => r.groupVersion === gv && r.kind === kind)
    assert.equal(find('v1', 'ConfigMap'), {
      groupVersion: 'v1',
      kind: 'ConfigMap',
      name: 'configmaps',
      namespaced: true,
    })
    assert.equal(find('v1', 'Namespace')?.namespaced, false)
    assert.equal(find('apps/v1', 'Deployment')?.name, 'deployments')
    assert.ok(/^\d+$/.test(d.serverVersion.major))
  })
  discovery('should learn a kind when its CustomResourceDefinition is created', async () => {
    const k = await make()
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets', singular: 'widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    }
    assertRight(await k.discover()())
    assertRight(await k.create(crd)())
    const d = assertRight(await k.discover()())
    const widget = (x: typeof d) =>
      x.resources.some((r) => r.groupVersion === 'example.com/v1' && r.kind === 'Widget' && r.name === 'widgets')
    assert.ok(widget(d))
    // a cached document is never older than the last one read afresh
    assert.ok(widget(assertRight(await k.discover({ cached: true })())))
    const w = assertRight(
      await k.create({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w1', namespace: 'default' },
        spec: { size: 3 },
      })(),
    )
    assert.equal(w.spec, { size: 3 })
  })
  discovery.run()

  const crud = suite(`${name} KubeClient contract: create/get/patch/delete`)
  crud('should create an object, keep unknown fields and stamp uid and resourceVersion', async () => {
    const k = await make()
    const made = assertRight(await k.create({ ...configMap('c1'), extra: { kept: true } })())
    assert.type(made.metadata.uid, 'string')
    assert.type(made.metadata.resourceVersion, 'string')
    const got = assertRight(await k.get(cmRef('c1'))())
    assert.equal(got.data, { a: '1', b: '2' })
    assert.equal(got.extra, { kept: true })
    assert.is(got.metadata.uid, made.metadata.uid)
  })
  crud('should refuse to create an existing object', async () => {
    const k = await make()
    assertRight(await k.create(configMap('c1'))())
    assert.equal(await k.create(configMap('c1'))(), E.left(kubeAlreadyExists('configmaps', 'c1')))
  })
  crud('should say not found for a missing object', async () => {
    const k = await make()
    assert.equal(await k.get(cmRef('nope'))(), E.left(kubeNotFound('configmaps', 'nope')))
    assert.equal(
      await k.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope', namespace: 'default' })(),
      E.left(kubeNotFound('deployments.apps', 'nope')),
    )
  })
  crud('should refuse a namespaced object in a missing namespace', async () => {
    const k = await make()
    assert.equal(await k.create(configMap('c1', {}, 'ghost'))(), E.left(kubeNotFound('namespaces', 'ghost')))
  })
  crud('should create namespaces and cluster-scoped objects', async () => {
    const k = await make()
    assertRight(await k.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } })())
    assertRight(await k.create(configMap('c1', {}, 'team'))())
    assert.ok(E.isRight(await k.get(cmRef('c1', 'team'))()))
    assert.equal(await k.get(cmRef('c1'))(), E.left(kubeNotFound('configmaps', 'c1')))
  })
  crud('should refuse a kind it does not serve', async () => {
    const k = await make()
    const o: KubeObject = { apiVersion: 'nope.io/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'default' } }
    assert.equal(await k.create(o)(), E.left(kindNotFound('nope.io/v1', 'Gadget')))
  })
  crud('should apply a JSON merge patch: set, delete with null, replace lists, keep the rest', async () => {
    const k = await make()
    assertRight(await k.create({ ...configMap('c1'), list: [1, 2, 3] })())
    const patched = assertRight(await k.patch(cmRef('c1'), { data: { a: null, c: '3' }, list: [9] })())
    assert.equal(patched.data, { b: '2', c: '3' })
    assert.equal(patched.list, [9])
    const got = assertRight(await k.get(cmRef('c1'))())
    assert.equal(got.data, { b: '2', c: '3' })
    assert.is.not(got.metadata.resourceVersion, undefined)
  })
  crud('should refuse to patch a missing object', async () => {
    const k = await make()
    assert.equal(await k.patch(cmRef('nope'), { data: { a: 'x' } })(), E.left(kubeNotFound('configmaps', 'nope')))
  })
  crud('should delete an object', async () => {
    const k = await make()
    assertRight(await k.create(configMap('c1'))())
    assert.equal(await k.delete(cmRef('c1'))(), E.right(undefined))
    assert.equal(await k.get(cmRef('c1'))(), E.left(kubeNotFound('configmaps', 'c1')))
    assert.equal(await k.delete(cmRef('c1'))(), E.left(kubeNotFound('configmaps', 'c1')))
  })
  crud.run()

  const lists = suite(`${name} KubeClient contract: list`)
  lists('should list by namespace and label selector, sorted by name', async () => {
    const k = await make()
    assertRight(await k.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } })())
    assertRight(await k.create(configMap('b', { app: 'x', tier: 'web' }))())
    assertRight(await k.create(configMap('a', { app: 'x' }))())
    assertRight(await k.create(configMap('c', { app: 'y' }))())
    assertRight(await k.create(configMap('d', { app: 'x' }, 'other'))())
    const q = { apiVersion: 'v1', kind: 'ConfigMap' }
    assert.equal(names(assertRight(await k.list({ ...q, namespace: 'default', labelSelector: 'app=x' })())), ['a', 'b'])
    assert.equal(names(assertRight(await k.list({ ...q, namespace: 'default', labelSelector: 'app!=x' })())), ['c'])
    assert.equal(names(assertRight(await k.list({ ...q, namespace: 'default', labelSelector: 'tier' })())), ['b'])
    assert.equal(names(assertRight(await k.list({ ...q, labelSelector: 'app=x' })())).sort(), ['a', 'b', 'd'])
    assert.equal(names(assertRight(await k.list({ ...q, namespace: 'default', name: 'c' })())), ['c'])
  })
  lists.run()

  const waits = suite(`${name} KubeClient contract: waitReady/watch/logs`)
  waits('should see a ConfigMap and a Deployment become ready', async () => {
    const k = await make()
    assertRight(await k.create(configMap('c1'))())
    assertRight(await k.create(deployment('web'))())
    const refs: ObjectRef[] = [
      cmRef('c1'),
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default' },
    ]
    assert.equal(await k.waitReady(refs, { timeoutSeconds: 20 })(), E.right(undefined))
  })
  waits('should time out waiting for an object that never appears', async () => {
    const k = await make()
    const r = await k.waitReady([cmRef('never')], { timeoutSeconds: 1 })()
    assert.is(E.isLeft(r) && r.left._tag, 'WaitTimeout')
  })
  waits('should watch an object created after the watch starts', async () => {
    const k = await make()
    assertRight(await k.create(configMap('early'))())
    const seen: WatchEvent[] = []
    const watching = k.watch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' },
      { timeoutSeconds: 20 },
      (e) => {
        seen.push(e)
        return e.object.metadata.name === 'late'
      },
    )()
    await new Promise((r) => setTimeout(r, 50))
    assertRight(await k.create(configMap('late'))())
    assert.equal(await watching, E.right(undefined))
    assert.equal(
      seen.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['ADDED early', 'ADDED late'],
    )
  })
  waits('should end a watch that sees nothing with WaitTimeout', async () => {
    const k = await make()
    const r = await k.watch({ apiVersion: 'v1', kind: 'ConfigMap', name: 'never' }, { timeoutSeconds: 1 }, () => true)()
    assert.is(E.isLeft(r) && r.left._tag, 'WaitTimeout')
  })
  waits('should read the log of an existing pod and refuse a missing one', async () => {
    const k = await make()
    assertRight(
      await k.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p1', namespace: 'default' },
        spec: { containers: [{ name: 'main', image: 'busybox' }] },
      })(),
    )
    assert.type(assertRight(await k.logs({ namespace: 'default', name: 'p1' })()), 'string')
    assert.equal(await k.logs({ namespace: 'default', name: 'nope' })(), E.left(kubeNotFound('pods', 'nope')))
  })
  waits.run()
}
