// Fake controllers that make workloads ready: Deployment → ReplicaSet → Pods, StatefulSet and DaemonSet
// pods, Pod readiness, Job completion, PVC binding, LoadBalancer ingress; CRDs are always established.
// A pod template annotated `sandbox.wheelhouse.io/ready: "false"` never becomes ready and a Job annotated
// `sandbox.wheelhouse.io/fail: "true"` fails, so tests can exercise waits that must time out or fail.
import { createHash } from 'node:crypto'
import type { Registry } from './Discovery'
import { generateName, now, prepareCreate } from './Objects'
import { resourceKey, type KObj, type ResourceType } from './Resources'
import type { ObjectStore, StoreEvent } from './Store'

/** Annotation that keeps a pod (or the pods of a workload) from becoming ready. */
export const NOT_READY = 'sandbox.wheelhouse.io/ready'
/** Annotation that makes a Job (or a run-to-completion pod) fail. */
export const FAIL = 'sandbox.wheelhouse.io/fail'

const workloadKinds = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Pod',
  'Job',
  'PersistentVolumeClaim',
  'Service',
])
const alwaysKinds = new Set(['CustomResourceDefinition'])

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
const hashOf = (v: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(v ?? {}))
    .digest('hex')
    .slice(0, 10)
const annotation = (o: KObj | undefined, k: string): string | undefined => o?.metadata?.annotations?.[k]

/** The switchable controller loop of a sandbox. */
export class Controllers {
  private queue = new Map<string, readonly [string, string | undefined, string]>()
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: Registry,
    private enabled: boolean,
    private readonly delayMs = 5,
  ) {
    store.subscribe((e) => this.onEvent(e))
    this.enqueueAll()
  }

  /** Turns the workload controllers on or off (CRD establishment always runs). */
  setEnabled(on: boolean): void {
    this.enabled = on
    if (on) this.enqueueAll()
  }

  get isEnabled(): boolean {
    return this.enabled
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }

  private res(group: string, kind: string): ResourceType {
    return this.registry.byKind(group, kind)!
  }

  private enqueueAll(): void {
    for (const [res, o] of this.store.entries()) this.enqueue(res, o)
  }

  private enqueue(res: string, o: KObj): void {
    this.queue.set(`${res}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`, [
      res,
      o.metadata?.namespace,
      o.metadata?.name,
    ])
    if (!this.timer && !this.stopped) this.timer = setTimeout(() => this.drain(), this.delayMs)
  }

  private onEvent(e: StoreEvent): void {
    if (this.stopped) return
    if (e.type !== 'DELETED') this.enqueue(e.res, e.obj)
    for (const ref of (e.obj.metadata?.ownerReferences ?? []) as KObj[]) {
      if (!ref.controller) continue
      const group = String(ref.apiVersion ?? '').includes('/') ? String(ref.apiVersion).split('/')[0]! : ''
      const r = this.registry.byKind(group, ref.kind)
      if (r) this.enqueue(resourceKey(r), { metadata: { namespace: e.obj.metadata.namespace, name: ref.name } })
    }
  }

  private drain(): void {
    this.timer = undefined
    const items = [...this.queue.values()]
    this.queue.clear()
    for (const [res, ns, name] of items) {
      const o = this.store.get(res, ns, name)
      if (!o || o.metadata.deletionTimestamp) continue
      const kind = o.kind as string
      if (alwaysKinds.has(kind) || (this.enabled && workloadKinds.has(kind))) this.reconcile(res, o)
    }
  }

  private setStatus(res: string, o: KObj, status: KObj): void {
    if (same(o.status, status)) return
    this.store.put(res, { ...o, status })
  }

  private owned(res: ResourceType, owner: KObj): KObj[] {
    return this.store
      .list(resourceKey(res), owner.metadata.namespace)
      .filter((o) => (o.metadata.ownerReferences ?? []).some((r: KObj) => r.uid === owner.metadata.uid && r.controller))
  }

  private ownerRef(o: KObj): KObj {
    return {
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name,
      uid: o.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    }
  }

  private create(r: ResourceType, body: KObj): KObj {
    return this.store.put(resourceKey(r), prepareCreate(r, body, body.metadata.namespace))
  }

  private reconcile(res: string, o: KObj): void {
    switch (o.kind) {
      case 'Deployment':
        return this.deployment(res, o)
      case 'ReplicaSet':
        return this.podSet(res, o, () => generateName(`${o.metadata.name}-`))
      case 'StatefulSet':
        return this.podSet(res, o, (i) => `${o.metadata.name}-${i}`)
      case 'DaemonSet':
        return this.podSet(res, o, () => generateName(`${o.metadata.name}-`))
      case 'Pod':
        return this.pod(res, o)
      case 'Job':
        return this.job(res, o)
      case 'PersistentVolumeClaim':
        return this.setStatus(res, o, {
          ...o.status,
          phase: 'Bound',
          accessModes: o.spec?.accessModes ?? ['ReadWriteOnce'],
          capacity: o.spec?.resources?.requests ?? {},
        })
      case 'Service':
        if (o.spec?.type === 'LoadBalancer')
          this.setStatus(res, o, { loadBalancer: { ingress: [{ ip: '127.0.0.1', ipMode: 'VIP' }] } })
        return
      case 'CustomResourceDefinition': {
        const t = o.status?.conditions?.[0]?.lastTransitionTime ?? now()
        return this.setStatus(res, o, {
          conditions: [
            {
              type: 'NamesAccepted',
              status: 'True',
              reason: 'NoConflicts',
              message: 'no conflicts found',
              lastTransitionTime: t,
            },
            {
              type: 'Established',
              status: 'True',
              reason: 'InitialNamesAccepted',
              message: 'the initial names have been accepted',
              lastTransitionTime: t,
            },
          ],
          acceptedNames: o.spec?.names ?? {},
          storedVersions: (o.spec?.versions ?? []).filter((v: KObj) => v.storage).map((v: KObj) => v.name),
        })
      }
    }
  }

  private deployment(res: string, dep: KObj): void {
    const rsRes = this.res('apps', 'ReplicaSet')
    const template = dep.spec?.template ?? {}
    const hash = hashOf(template)
    const replicas = dep.spec?.replicas ?? 1
    const sets = this.owned(rsRes, dep)
    let current = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash)
    if (!current) {
      const labels = { ...template.metadata?.labels, 'pod-template-hash': hash }
      current = this.create(rsRes, {
        metadata: {
          name: `${dep.metadata.name}-${hash}`,
          namespace: dep.metadata.namespace,
          labels,
          annotations: { 'deployment.kubernetes.io/revision': String(sets.length + 1) },
          ownerReferences: [this.ownerRef(dep)],
        },
        spec: {
          replicas,
          selector: {
            ...dep.spec?.selector,
            matchLabels: { ...dep.spec?.selector?.matchLabels, 'pod-template-hash': hash },
          },
          template: { ...template, metadata: { ...template.metadata, labels } },
        },
      })
    } else if (current.spec.replicas !== replicas) {
      current = this.store.put(resourceKey(rsRes), {
        ...current,
        spec: { ...current.spec, replicas },
        metadata: { ...current.metadata, generation: current.metadata.generation + 1 },
      })
    }
    for (const old of sets)
      if (old.metadata.uid !== current.metadata.uid && old.spec.replicas !== 0)
        this.store.put(resourceKey(rsRes), {
          ...old,
          spec: { ...old.spec, replicas: 0 },
          metadata: { ...old.metadata, generation: old.metadata.generation + 1 },
        })
    const rs = current.status ?? {}
    const ready = rs.readyReplicas ?? 0
    const available = ready >= replicas
    const t = dep.status?.conditions?.[0]?.lastTransitionTime ?? now()
    this.setStatus(res, dep, {
      observedGeneration: dep.metadata.generation,
      replicas: rs.replicas ?? 0,
      updatedReplicas: rs.replicas ?? 0,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(replicas - ready > 0 ? { unavailableReplicas: replicas - ready } : {}),
      conditions: [
        available
          ? {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
              lastUpdateTime: t,
              lastTransitionTime: t,
            }
          : {
              type: 'Available',
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
              lastUpdateTime: t,
              lastTransitionTime: t,
            },
        {
          type: 'Progressing',
          status: 'True',
          reason: available ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
          message: `ReplicaSet "${current.metadata.name}" ${available ? 'has successfully progressed' : 'is progressing'}.`,
          lastUpdateTime: t,
          lastTransitionTime: t,
        },
      ],
    })
  }

  /** ReplicaSets, StatefulSets and DaemonSets: keep the desired number of pods and report their readiness. */
  private podSet(res: string, set: KObj, podName: (i: number) => string): void {
    const podRes = this.res('', 'Pod')
    const desired = set.kind === 'DaemonSet' ? 1 : (set.spec?.replicas ?? 1)
    const template = set.spec?.template ?? {}
    let pods = this.owned(podRes, set)
    for (let i = pods.length; i < desired; i++) {
      const name = podName(i)
      if (this.store.get(resourceKey(podRes), set.metadata.namespace, name)) continue
      this.create(podRes, {
        metadata: {
          ...template.metadata,
          name,
          namespace: set.metadata.namespace,
          ownerReferences: [this.ownerRef(set)],
        },
        spec: { nodeName: 'sandbox-node', ...template.spec },
      })
    }
    for (const extra of pods.slice(desired))
      this.store.remove(resourceKey(podRes), extra.metadata.namespace, extra.metadata.name)
    pods = this.owned(podRes, set).slice(0, desired)
    const ready = pods.filter((p) =>
      (p.status?.conditions ?? []).some((c: KObj) => c.type === 'Ready' && c.status === 'True'),
    ).length
    const gen = set.metadata.generation
    const revision = `${set.metadata.name}-${hashOf(template)}`
    const status: KObj =
      set.kind === 'DaemonSet'
        ? {
            currentNumberScheduled: pods.length,
            desiredNumberScheduled: 1,
            numberMisscheduled: 0,
            numberReady: ready,
            numberAvailable: ready,
            updatedNumberScheduled: pods.length,
            observedGeneration: gen,
          }
        : set.kind === 'StatefulSet'
          ? {
              observedGeneration: gen,
              replicas: pods.length,
              readyReplicas: ready,
              currentReplicas: pods.length,
              updatedReplicas: pods.length,
              availableReplicas: ready,
              currentRevision: revision,
              updateRevision: revision,
              collisionCount: 0,
            }
          : {
              replicas: pods.length,
              fullyLabeledReplicas: pods.length,
              readyReplicas: ready,
              availableReplicas: ready,
              observedGeneration: gen,
            }
    this.setStatus(res, set, status)
  }

  private pod(res: string, pod: KObj): void {
    if (pod.status?.phase === 'Running' || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return
    // pods that run to completion (a Job's, or a bare pod with restartPolicy Never/OnFailure such as a
    // `helm test` pod) succeed; the rest keep running
    const completes =
      (pod.metadata.ownerReferences ?? []).some((r: KObj) => r.kind === 'Job') ||
      ((pod.metadata.ownerReferences ?? []).length === 0 && ['Never', 'OnFailure'].includes(pod.spec?.restartPolicy))
    const blocked = annotation(pod, NOT_READY) === 'false'
    const t = now()
    const cond = (type: string, ok: boolean): KObj => ({
      type,
      status: ok ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: t,
    })
    const ready = !blocked && !completes
    const fails = completes && annotation(pod, FAIL) === 'true'
    const state = completes
      ? { terminated: { exitCode: fails ? 1 : 0, reason: fails ? 'Error' : 'Completed', startedAt: t, finishedAt: t } }
      : { running: { startedAt: t } }
    this.setStatus(res, pod, {
      phase: completes ? (fails ? 'Failed' : 'Succeeded') : 'Running',
      conditions: [
        cond('Initialized', true),
        cond('Ready', ready),
        cond('ContainersReady', ready),
        cond('PodScheduled', true),
      ],
      hostIP: '10.0.0.1',
      podIP: `10.244.0.${(parseInt(pod.metadata.uid.slice(0, 2), 16) % 250) + 2}`,
      startTime: t,
      containerStatuses: ((pod.spec?.containers ?? []) as KObj[]).map((c) => ({
        name: c.name,
        ready,
        started: !completes,
        restartCount: 0,
        image: c.image,
        imageID: '',
        state,
      })),
    })
  }

  private job(res: string, job: KObj): void {
    if (
      (job.status?.conditions ?? []).some(
        (c: KObj) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
      )
    )
      return
    const t = now()
    const fail = annotation(job, FAIL) === 'true' || annotation(job.spec?.template, FAIL) === 'true'
    const completions = job.spec?.completions ?? 1
    this.setStatus(
      res,
      job,
      fail
        ? {
            startTime: t,
            failed: (job.spec?.backoffLimit ?? 6) + 1,
            conditions: [
              {
                type: 'FailureTarget',
                status: 'True',
                reason: 'BackoffLimitExceeded',
                message: 'Job has reached the specified backoff limit',
                lastProbeTime: t,
                lastTransitionTime: t,
              },
              {
                type: 'Failed',
                status: 'True',
                reason: 'BackoffLimitExceeded',
                message: 'Job has reached the specified backoff limit',
                lastProbeTime: t,
                lastTransitionTime: t,
              },
            ],
          }
        : {
            startTime: t,
            completionTime: t,
            succeeded: completions,
            ready: 0,
            conditions: [
              {
                type: 'SuccessCriteriaMet',
                status: 'True',
                reason: 'CompletionsReached',
                message: 'Reached expected number of succeeded pods',
                lastProbeTime: t,
                lastTransitionTime: t,
              },
              {
                type: 'Complete',
                status: 'True',
                reason: 'CompletionsReached',
                message: 'Reached expected number of succeeded pods',
                lastProbeTime: t,
                lastTransitionTime: t,
              },
            ],
          },
    )
  }
}
