// The fake cluster refuses what kube-apiserver refuses, in its words: bodies that do not decode into the Go
// types (400 on create, 422 `patch` on a patch), invalid objects and changes to immutable fields (422 Invalid
// with causes), failed delete preconditions (409).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Query, Target } from '../../../src/sandbox/engine/Api'
import { createEngine } from '../../../src/sandbox/engine/Engine'
import type { JsonObject } from '../../../src/sandbox/engine/Json'
import { ApiError, type Status } from '../../../src/sandbox/engine/Status'

const fresh = () => {
  let n = 0
  const e = createEngine({
    env: { now: () => new Date('2026-01-01T00:00:00Z'), uid: () => `uid-${++n}`, random: () => 0 },
    schedule: 'manual',
  })
  return e
}
const q: Query = { get: () => null }
const at = (e: ReturnType<typeof fresh>, apiVersion: string, kind: string, name?: string): Target => ({
  r: e.registry.byApiVersion(apiVersion, kind)!,
  ns: e.registry.byApiVersion(apiVersion, kind)!.namespaced ? 'default' : undefined,
  name,
  sub: undefined,
})
/** The Status an engine call fails with. */
const refusal = (f: () => unknown): Status & { code: number } => {
  try {
    f()
  } catch (e) {
    if (e instanceof ApiError) return e.status
    throw e
  }
  throw new Error('expected a refusal')
}
const deployment = (app: string, extra: JsonObject = {}): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app } },
    template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    ...extra,
  },
})
const merge = 'application/merge-patch+json'

const immutable = suite('engine: immutable fields (422 Invalid)')
immutable("should refuse a Deployment's, ReplicaSet's and DaemonSet's changed selector", () => {
  for (const kind of ['Deployment', 'ReplicaSet', 'DaemonSet']) {
    const e = fresh()
    e.api.create(at(e, 'apps/v1', kind), { ...deployment('web'), kind }, q)
    const s = refusal(() =>
      e.api.patch(
        at(e, 'apps/v1', kind, 'web'),
        merge,
        { spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } } } },
        q,
      ),
    )
    assert.equal(
      [s.code, s.reason, s.message],
      [
        422,
        'Invalid',
        `${kind}.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: field is immutable`,
      ],
    )
    assert.equal(s.details, {
      name: 'web',
      group: 'apps',
      kind,
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: {"matchLabels":{"app":"x"}}: field is immutable',
          field: 'spec.selector',
        },
      ],
    })
  }
})
immutable('should refuse a Job whose template, selector or completions change, and name every problem', () => {
  const e = fresh()
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'a' }] } } },
  }
  e.api.create(at(e, 'batch/v1', 'Job'), job, q)
  const s = refusal(() =>
    e.api.patch(
      at(e, 'batch/v1', 'Job', 'j'),
      merge,
      { spec: { completions: 2, template: { spec: { containers: [{ name: 'c', image: 'b' }] } } } },
      q,
    ),
  )
  assert.match(
    s.message ?? '',
    /^Job\.batch "j" is invalid: \[spec\.template: Invalid value: \{.*"image":"b".*\}: field is immutable, spec\.completions: Invalid value: 2: field is immutable\]$/,
  )
  assert.equal(
    s.details?.causes?.map((c) => c.field),
    ['spec.template', 'spec.completions'],
  )
})
immutable("should refuse a Service's changed cluster IP and a StatefulSet's changed spec", () => {
  const e = fresh()
  e.api.create(
    at(e, 'v1', 'Service'),
    { metadata: { name: 's' }, spec: { clusterIP: '10.96.9.9', ports: [{ port: 80 }] } },
    q,
  )
  assert.is(
    refusal(() => e.api.patch(at(e, 'v1', 'Service', 's'), merge, { spec: { clusterIP: '10.96.9.10' } }, q)).message,
    'Service "s" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.9.10"]: may not change once set',
  )
  // a patch that does not name the cluster IP keeps it
  e.api.patch(at(e, 'v1', 'Service', 's'), merge, { spec: { ports: [{ port: 81 }] } }, q)
  const sts = { ...deployment('db'), kind: 'StatefulSet', metadata: { name: 'db' } }
  e.api.create(at(e, 'apps/v1', 'StatefulSet'), sts, q)
  assert.is(
    refusal(() => e.api.patch(at(e, 'apps/v1', 'StatefulSet', 'db'), merge, { spec: { serviceName: 'other' } }, q))
      .message,
    "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  )
  // what a StatefulSet may change
  e.api.patch(at(e, 'apps/v1', 'StatefulSet', 'db'), merge, { spec: { replicas: 3 } }, q)
})
immutable(
  "should refuse a PVC's changed spec, a smaller bound claim, a Pod's changed spec and an immutable ConfigMap's data",
  () => {
    const e = fresh()
    const pvc = {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
    }
    e.api.create(at(e, 'v1', 'PersistentVolumeClaim'), pvc, q)
    assert.is(
      refusal(() =>
        e.api.patch(
          at(e, 'v1', 'PersistentVolumeClaim', 'data'),
          merge,
          { spec: { accessModes: ['ReadWriteMany'] } },
          q,
        ),
      ).message,
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    )
    e.controllers.settle()
    assert.is(
      refusal(() =>
        e.api.patch(
          at(e, 'v1', 'PersistentVolumeClaim', 'data'),
          merge,
          { spec: { resources: { requests: { storage: '1Gi' } } } },
          q,
        ),
      ).message,
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    )
    e.api.patch(
      at(e, 'v1', 'PersistentVolumeClaim', 'data'),
      merge,
      { spec: { resources: { requests: { storage: '3Gi' } } } },
      q,
    )

    e.api.create(at(e, 'v1', 'Pod'), { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'a' }] } }, q)
    e.api.patch(at(e, 'v1', 'Pod', 'p'), merge, { spec: { containers: [{ name: 'c', image: 'b' }] } }, q)
    assert.match(
      refusal(() => e.api.patch(at(e, 'v1', 'Pod', 'p'), merge, { spec: { hostNetwork: true } }, q)).message ?? '',
      /^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/,
    )

    e.api.create(at(e, 'v1', 'ConfigMap'), { metadata: { name: 'c' }, data: { a: '1' }, immutable: true }, q)
    assert.is(
      refusal(() => e.api.patch(at(e, 'v1', 'ConfigMap', 'c'), merge, { data: { a: '2' } }, q)).message,
      'ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    )
  },
)
immutable.run()

const invalid = suite('engine: invalid objects (422) and bodies that do not decode (400)')
invalid('should refuse a Deployment whose selector does not select its template, and one without containers', () => {
  const e = fresh()
  const bad = deployment('web')
  ;(bad.spec as JsonObject).template = { metadata: { labels: { app: 'other' } }, spec: { containers: [] } }
  assert.is(
    refusal(() => e.api.create(at(e, 'apps/v1', 'Deployment'), bad, q)).message,
    'Deployment.apps "web" is invalid: [spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`, spec.template.spec.containers: Required value]',
  )
})
invalid("should refuse values of the wrong JSON type with encoding/json's words", () => {
  const e = fresh()
  const cases: ReadonlyArray<readonly [string, string, JsonObject, string]> = [
    [
      'v1',
      'ConfigMap',
      { metadata: { name: 'c', annotations: { a: { nested: true } } } },
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal object into Go struct field ObjectMeta.metadata.annotations of type string',
    ],
    [
      'v1',
      'ConfigMap',
      { metadata: { name: 'c' }, data: { port: 8080 } },
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    ],
    [
      'apps/v1',
      'Deployment',
      deployment('web', { replicas: '2' }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'apps/v1',
      'Deployment',
      deployment('web', { replicas: 1.5 }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'v1',
      'Secret',
      { metadata: { name: 's' }, data: { a: 'not base64!' } },
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    ],
  ]
  for (const [apiVersion, kind, body, message] of cases) {
    const s = refusal(() => e.api.create(at(e, apiVersion, kind), body, q))
    assert.equal([s.code, s.reason, s.message], [400, 'BadRequest', message])
  }
  // the same on a patch: the patched object does not decode, 422 on the field "patch"
  e.api.create(at(e, 'v1', 'ConfigMap'), { metadata: { name: 'ok' } }, q)
  const s = refusal(() =>
    e.api.patch(at(e, 'v1', 'ConfigMap', 'ok'), merge, { metadata: { annotations: { a: { b: 1 } } } }, q),
  )
  assert.is(s.code, 422)
  assert.match(
    s.message ?? '',
    /^ "" is invalid: patch: Invalid value: "\{.*\}": json: cannot unmarshal object into Go struct field ObjectMeta\.metadata\.annotations of type string$/,
  )
})
invalid('should refuse a deletion whose uid precondition no longer holds (409)', () => {
  const e = fresh()
  e.api.create(at(e, 'v1', 'ConfigMap'), { metadata: { name: 'c' } }, q)
  const s = refusal(() => e.api.delete(at(e, 'v1', 'ConfigMap', 'c'), q, { preconditions: { uid: 'other' } }))
  assert.equal(
    [s.code, s.reason, s.message],
    [
      409,
      'Conflict',
      'Operation cannot be fulfilled on configmaps "c": Precondition failed: UID in precondition: other, UID in object meta: uid-6',
    ],
  )
})
invalid.run()
