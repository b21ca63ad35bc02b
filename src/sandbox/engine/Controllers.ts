// Fake controllers that make workloads ready: Deployment → ReplicaSet → Pods, StatefulSet and DaemonSet
// pods, Pod readiness, Job completion, PVC binding, LoadBalancer ingress; CRDs are always established.
// What fails or never ends is switchable: the whole loop (`enabled`), Jobs and Pods by name (`failing`,
// `hanging`), or by annotation — a pod template annotated `sandbox.wheelhouse.io/ready: "false"` never becomes
// ready, a Job or pod annotated `sandbox.wheelhouse.io/fail: "true"` fails.
import { createHash } from 'node:crypto'
import { jsonEqual, type JsonObject, type KObj, numAt, objAt, objectsAt, type OwnerReference, strAt } from './Json'
import { generateName, type Prep, prepareCreate, timestamp } from './Objects'
import type { Registry } from './Registry'
import { resourceKey, type ResourceType } from './Resources'
import type { ObjectStore, StoreEvent } from './Store'

/** Annotation that keeps a pod (or the pods of a workload) from becoming ready. */
export const NOT_READY = 'sandbox.wheelhouse.io/ready'
/** Annotation that makes a Job (or a run-to-completion pod) fail. */
export const FAIL = 'sandbox.wheelhouse.io/fail'

/** How the controllers run: `timer` drains the work queue a few milliseconds after a change (a server);
 * `manual` leaves it to `settle()` (an in-memory cluster that settles after every call). */
export type Schedule = 'timer' | 'manual'

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

// stored objects are never mutated: a template's hash is computed once per template object, and once per text
// for templates written again (an upgrade that keeps it, releases of one chart)
const hashes = new WeakMap<object, string>()
const byText = new Map<string, string>()
const hashOf = (v: JsonObject): string => {
  let h = hashes.get(v)
  if (h === undefined) {
    const text = JSON.stringify(v)
    h = byText.get(text)
    if (h === undefined) {
      h = createHash('sha256').update(text).digest('hex').slice(0, 10)
      if (byText.size >= 1024) byText.clear()
      byText.set(text, h)
    }
    hashes.set(v, h)
  }
  return h
}
const annotation = (o: unknown, k: string): string | undefined => strAt(o, 'metadata', 'annotations', k)
const conditionTrue = (o: unknown, type: string): boolean =>
  objectsAt(o, 'status', 'conditions').some((c) => c.type === type && c.status === 'True')

/** A Set that tells when it changes (the controllers look at everything again). */
class Switches extends Set<string> {
  constructor(private readonly changed: () => void) {
    super()
  }
  override add(v: string): this {
    super.add(v)
    this.changed?.()
    return this
  }
  override delete(v: string): boolean {
    const had = super.delete(v)
    this.changed?.()
    return had
  }
  override clear(): void {
    super.clear()
    this.changed?.()
  }
}

/** The switchable controller loop of a fake cluster. */
export class Controllers {
  private queue = new Map<string, readonly [string, string | undefined, string]>()
  private timer: NodeJS.Timeout | undefined
  private stopped = false
  /** Names of Jobs and Pods that end Failed. */
  readonly failing: Set<string> = new Switches(() => this.enqueueAll())
  /** Names of Jobs and Pods that never finish (pods never become ready). */
  readonly hanging: Set<string> = new Switches(() => this.enqueueAll())

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: Registry,
    private readonly prep: Prep,
    private enabled: boolean,
    private readonly schedule: Schedule = 'timer',
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

  /** Runs the controllers until they have nothing left to do (bounded: a controller that never settles stops). */
  settle(): void {
    for (let i = 0; i < 100 && this.queue.size > 0; i++) this.drain()
  }

  private res(group: string, kind: string): ResourceType {
    return this.registry.byKind(group, kind)!
  }

  private enqueueAll(): void {
    for (const [res, o] of this.store.entries()) this.enqueue(res, o.metadata.namespace, o.metadata.name)
  }

  private enqueue(res: string, ns: string | undefined, name: string): void {
    this.queue.set(`${res}|${ns ?? ''}|${name}`, [res, ns, name])
    if (this.schedule === 'timer' && !this.timer && !this.stopped)
      this.timer = setTimeout(() => this.drain(), this.delayMs)
  }

  private onEvent(e: StoreEvent): void {
    if (this.stopped) return
    if (e.type !== 'DELETED') this.enqueue(e.res, e.obj.metadata.namespace, e.obj.metadata.name)
    for (const ref of e.obj.metadata.ownerReferences ?? []) {
      if (!ref.controller) continue
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : ''
      const r = this.registry.byKind(group, ref.kind)
      if (r) this.enqueue(resourceKey(r), e.obj.metadata.namespace, ref.name)
    }
  }

  private drain(): void {
    this.timer = undefined
    const items = [...this.queue.values()]
    this.queue.clear()
    for (const [res, ns, name] of items) {
      const o = this.store.get(res, ns, name)
      if (!o || o.metadata.deletionTimestamp) continue
      if (alwaysKinds.has(o.kind) || (this.enabled && workloadKinds.has(o.kind))) this.reconcile(res, o)
    }
  }

  private now(): string {
    return timestamp(this.prep.env.now())
  }

  private setStatus(res: string, o: KObj, status: JsonObject): void {
    if (jsonEqual(o.status, status)) return
    this.store.put(res, { ...o, status })
  }

  private owned(res: ResourceType, owner: KObj): KObj[] {
    const uid = owner.metadata.uid
    if (uid === undefined) return []
    return this.store
      .dependentsOf(uid, resourceKey(res))
      .filter(
        (o) =>
          o.metadata.namespace === owner.metadata.namespace &&
          (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.controller),
      )
  }

  private ownerRef(o: KObj): OwnerReference {
    return {
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name,
      uid: o.metadata.uid ?? '',
      controller: true,
      blockOwnerDeletion: true,
    }
  }

  private create(r: ResourceType, body: KObj): KObj {
    const made = prepareCreate(this.prep, r, body, body.metadata.namespace, true)
    const status = r.kind === 'Pod' ? this.podStatus(made) : undefined
    return this.store.put(resourceKey(r), status ? { ...made, status } : made)
  }

  private reconcile(res: string, o: KObj): void {
    switch (o.kind) {
      case 'Deployment':
        return this.deployment(res, o)
      case 'ReplicaSet':
        return this.podSet(res, o, () => generateName(this.prep.env, `${o.metadata.name}-`))
      case 'StatefulSet':
        return this.podSet(res, o, (i) => `${o.metadata.name}-${i}`)
      case 'DaemonSet':
        return this.podSet(res, o, () => generateName(this.prep.env, `${o.metadata.name}-`))
      case 'Pod':
        return this.pod(res, o)
      case 'Job':
        return this.job(res, o)
      case 'PersistentVolumeClaim':
        return this.setStatus(res, o, {
          ...objAt(o, 'status'),
          phase: 'Bound',
          accessModes: objAt(o, 'spec')?.accessModes ?? ['ReadWriteOnce'],
          capacity: objAt(o, 'spec', 'resources', 'requests') ?? {},
        })
      case 'Service':
        if (strAt(o, 'spec', 'type') === 'LoadBalancer')
          this.setStatus(res, o, { loadBalancer: { ingress: [{ ip: '127.0.0.1', ipMode: 'VIP' }] } })
        return
      case 'CustomResourceDefinition': {
        const t = strAt(objectsAt(o, 'status', 'conditions')[0], 'lastTransitionTime') ?? this.now()
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
          acceptedNames: objAt(o, 'spec', 'names') ?? {},
          storedVersions: objectsAt(o, 'spec', 'versions')
            .filter((v) => v.storage)
            .map((v) => v.name),
        })
      }
    }
  }

  private deployment(res: string, dep: KObj): void {
    const rsRes = this.res('apps', 'ReplicaSet')
    const template = objAt(dep, 'spec', 'template') ?? {}
    const hash = hashOf(template)
    const replicas = numAt(dep, 'spec', 'replicas') ?? 1
    const sets = this.owned(rsRes, dep)
    let current = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash)
    if (!current) {
      const labels = { ...(objAt(template, 'metadata', 'labels') ?? {}), 'pod-template-hash': hash }
      const selector = objAt(dep, 'spec', 'selector') ?? {}
      current = this.create(rsRes, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${dep.metadata.name}-${hash}`,
          ...(dep.metadata.namespace !== undefined ? { namespace: dep.metadata.namespace } : {}),
          labels: labels as Record<string, string>,
          annotations: { 'deployment.kubernetes.io/revision': String(sets.length + 1) },
          ownerReferences: [this.ownerRef(dep)],
        },
        spec: {
          replicas,
          selector: {
            ...selector,
            matchLabels: { ...(objAt(selector, 'matchLabels') ?? {}), 'pod-template-hash': hash },
          },
          template: { ...template, metadata: { ...(objAt(template, 'metadata') ?? {}), labels } },
        },
      })
    } else if (numAt(current, 'spec', 'replicas') !== replicas) {
      current = this.store.put(resourceKey(rsRes), {
        ...current,
        spec: { ...objAt(current, 'spec'), replicas },
        metadata: { ...current.metadata, generation: (current.metadata.generation ?? 1) + 1 },
      })
    }
    for (const old of sets)
      if (old.metadata.uid !== current.metadata.uid && numAt(old, 'spec', 'replicas') !== 0)
        this.store.put(resourceKey(rsRes), {
          ...old,
          spec: { ...objAt(old, 'spec'), replicas: 0 },
          metadata: { ...old.metadata, generation: (old.metadata.generation ?? 1) + 1 },
        })
    const rsReplicas = numAt(current, 'status', 'replicas') ?? 0
    const ready = numAt(current, 'status', 'readyReplicas') ?? 0
    const available = ready >= replicas
    const t = strAt(objectsAt(dep, 'status', 'conditions')[0], 'lastTransitionTime') ?? this.now()
    this.setStatus(res, dep, {
      observedGeneration: dep.metadata.generation,
      replicas: rsReplicas,
      updatedReplicas: rsReplicas,
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
    const desired = set.kind === 'DaemonSet' ? 1 : (numAt(set, 'spec', 'replicas') ?? 1)
    const template = objAt(set, 'spec', 'template') ?? {}
    let pods = this.owned(podRes, set)
    for (let i = pods.length; i < desired; i++) {
      const name = podName(i)
      if (this.store.get(resourceKey(podRes), set.metadata.namespace, name)) continue
      // scheduled and started at once: the pod is stored with the status its kubelet would report
      this.create(podRes, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...(objAt(template, 'metadata') ?? {}),
          name,
          ...(set.metadata.namespace !== undefined ? { namespace: set.metadata.namespace } : {}),
          ownerReferences: [this.ownerRef(set)],
        },
        spec: { nodeName: 'sandbox-node', ...objAt(template, 'spec') },
      })
    }
    for (const extra of pods.slice(desired))
      this.store.remove(resourceKey(podRes), extra.metadata.namespace, extra.metadata.name)
    pods = this.owned(podRes, set).slice(0, desired)
    const ready = pods.filter((p) => conditionTrue(p, 'Ready')).length
    const gen = set.metadata.generation
    const status: JsonObject =
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
              currentRevision: `${set.metadata.name}-${hashOf(template)}`,
              updateRevision: `${set.metadata.name}-${hashOf(template)}`,
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
    const status = this.podStatus(pod)
    if (status) this.setStatus(res, pod, status)
  }

  /** The status the kubelet would report for a pod that has not started yet (undefined: none to report). */
  private podStatus(pod: KObj): JsonObject | undefined {
    const phase = strAt(pod, 'status', 'phase')
    if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') return undefined
    const name = pod.metadata.name
    if (this.hanging.has(name)) return undefined
    const owners = pod.metadata.ownerReferences ?? []
    // pods that run to completion (a Job's, or a bare pod with restartPolicy Never/OnFailure such as a
    // `helm test` pod) succeed; the rest keep running
    const restart = strAt(pod, 'spec', 'restartPolicy') ?? 'Always'
    const completes = owners.some((r) => r.kind === 'Job') || (owners.length === 0 && restart !== 'Always')
    const fails = this.failing.has(name) || annotation(pod, FAIL) === 'true'
    const blocked = annotation(pod, NOT_READY) === 'false'
    const t = this.now()
    const cond = (type: string, ok: boolean): JsonObject => ({
      type,
      status: ok ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: t,
    })
    const ready = !blocked && !completes && !fails
    const state = completes
      ? { terminated: { exitCode: fails ? 1 : 0, reason: fails ? 'Error' : 'Completed', startedAt: t, finishedAt: t } }
      : fails
        ? { terminated: { exitCode: 1, reason: 'Error', startedAt: t, finishedAt: t } }
        : { running: { startedAt: t } }
    const uid = pod.metadata.uid ?? '00'
    return {
      phase: fails ? 'Failed' : completes ? 'Succeeded' : 'Running',
      conditions: [
        cond('Initialized', true),
        cond('Ready', ready),
        cond('ContainersReady', ready),
        cond('PodScheduled', true),
      ],
      hostIP: '10.0.0.1',
      podIP: `10.244.0.${(parseInt(uid.slice(-2), 16) % 250) + 2}`,
      startTime: t,
      containerStatuses: objectsAt(pod, 'spec', 'containers').map((c) => ({
        name: c.name,
        ready,
        started: !completes && !fails,
        restartCount: 0,
        image: c.image,
        imageID: '',
        state,
      })),
    }
  }

  private job(res: string, job: KObj): void {
    if (conditionTrue(job, 'Complete') || conditionTrue(job, 'Failed')) return
    const t = this.now()
    if (this.hanging.has(job.metadata.name)) {
      if (strAt(job, 'status', 'startTime') === undefined) this.setStatus(res, job, { startTime: t, active: 1 })
      return
    }
    const fail =
      this.failing.has(job.metadata.name) ||
      annotation(job, FAIL) === 'true' ||
      annotation(objAt(job, 'spec', 'template'), FAIL) === 'true'
    const completions = numAt(job, 'spec', 'completions') ?? 1
    const condition = (type: string, reason: string, message: string): JsonObject => ({
      type,
      status: 'True',
      reason,
      message,
      lastProbeTime: t,
      lastTransitionTime: t,
    })
    const limit = 'Job has reached the specified backoff limit'
    const reached = 'Reached expected number of succeeded pods'
    this.setStatus(
      res,
      job,
      fail
        ? {
            startTime: t,
            failed: (numAt(job, 'spec', 'backoffLimit') ?? 6) + 1,
            conditions: [
              condition('FailureTarget', 'BackoffLimitExceeded', limit),
              condition('Failed', 'BackoffLimitExceeded', limit),
            ],
          }
        : {
            startTime: t,
            completionTime: t,
            succeeded: completions,
            ready: 0,
            conditions: [
              condition('SuccessCriteriaMet', 'CompletionsReached', reached),
              condition('Complete', 'CompletionsReached', reached),
            ],
          },
    )
  }
}
