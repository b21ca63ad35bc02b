import { at, type JsonObject, listAt, numAt, objAt, objectsAt, strAt } from './Fields'
import type { KubeObject } from './KubeObject'

/** Whether a live object counts as ready for `--wait`, and if not, what it is waiting for. */
export type Readiness = { readonly ready: true } | { readonly ready: false; readonly waiting: string }

const READY: Readiness = { ready: true }
const waiting = (o: KubeObject, what: string): Readiness => ({
  ready: false,
  waiting: `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}: ${what}`,
})
const num = (v: unknown, dflt: number): number => (typeof v === 'number' ? v : dflt)

/** Resolves a RollingUpdate int-or-percent against `total` (percent rounded as `round` says). */
const scaled = (v: unknown, total: number, round: (n: number) => number, dflt: string): number => {
  const x = v ?? dflt
  if (typeof x === 'number') return x
  const m = /^(\d+)%$/.exec(String(x))
  return m ? round((Number(m[1]) * total) / 100) : Number(x) || 0
}

/** Helm's `deploymentutil.MaxUnavailable`: 0 unless RollingUpdate; at least 1 when surge is 0 too; capped at replicas. */
export const maxUnavailable = (spec: JsonObject): number => {
  const replicas = num(spec.replicas, 1)
  if ((strAt(spec, 'strategy', 'type') ?? 'RollingUpdate') !== 'RollingUpdate' || replicas === 0) return 0
  const ru = objAt(spec, 'strategy', 'rollingUpdate') ?? {}
  const surge = scaled(ru.maxSurge, replicas, Math.ceil, '25%')
  let unavailable = scaled(ru.maxUnavailable, replicas, Math.floor, '25%')
  if (surge === 0 && unavailable === 0) unavailable = 1
  return Math.min(unavailable, replicas)
}

const condition = (o: KubeObject, type: string): unknown =>
  objectsAt(o, 'status', 'conditions').find((c) => c.type === type)?.status

const generationSeen = (o: KubeObject): boolean => {
  const generation = numAt(o, 'metadata', 'generation')
  return generation === undefined || num(at(o, 'status', 'observedGeneration'), 0) >= generation
}

/**
 * Helm's `--wait` rules read from the object's status (the v3 `ReadyChecker` form, which needs no
 * ReplicaSet lookup): Pod Ready condition; Deployment ready replicas ≥ replicas − maxUnavailable and not
 * paused; StatefulSet/ReplicaSet/ReplicationController all replicas ready; DaemonSet all scheduled pods
 * ready; PVC Bound; Service with a cluster IP (and LoadBalancer ingress); CRD Established. Jobs and
 * every other kind are ready as soon as they exist (Helm v2 does not wait on Jobs).
 */
export const readiness = (obj: KubeObject): Readiness => {
  const o = obj
  const spec = objAt(o, 'spec') ?? {}
  const status = objAt(o, 'status') ?? {}
  switch (obj.kind) {
    case 'Pod':
      return condition(o, 'Ready') === 'True' || status.phase === 'Succeeded' ? READY : waiting(obj, 'pod not ready')
    case 'Deployment': {
      if (spec.paused) return READY
      const want = num(spec.replicas, 1) - maxUnavailable(spec)
      return generationSeen(o) && num(status.readyReplicas, 0) >= want
        ? READY
        : waiting(obj, `${num(status.readyReplicas, 0)} of ${want} replicas ready`)
    }
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController': {
      const want = num(spec.replicas, 1)
      return generationSeen(o) && num(status.readyReplicas, 0) >= want
        ? READY
        : waiting(obj, `${num(status.readyReplicas, 0)} of ${want} replicas ready`)
    }
    case 'DaemonSet': {
      const want = num(status.desiredNumberScheduled, 0)
      return generationSeen(o) && status.desiredNumberScheduled !== undefined && num(status.numberReady, 0) >= want
        ? READY
        : waiting(obj, `${num(status.numberReady, 0)} of ${want} pods ready`)
    }
    case 'PersistentVolumeClaim':
      return status.phase === 'Bound' ? READY : waiting(obj, 'not bound')
    case 'Service': {
      if (spec.type === 'ExternalName') return READY
      if (!spec.clusterIP) return waiting(obj, 'no cluster IP')
      if (
        spec.type === 'LoadBalancer' &&
        listAt(spec, 'externalIPs').length === 0 &&
        listAt(status, 'loadBalancer', 'ingress').length === 0
      )
        return waiting(obj, 'no load balancer ingress')
      return READY
    }
    case 'CustomResourceDefinition':
      return condition(o, 'Established') === 'True' ? READY : waiting(obj, 'not established')
    default:
      return READY
  }
}

/** How a hook or test resource ended, by Helm v2's `watchUntilReady` rules: Jobs and Pods run to an end, other kinds are done once they exist. */
export type Completion = { readonly done: false } | { readonly done: true; readonly failed?: string }

/** Job: Complete → done, Failed → failed with the condition's reason; Pod: Succeeded / Failed; others: done. */
export const completion = (obj: KubeObject): Completion => {
  const o = obj
  if (obj.kind === 'Job') {
    const failed = objectsAt(o, 'status', 'conditions').find((c) => c.type === 'Failed' && c.status === 'True')
    if (failed) return { done: true, failed: `Job failed: ${strAt(failed, 'reason') ?? 'Failed'}` }
    return condition(o, 'Complete') === 'True' ? { done: true } : { done: false }
  }
  if (obj.kind === 'Pod') {
    const phase = strAt(o, 'status', 'phase')
    if (phase === 'Succeeded') return { done: true }
    if (phase === 'Failed') return { done: true, failed: `pod ${obj.metadata.name} failed` }
    return { done: false }
  }
  return { done: true }
}
