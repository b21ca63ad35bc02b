import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { KubeObject } from '../../../src/domain/release/KubeObject'
import * as _ from '../../../src/domain/release/Readiness'

const obj = (kind: string, rest: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 'x', namespace: 'ns' },
  ...rest,
})

const ready = suite('Readiness.readiness')
ready('should apply Helm maxUnavailable to Deployments', () => {
  assert.is(_.maxUnavailable({ replicas: 4 }), 1)
  assert.is(_.maxUnavailable({ replicas: 1 }), 0)
  assert.is(_.maxUnavailable({ replicas: 10, strategy: { rollingUpdate: { maxUnavailable: '50%' } } }), 5)
  assert.is(_.maxUnavailable({ replicas: 3, strategy: { type: 'Recreate' } }), 0)
  assert.is(_.maxUnavailable({ replicas: 3, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }), 1)
  const dep = (ready: number) => obj('Deployment', { spec: { replicas: 4 }, status: { readyReplicas: ready } })
  assert.equal(_.readiness(dep(3)), { ready: true })
  assert.equal(_.readiness(dep(2)), { ready: false, waiting: 'Deployment ns/x: 2 of 3 replicas ready' })
})
ready('should read pods, PVCs, services and CRDs', () => {
  assert.ok(_.readiness(obj('Pod', { status: { conditions: [{ type: 'Ready', status: 'True' }] } })).ready)
  assert.not.ok(_.readiness(obj('Pod', { status: { phase: 'Running' } })).ready)
  assert.not.ok(_.readiness(obj('PersistentVolumeClaim', { status: { phase: 'Pending' } })).ready)
  assert.ok(_.readiness(obj('Service', { spec: { clusterIP: '10.0.0.1' } })).ready)
  assert.not.ok(_.readiness(obj('Service', { spec: { type: 'LoadBalancer', clusterIP: '10.0.0.1' } })).ready)
  assert.ok(_.readiness(obj('Service', { spec: { type: 'ExternalName' } })).ready)
  assert.ok(_.readiness(obj('ConfigMap', {})).ready)
  assert.ok(_.readiness(obj('Job', {})).ready)
})
ready.run()

const done = suite('Readiness.completion')
done('should end Jobs on Complete or Failed and Pods on Succeeded or Failed', () => {
  assert.equal(_.completion(obj('Job', { status: { conditions: [{ type: 'Complete', status: 'True' }] } })), {
    done: true,
  })
  assert.equal(
    _.completion(
      obj('Job', { status: { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] } }),
    ),
    {
      done: true,
      failed: 'Job failed: DeadlineExceeded',
    },
  )
  assert.equal(_.completion(obj('Job', { status: { active: 1 } })), { done: false })
  assert.equal(_.completion(obj('Pod', { status: { phase: 'Failed' } })), { done: true, failed: 'pod x failed' })
  assert.equal(_.completion(obj('Secret', {})), { done: true })
})
done.run()
