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
switches('should make a Job named failing end Failed', async () => {
  const k = memoryKube({ clock: virtualClock() })
  k.controllers.failing.add('migrate')
  const job = assertRight(
    await k.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'default' },
      spec: {},
    })(),
  )
  assert.equal((job as any).status.conditions[0], { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' })
})
switches('should bump generation on a spec change and journal writes', async () => {
  const k = memoryKube({ clock: virtualClock() })
  assertRight(await k.create(deployment('web'))())
  const p = assertRight(await k.patch(webRef, { spec: { replicas: 3 } })())
  assert.is(p.metadata.generation, 2)
  assert.is((p as any).status.readyReplicas, 3)
  assert.equal(k.journal, ['create Deployment/web', 'patch Deployment/web'])
})
switches.run()
