import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memoryKube } from '../../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../../src/adapters/system/VirtualClock'
import { systemClock } from '../../../src/adapters/system/System'
import { assertRight } from '../../helpers'
import { deployment, kubeClientContract } from '../../ports/KubeClient.contract'

kubeClientContract('memory-kube', async () => memoryKube({ clock: systemClock }))

const switches = suite('memoryKube controllers')
const webRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default' }
switches('should time out a wait when workloads are switched to never ready', async () => {
  const k = memoryKube({ clock: virtualClock() })
  k.controllers.ready = false
  assertRight(await k.create(deployment('web'))())
  const progress: string[] = []
  const r = await k.waitReady([webRef], { timeoutSeconds: 300, onProgress: (m) => progress.push(m) })()
  assert.is(E.isLeft(r) && r.left._tag, 'WaitTimeout')
  assert.ok(progress[0]?.includes('Deployment default/web: 0 of 1 replicas ready'), progress[0])
})
const job = (name: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } } },
})
const conditions = (o: unknown): unknown[] => (o as { status?: { conditions?: unknown[] } }).status?.conditions ?? []
switches('should make a Job named failing end Failed, one named hanging never end, others Complete', async () => {
  const k = memoryKube({ clock: virtualClock() })
  k.controllers.failing.add('migrate')
  k.controllers.hanging.add('slow')
  for (const name of ['migrate', 'slow', 'ok']) assertRight(await k.create(job(name))())
  const ref = (name: string) => ({ apiVersion: 'batch/v1', kind: 'Job', name, namespace: 'default' })
  const failed = assertRight(await k.get(ref('migrate'))())
  assert.ok(
    conditions(failed).some(
      (c) =>
        (c as { type: string; reason: string }).type === 'Failed' &&
        (c as { reason: string }).reason === 'BackoffLimitExceeded',
    ),
  )
  assert.equal(conditions(assertRight(await k.get(ref('slow'))())), [])
  assert.ok(conditions(assertRight(await k.get(ref('ok'))())).some((c) => (c as { type: string }).type === 'Complete'))
})
switches(
  'should bump generation on a spec change, run the Deployment through a ReplicaSet to pods, and journal writes',
  async () => {
    const k = memoryKube({ clock: virtualClock() })
    assertRight(await k.create(deployment('web'))())
    const p = assertRight(await k.patch(webRef, { spec: { replicas: 3 } })())
    assert.is(p.metadata.generation, 2)
    assert.is((assertRight(await k.get(webRef)()) as { status?: { readyReplicas?: number } }).status?.readyReplicas, 3)
    const kinds = k.objects().map((o) => o.kind)
    assert.is(kinds.filter((x) => x === 'ReplicaSet').length, 1)
    assert.is(kinds.filter((x) => x === 'Pod').length, 3)
    assert.equal(k.journal, ['create Deployment/web', 'patch Deployment/web'])
  },
)
switches.run()

const engine = suite('memoryKube is the fake cluster engine')
engine(
  'should refuse what the API server refuses, in its words: an immutable selector, object-valued annotations',
  async () => {
    const k = memoryKube({ clock: virtualClock() })
    assertRight(await k.create(deployment('web'))())
    assert.equal(
      await k.patch(webRef, {
        spec: { selector: { matchLabels: { app: 'web2' } }, template: { metadata: { labels: { app: 'web2' } } } },
      })(),
      E.left({
        _tag: 'KubeInvalid',
        resource: 'Deployment.apps',
        name: 'web',
        reason: 'spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable',
      }),
    )
    const bad = await k.create({
      ...deployment('odd'),
      metadata: { name: 'odd', namespace: 'default', annotations: { a: { b: 1 } } },
    } as never)()
    assert.equal(
      bad,
      E.left({
        _tag: 'KubeUnavailable',
        cause:
          'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field ObjectMeta.metadata.annotations of type string',
      }),
    )
    assert.equal(
      await k.list({ apiVersion: 'v1', kind: 'ConfigMap', labelSelector: 'a=b=c' })(),
      E.left({
        _tag: 'KubeUnavailable',
        cause: "found '=', expected: ',' or 'end of string'",
      }),
    )
  },
)
engine.run()
