import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../src/domain/errors'
import type { Release } from '../../src/domain/release/Release'
import { releaseNotFound } from '../../src/domain/release/StoreError'
import { assertLeft, assertRight } from '../helpers'
import { configMapTpl, demoChart, deploymentTpl, hookTpl, testTiller, type Tiller } from './fixtures'

const statuses = async (t: Tiller, name: string): Promise<string[]> =>
  assertRight(await t.getHistory({ name })())
    .releases.map((r: Release) => `${r.version} ${r.info.status.code} ${r.info.description}`)
    .reverse()

const lifecycle = suite('release lifecycle through the embedding API')
lifecycle(
  'should install, upgrade, roll back a failing atomic upgrade, roll back, uninstall, replace and purge',
  async () => {
    const t = testTiller()
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', name: 'demo-cfg', namespace: 'default' }
    const installed = assertRight(await t.installRelease({ name: 'demo', chart: demoChart('0.1.0', 'one') })())
    assert.is(installed.release.info.status.code, 'DEPLOYED')
    assert.is(installed.release.info.status.notes, 'Thanks for installing demo.')
    assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'two') })())
    assert.is((assertRight(await t.kube.get(cm)()) as any).data.greeting, 'two')

    t.kube.controllers.failing.add('smoke')
    const failing = demoChart('0.3.0', 'three', { 'smoke.yaml': hookTpl('smoke', 'post-upgrade') })
    const err = assertLeft(await t.updateRelease({ name: 'demo', chart: failing, atomic: true })())
    assert.is(
      message(err),
      'UPGRADE FAILED: post-upgrade hook demo/templates/smoke.yaml failed: Job failed: BackoffLimitExceeded; rolled back to revision 2 because --atomic was set',
    )
    assert.is((assertRight(await t.kube.get(cm)()) as any).data.greeting, 'two')

    assertRight(await t.rollbackRelease({ name: 'demo', version: 1 })())
    assert.is((assertRight(await t.kube.get(cm)()) as any).data.greeting, 'one')
    assert.equal(await statuses(t, 'demo'), [
      '1 SUPERSEDED Install complete',
      '2 SUPERSEDED Upgrade complete',
      '3 SUPERSEDED Upgrade "demo" failed: post-upgrade hook demo/templates/smoke.yaml failed: Job failed: BackoffLimitExceeded',
      '4 SUPERSEDED Rollback to 2',
      '5 DEPLOYED Rollback to 1',
    ])

    const deleted = assertRight(await t.uninstallRelease({ name: 'demo' })())
    assert.is(deleted.release.info.status.code, 'DELETED')
    assert.equal(await t.kube.get(cm)(), E.left({ _tag: 'KubeNotFound', resource: 'configmaps', name: 'demo-cfg' }))
    assert.equal((await statuses(t, 'demo')).at(-1), '5 DELETED Deletion complete')
    assert.is(
      message(assertLeft(await t.installRelease({ name: 'demo', chart: demoChart() })())).split('\n')[0],
      'a release named demo already exists.',
    )

    const replaced = assertRight(
      await t.installRelease({ name: 'demo', chart: demoChart('0.4.0', 'four'), reuseName: true })(),
    )
    assert.is(replaced.release.version, 6)
    assert.equal((await statuses(t, 'demo')).slice(-2), [
      '5 SUPERSEDED Deletion complete',
      '6 DEPLOYED Install complete',
    ])
    assert.is((assertRight(await t.kube.get(cm)()) as any).data.greeting, 'four')

    assertRight(await t.uninstallRelease({ name: 'demo', purge: true })())
    assert.equal(await t.getHistory({ name: 'demo' })(), E.left(releaseNotFound('demo')))
    // hooks are not part of the release: the failed hook Job (no delete policy) outlives it, as in Helm
    assert.equal(
      t.kube
        .objects()
        .filter((o) => !['Namespace', 'Node'].includes(o.kind))
        .map((o) => `${o.kind}/${o.metadata.name}`),
      ['Job/smoke'],
    )
  },
)
lifecycle('should generate an adjective-animal name when none is given', async () => {
  const t = testTiller()
  const r = assertRight(await t.installRelease({ chart: demoChart() })())
  assert.match(r.release.name, /^[a-z]+-[a-z]+$/)
  assert.ok(E.isRight(await t.getReleaseContent({ name: r.release.name })()))
})
lifecycle('should keep a resource annotated helm.sh/resource-policy: keep and say so', async () => {
  const t = testTiller()
  const keep = configMapTpl('precious', 'x', '    helm.sh/resource-policy: keep\n')
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart('0.1.0', 'a', { 'keep.yaml': keep }) })())
  const r = assertRight(await t.uninstallRelease({ name: 'demo', purge: true })())
  assert.is(r.info, 'These resources were kept due to the resource policy:\n[ConfigMap] precious\n')
  assert.ok(
    E.isRight(await t.kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'precious', namespace: 'default' })()),
  )
})
lifecycle('should delete objects the new chart drops and keep fields another tool set', async () => {
  const t = testTiller()
  assertRight(
    await t.installRelease({
      name: 'demo',
      chart: demoChart('0.1.0', 'a', { 'extra.yaml': configMapTpl('extra', 'e') }),
    })(),
  )
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', name: 'demo-cfg', namespace: 'default' }
  assertRight(await t.kube.patch(cm, { metadata: { annotations: { 'other-tool/touched': 'yes' } } })())
  assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'b') })())
  const live = assertRight(await t.kube.get(cm)()) as any
  assert.is(live.data.greeting, 'b')
  assert.equal(live.metadata.annotations, { 'other-tool/touched': 'yes' })
  assert.equal(
    await t.kube.get({ ...cm, name: 'extra' })(),
    E.left({ _tag: 'KubeNotFound', resource: 'configmaps', name: 'extra' }),
  )
})
lifecycle('should keep at most historyMax revisions and never the deployed one', async () => {
  const t = testTiller({ historyMax: 2 })
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart('0.1.0', 'a') })())
  for (const g of ['b', 'c', 'd']) assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', g) })())
  assert.equal(await statuses(t, 'demo'), ['3 SUPERSEDED Upgrade complete', '4 DEPLOYED Upgrade complete'])
})
lifecycle.run()

const waiting = suite('release waits')
waiting('should fail an install whose workloads never become ready with --wait and mark it FAILED', async () => {
  const t = testTiller()
  t.kube.controllers.ready = false
  const err = assertLeft(await t.installRelease({ name: 'demo', chart: demoChart(), wait: true, timeout: 30 })())
  assert.is(message(err), 'release demo failed: timed out waiting for the condition')
  assert.equal(await statuses(t, 'demo'), ['1 FAILED Release "demo" failed: timed out waiting for the condition'])
})
waiting('should purge a failed --atomic install', async () => {
  const t = testTiller()
  t.kube.controllers.ready = false
  const err = assertLeft(await t.installRelease({ name: 'demo', chart: demoChart(), atomic: true, timeout: 30 })())
  assert.is(message(err), 'release demo failed: timed out waiting for the condition (purged because --atomic was set)')
  assert.equal(await t.getHistory({ name: 'demo' })(), E.left(releaseNotFound('demo')))
  assert.equal(
    t.kube.objects().filter((o) => !['Namespace', 'Node'].includes(o.kind)),
    [],
  )
})
waiting('should clean up what a failed upgrade created with --cleanup-on-fail', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  t.kube.controllers.ready = false
  const next = demoChart('0.2.0', 'b', {
    'new.yaml': configMapTpl('brand-new', 'n'),
    'deployment.yaml': deploymentTpl('demo-web', '1.26'),
  })
  const err = assertLeft(
    await t.updateRelease({ name: 'demo', chart: next, wait: true, timeout: 10, cleanupOnFail: true })(),
  )
  assert.is(message(err), 'UPGRADE FAILED: timed out waiting for the condition')
  assert.equal(
    await t.kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'brand-new', namespace: 'default' })(),
    E.left({ _tag: 'KubeNotFound', resource: 'configmaps', name: 'brand-new' }),
  )
  assert.equal(await statuses(t, 'demo'), [
    '1 DEPLOYED Install complete',
    '2 FAILED Upgrade "demo" failed: timed out waiting for the condition',
  ])
})
waiting.run()

const forcing = suite('upgrade --force and --recreate-pods')
const withSelector = (app: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo-web
spec:
  replicas: 1
  selector:
    matchLabels: { app: ${app} }
  template:
    metadata:
      labels: { app: ${app} }
    spec:
      containers: [{ name: web, image: nginx }]
`
forcing('should fail on an immutable field and delete and create the object again with --force', async () => {
  const t = testTiller()
  assertRight(
    await t.installRelease({
      name: 'demo',
      chart: demoChart('0.1.0', 'a', { 'deployment.yaml': withSelector('web') }),
    })(),
  )
  const next = demoChart('0.2.0', 'a', { 'deployment.yaml': withSelector('web2') })
  const err = assertLeft(await t.updateRelease({ name: 'demo', chart: next })())
  assert.is(
    message(err),
    'UPGRADE FAILED: Deployment.apps "demo-web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable',
  )
  const start = t.kube.journal.length
  assertRight(await t.updateRelease({ name: 'demo', chart: next, force: true })())
  assert.equal(t.kube.journal.slice(start), ['delete Deployment/demo-web', 'create Deployment/demo-web'])
  const live = assertRight(
    await t.kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'demo-web', namespace: 'default' })(),
  ) as any
  assert.equal(live.spec.selector, { matchLabels: { app: 'web2' } })
})
const podsOf = (t: ReturnType<typeof testTiller>, app?: string): string[] =>
  t.kube
    .objects()
    .filter((o) => o.kind === 'Pod' && (app === undefined || o.metadata.labels?.app === app))
    .map((o) => `${o.metadata.name}@${o.metadata.uid}`)
forcing(
  'should restart the pods of the release workloads with --recreate-pods, even when nothing changed',
  async () => {
    const t = testTiller()
    assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
    const before = podsOf(t, 'web')
    assert.is(before.length, 1)
    const pod = (name: string, app: string) =>
      t.kube.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', labels: { app } },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      })()
    // a bare pod the selector matches goes too (v2 deletes every pod the selector matches); others stay
    assertRight(await pod('stray', 'web'))
    assertRight(await pod('other', 'db'))
    const other = podsOf(t, 'db')
    const start = t.kube.journal.length
    assertRight(await t.updateRelease({ name: 'demo', chart: demoChart(), recreate: true })())
    assert.equal(
      t.kube.journal.slice(start).filter((w) => w.startsWith('delete')),
      [`delete Pod/${before[0]!.split('@')[0]}`, 'delete Pod/stray'],
    )
    const after = podsOf(t, 'web')
    assert.is(after.length, 1, 'the ReplicaSet started a new pod')
    assert.not.equal(after, before)
    assert.equal(podsOf(t, 'db'), other)
    // with a change too
    assertRight(
      await t.updateRelease({
        name: 'demo',
        chart: demoChart('0.2.0', 'a', { 'deployment.yaml': deploymentTpl('demo-web', '1.27') }),
        recreate: true,
      })(),
    )
    assert.is(podsOf(t, 'web').length, 1)
    assert.not.ok(podsOf(t, 'web').includes(after[0]!))
  },
)
forcing('should leave the pods alone without --recreate-pods', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  const before = podsOf(t, 'web')
  assertRight(await t.updateRelease({ name: 'demo', chart: demoChart() })())
  assert.equal(podsOf(t, 'web'), before)
})
forcing.run()

const deletion = suite('uninstall when the cluster refuses a deletion')
deletion('should delete the rest, mark the release DELETED and report the failures as Helm v2 does', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  t.kube.faults.set('delete Deployment/demo-web', { _tag: 'KubeUnavailable', cause: 'connection reset by peer' })
  const err = assertLeft(await t.uninstallRelease({ name: 'demo' })())
  assert.is(
    message(err),
    'deletion completed with 1 error(s): kubernetes cluster unreachable: connection reset by peer',
  )
  // the Deployment stays, and with it what its controllers made
  assert.equal(
    t.kube
      .objects()
      .filter((o) => !['Namespace', 'Node'].includes(o.kind))
      .map((o) => o.kind),
    ['Deployment', 'Pod', 'ReplicaSet'],
  )
  assert.equal(await statuses(t, 'demo'), ['1 DELETED Deletion complete'])
})
deletion.run()

const sidecars = suite('upgrade keeps what other tools added')
sidecars('should keep an injected sidecar container while changing the chart container', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'demo-web', namespace: 'default' }
  const live = assertRight(await t.kube.get(ref)()) as any
  const containers = [...live.spec.template.spec.containers, { name: 'mesh-proxy', image: 'proxy:1' }]
  assertRight(await t.kube.patch(ref, { spec: { template: { spec: { containers } } } })())
  assertRight(
    await t.updateRelease({
      name: 'demo',
      chart: demoChart('0.2.0', 'a', { 'deployment.yaml': deploymentTpl('demo-web', '1.27') }),
    })(),
  )
  const after = assertRight(await t.kube.get(ref)()) as any
  assert.equal(after.spec.template.spec.containers, [
    { name: 'web', image: 'nginx:1.27' },
    { name: 'mesh-proxy', image: 'proxy:1' },
  ])
})
sidecars.run()
