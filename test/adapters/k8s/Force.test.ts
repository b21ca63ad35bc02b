// `upgrade --force`, `rollback --force` and `--recreate-pods` through Tiller on the sandbox (k8s adapter and
// ConfigMap store): the sandbox refuses what a real API server refuses (immutable fields, with its 422
// wording), so a plain upgrade fails and `--force` deletes and creates the object again, as Helm v2 does.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../../src/adapters/configmap-store/ConfigMapStore'
import { connectCluster, type Cluster } from '../../../src/adapters/k8s'
import { message } from '../../../src/domain/errors'
import type { KubeObject, ObjectRef } from '../../../src/domain/release/KubeObject'
import { startSandbox, type Sandbox } from '../../../src/sandbox/Sandbox'
import { createTiller } from '../../../src/tiller/embed'
import { assertLeft, assertRight } from '../../helpers'
import { chartOf } from '../../tiller/fixtures'

interface Env {
  readonly sb: Sandbox
  readonly cluster: Cluster
  readonly tiller: ReturnType<typeof createTiller>
}
const withSandbox = async (f: (env: Env) => Promise<void>): Promise<void> => {
  const sb = await startSandbox()
  try {
    const cluster = assertRight(await connectCluster({ kubeconfigYaml: sb.kubeconfig, pollMs: 50, retries: 1 })())
    const tiller = createTiller({ kube: cluster.kube, store: configMapStore(cluster.objects, 'kube-system') })
    await f({ sb, cluster, tiller })
  } finally {
    await sb.stop()
  }
}

const deployment = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: ${app} }
  template:
    metadata:
      labels: { app: ${app} }
    spec:
      containers: [{ name: web, image: nginx }]
`
const statefulSet = (serviceName: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: ${serviceName}
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      containers: [{ name: db, image: postgres }]
`
const job = (image: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: migrate, image: ${image} }]
`
const service = (clusterIP: string) => `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  clusterIP: ${clusterIP}
  ports: [{ port: 80 }]
`
const claim = (storageClass: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: ${storageClass}
  accessModes: [ReadWriteOnce]
  resources:
    requests: { storage: 1Gi }
`
const annotated = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  annotations:
    note: ${value}
data:
  a: "1"
`

const ref = (apiVersion: string, kind: string, name: string): ObjectRef => ({
  apiVersion,
  kind,
  name,
  namespace: 'default',
})
const live = async (env: Env, r: ObjectRef): Promise<KubeObject> => assertRight(await env.cluster.kube.get(r)())
const spec = (o: KubeObject): Record<string, unknown> => (o.spec ?? {}) as Record<string, unknown>

/** Installs `before`, checks that upgrading to `after` fails with `refusal`, then upgrades with --force. */
const forced = async (env: Env, r: ObjectRef, before: string, after: string, refusal: RegExp) => {
  const { tiller } = env
  const chart = (t: string, version: string) => chartOf({ 'x.yaml': t }, {}, { version })
  assertRight(await tiller.installRelease({ name: 'demo', namespace: 'default', chart: chart(before, '0.1.0') })())
  const first = await live(env, r)
  const err = assertLeft(await tiller.updateRelease({ name: 'demo', chart: chart(after, '0.2.0') })())
  assert.match(message(err), refusal)
  assert.is((await live(env, r)).metadata.uid, first.metadata.uid, 'a refused patch changes nothing')
  assertRight(await tiller.updateRelease({ name: 'demo', chart: chart(after, '0.3.0'), force: true })())
  const next = await live(env, r)
  assert.is.not(next.metadata.uid, first.metadata.uid, '--force deleted and created the object again')
  return { first, next }
}

const force = suite('upgrade --force through Tiller on the sandbox')
force("should recreate a Deployment whose selector changed (the API server's 422 without --force)", () =>
  withSandbox(async (env) => {
    const { next } = await forced(
      env,
      ref('apps/v1', 'Deployment', 'web'),
      deployment('web'),
      deployment('web2'),
      /^UPGRADE FAILED: Deployment\.apps "web" is invalid: spec\.selector: Invalid value: \{"matchLabels":\{"app":"web2"\}\}: field is immutable$/,
    )
    assert.equal(spec(next).selector, { matchLabels: { app: 'web2' } })
    // and back with rollback --force (the selector is immutable that way too)
    const back = assertLeft(await env.tiller.rollbackRelease({ name: 'demo', version: 1 })())
    assert.match(message(back), /spec\.selector: Invalid value: \{"matchLabels":\{"app":"web"\}\}: field is immutable/)
    assertRight(await env.tiller.rollbackRelease({ name: 'demo', version: 1, force: true })())
    assert.equal(spec(await live(env, ref('apps/v1', 'Deployment', 'web'))).selector, { matchLabels: { app: 'web' } })
  }),
)
force('should recreate a StatefulSet whose serviceName changed (spec: Forbidden)', () =>
  withSandbox(async (env) => {
    await forced(
      env,
      ref('apps/v1', 'StatefulSet', 'db'),
      statefulSet('db'),
      statefulSet('db-headless'),
      /^UPGRADE FAILED: StatefulSet\.apps "db" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden$/,
    )
  }),
)
force('should recreate a Job whose template changed', () =>
  withSandbox(async (env) => {
    const { next } = await forced(
      env,
      ref('batch/v1', 'Job', 'migrate'),
      job('busybox:1'),
      job('busybox:2'),
      /^UPGRADE FAILED: Job\.batch "migrate" is invalid: spec\.template: Invalid value: \{.*"image":"busybox:2".*\}: field is immutable$/,
    )
    assert.match(JSON.stringify(spec(next).template), /busybox:2/)
  }),
)
force('should recreate a Service whose clusterIP changed', () =>
  withSandbox(async (env) => {
    const { next } = await forced(
      env,
      ref('v1', 'Service', 'api'),
      service('10.96.200.10'),
      service('10.96.200.11'),
      /^UPGRADE FAILED: Service "api" is invalid: spec\.clusterIPs\[0\]: Invalid value: \["10\.96\.200\.11"\]: may not change once set$/,
    )
    assert.is(spec(next).clusterIP, '10.96.200.11')
  }),
)
force('should recreate a PersistentVolumeClaim whose spec changed', () =>
  withSandbox(async (env) => {
    await forced(
      env,
      ref('v1', 'PersistentVolumeClaim', 'data'),
      claim('standard'),
      claim('fast'),
      /^UPGRADE FAILED: PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims$/,
    )
  }),
)
force('should refuse an object-valued annotation as the API server does (Tiller refuses it first, as Helm does)', () =>
  withSandbox(async ({ cluster, tiller }) => {
    // through the KubeClient: the patched object does not decode (422 on "patch"), a create does not (400)
    const cfg = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'direct', namespace: 'default' },
      data: { a: '1' },
    }
    assertRight(await cluster.kube.create(cfg)())
    const patched = assertLeft(
      await cluster.kube.patch(ref('v1', 'ConfigMap', 'direct'), {
        metadata: { annotations: { note: { nested: true } } },
      })(),
    )
    assert.match(
      message(patched),
      /^ "" is invalid: patch: Invalid value: ".*": json: cannot unmarshal object into Go struct field ObjectMeta\.metadata\.annotations of type string$/,
    )
    const made = assertLeft(
      await cluster.kube.create({
        ...cfg,
        metadata: { name: 'direct2', namespace: 'default', annotations: { note: { nested: true } } },
      } as unknown as KubeObject)(),
    )
    assert.match(
      message(made),
      /ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal object into Go struct field ObjectMeta\.metadata\.annotations of type string$/,
    )
    // Tiller decodes its manifests as Helm does and never sends it
    const chart = (t: string, version: string) => chartOf({ 'x.yaml': t }, {}, { version })
    assertRight(
      await tiller.installRelease({ name: 'demo', namespace: 'default', chart: chart(annotated('plain'), '0.1.0') })(),
    )
    const err = assertLeft(
      await tiller.updateRelease({ name: 'demo', chart: chart(annotated('{ nested: true }'), '0.2.0') })(),
    )
    assert.match(message(err), /cannot unmarshal object into Go struct field \.metadata\.annotations of type string/)
  }),
)
force.run()

const recreate = suite('upgrade --recreate-pods through Tiller on the sandbox')
recreate('should replace the pods of the release workloads, also when nothing changed', () =>
  withSandbox(async (env) => {
    const chart = chartOf({ 'x.yaml': deployment('web') }, {}, { version: '0.1.0' })
    assertRight(
      await env.tiller.installRelease({ name: 'demo', namespace: 'default', chart, wait: true, timeout: 20 })(),
    )
    const pods = async (): Promise<string[]> =>
      assertRight(
        await env.cluster.kube.list({
          apiVersion: 'v1',
          kind: 'Pod',
          namespace: 'default',
          labelSelector: 'app=web',
        })(),
      )
        .map((p) => p.metadata.uid ?? '')
        .sort()
    const before = await pods()
    assert.is(before.length, 2)
    assertRight(await env.tiller.updateRelease({ name: 'demo', chart, recreate: true, wait: true, timeout: 20 })())
    let after = await pods()
    for (let i = 0; i < 50 && after.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 20))
      after = await pods()
    }
    assert.is(after.length, 2)
    assert.not.ok(
      after.some((uid) => before.includes(uid)),
      'every pod is new',
    )
  }),
)
recreate.run()
