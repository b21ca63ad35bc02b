import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/ChangeSet'
import type { KubeObject, ObjectRef } from '../../../src/domain/release/KubeObject'
import type { ManifestObject } from '../../../src/domain/release/Manifest'
import { resourceNotOwned } from '../../../src/domain/release/ReleaseError'
import { assertRight } from '../../helpers'

const cm = (name: string, data: Record<string, string>, annotations?: Record<string, string>): ManifestObject => ({
  source: `c/templates/${name}.yaml`,
  object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: annotations ? { name, annotations } : { name }, data },
})
const svc = (name: string): ManifestObject => ({
  source: 's',
  object: { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [] } },
})
const view = (live: ReadonlyArray<KubeObject>): _.ClusterView => ({
  namespaced: (_v, kind) => kind !== 'Namespace',
  live: (r: ObjectRef) =>
    live.find((o) => o.kind === r.kind && o.metadata.name === r.name && o.metadata.namespace === r.namespace),
})
const placedLive = (m: ManifestObject, extra: Record<string, unknown> = {}): KubeObject =>
  ({
    ...m.object,
    ...extra,
    metadata: { ...m.object.metadata, namespace: 'ns', uid: 'u1', resourceVersion: '7' },
  }) as KubeObject
const summary = (cs: _.ChangeSet) => cs.changes.map((c) => `${c.action} ${c.ref.kind}/${c.ref.namespace}/${c.ref.name}`)

const changes = suite('ChangeSet.computeChangeSet')
changes('should create new objects in the release namespace, patch changed ones and skip equal ones', () => {
  const old = [cm('a', { k: '1' }), cm('b', { k: '1' })]
  const next = [cm('a', { k: '2' }), cm('b', { k: '1' }), cm('c', { k: '1' })]
  const cs = assertRight(_.computeChangeSet(old, next, 'ns', view(old.map((m) => placedLive(m)))))
  assert.equal(summary(cs), ['update ConfigMap/ns/a', 'unchanged ConfigMap/ns/b', 'create ConfigMap/ns/c'])
  assert.equal((cs.changes[0] as { patch: unknown }).patch, { data: { k: '2' } })
})
changes('should delete dropped objects in uninstall order, except those kept by resource policy', () => {
  const old = [cm('a', {}), svc('s'), cm('k', {}, { 'helm.sh/resource-policy': 'keep' })]
  const cs = assertRight(_.computeChangeSet(old, [], 'ns', view(old.map((m) => placedLive(m)))))
  assert.equal(summary(cs), ['delete Service/ns/s', 'delete ConfigMap/ns/a', 'keep ConfigMap/ns/k'])
})
changes('should refuse an object that exists but was not in the previous release, unless adopting', () => {
  const next = [cm('taken', { k: '1' })]
  const live = [placedLive(cm('taken', { k: '0' }))]
  assert.equal(_.computeChangeSet([], next, 'ns', view(live)), E.left(resourceNotOwned('ConfigMap', 'taken')))
  assert.equal(summary(assertRight(_.computeChangeSet([], next, 'ns', view(live), 'adopt'))), [
    'update ConfigMap/ns/taken',
  ])
})
changes('should skip deleting what is already gone', () => {
  assert.equal(summary(assertRight(_.computeChangeSet([cm('a', {})], [], 'ns', view([])))), [])
})
changes.run()

const plan = suite('ChangeSet.planOf / formatPlan')
plan('should show creations, updates with a diff, deletions and counts', () => {
  const old = [cm('a', { k: '1' }), cm('gone', {})]
  const next = [cm('a', { k: '2' }), cm('new', { k: 'n' })]
  const cs = assertRight(_.computeChangeSet(old, next, 'ns', view(old.map((m) => placedLive(m, { status: { x: 1 } })))))
  const text = _.formatPlan(_.planOf(cs))
  assert.ok(text.includes('~ update ConfigMap/ns/a\n'))
  assert.ok(text.includes('    -   k: "1"\n    +   k: "2"\n'), text)
  assert.ok(!text.includes('uid'), 'server-set metadata is not shown')
  assert.ok(text.endsWith('Plan: 1 to create, 1 to change, 1 to delete, 0 unchanged.\n'))
})
plan.run()
