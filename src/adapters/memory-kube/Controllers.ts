import type { KubeObject } from '../../domain/release/KubeObject'

/** How the memory cluster's fake controllers behave; switchable at run time. */
export interface ControllerSettings {
  /** When false, workloads never become ready (to test `--wait` timeouts). */
  ready: boolean
  /** Names of Jobs and Pods that end Failed instead of succeeding. */
  readonly failing: Set<string>
  /** Names of Jobs and Pods that never finish. */
  readonly hanging: Set<string>
}

type Obj = Record<string, any>

const ipOf = (n: number): string => `10.96.${(n >> 8) & 255}.${n & 255}`

/**
 * The status a controller would write for `o` (Deployment/StatefulSet/ReplicaSet ready replicas, Pod
 * Ready or, with restartPolicy Never/OnFailure, Succeeded, Job Complete, PVC Bound, Service cluster IP
 * and LoadBalancer ingress, CRD Established), or the object unchanged when it has nothing to report.
 */
export const reconcile = (o: KubeObject, s: ControllerSettings, serial: number): KubeObject => {
  const obj = o as Obj
  const name = o.metadata.name ?? ''
  const spec = obj.spec ?? {}
  const gen = o.metadata.generation
  const ended = s.failing.has(name) ? 'fail' : s.hanging.has(name) ? 'hang' : 'ok'
  const withStatus = (status: Obj): KubeObject => ({ ...o, status: { ...(obj.status ?? {}), ...status } })
  switch (o.kind) {
    case 'Service': {
      const clusterIP = spec.clusterIP ?? (spec.type === 'ExternalName' ? undefined : ipOf(serial))
      const lb =
        spec.type === 'LoadBalancer' && s.ready
          ? { loadBalancer: { ingress: [{ ip: `192.0.2.${(clusterIP ?? '').split('.').at(-1)}` }] } }
          : {}
      return { ...o, spec: clusterIP ? { ...spec, clusterIP } : spec, status: { ...(obj.status ?? {}), ...lb } }
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController': {
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1
      const ready = s.ready ? replicas : 0
      return withStatus({
        observedGeneration: gen,
        replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        updatedReplicas: ready,
      })
    }
    case 'DaemonSet':
      return withStatus({ observedGeneration: gen, desiredNumberScheduled: 1, numberReady: s.ready ? 1 : 0 })
    case 'PersistentVolumeClaim':
      return withStatus({ phase: s.ready ? 'Bound' : 'Pending' })
    case 'Pod': {
      const runsToEnd = ['Never', 'OnFailure'].includes(spec.restartPolicy)
      if (!s.ready || ended === 'hang') return withStatus({ phase: 'Pending' })
      if (runsToEnd && ended !== 'ok') return withStatus({ phase: ended === 'fail' ? 'Failed' : 'Running' })
      if (runsToEnd) return withStatus({ phase: 'Succeeded' })
      if (ended === 'fail') return withStatus({ phase: 'Failed' })
      return withStatus({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] })
    }
    case 'Job': {
      if (ended === 'hang' || !s.ready) return withStatus({ active: 1 })
      return ended === 'fail'
        ? withStatus({ failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] })
        : withStatus({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] })
    }
    case 'CustomResourceDefinition':
      return withStatus({
        conditions: [
          { type: 'Established', status: 'True' },
          { type: 'NamesAccepted', status: 'True' },
        ],
      })
    default:
      return o
  }
}
