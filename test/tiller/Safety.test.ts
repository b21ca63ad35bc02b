import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../src/domain/errors'
import { type Release, releaseKey, timestamp, withStatus } from '../../src/domain/release/Release'
import { releaseExists, releaseNotFound } from '../../src/domain/release/StoreError'
import { invalidReleaseName, missingChart, noDeployedReleases } from '../../src/domain/release/ReleaseError'
import { assertLeft, assertRight } from '../helpers'
import { chartOf, demoChart, testTiller, type TestTiller, type Tiller } from './fixtures'

const snapshot = async (t: Tiller): Promise<unknown> =>
  assertRight(await t.deps.store.list(() => true)())
    .map((r) => [releaseKey(r.name, r.version), r.info])
    .sort()

const concurrent = suite('concurrent operations')
concurrent('should refuse the second of two concurrent upgrades and lose neither record', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  const [a, b] = await Promise.all([
    t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'a') })(),
    t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'b') })(),
  ])
  assert.equal([a, b].filter(E.isRight).length, 1)
  const loser = [a, b].find(E.isLeft)!
  assert.equal(loser, E.left(releaseExists('demo.v2')))
  const h = assertRight(await t.getHistory({ name: 'demo' })()).releases
  assert.equal(
    h.map((r) => `${r.version} ${r.info.status.code}`),
    ['2 DEPLOYED', '1 SUPERSEDED'],
  )
  const winner = E.isRight(a) ? 'a' : 'b'
  assert.ok(h[0]!.manifest.includes(`greeting: "${winner}"`))
})
concurrent('should refuse an upgrade while another one is pending', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  const pending = withStatus(
    { ...assertRight(await t.deps.store.get('demo.v1')()), version: 2 },
    'PENDING_UPGRADE',
    'Preparing upgrade',
  )
  const now = timestamp(t.clock.now())
  assertRight(await t.deps.store.create('demo.v2', { ...pending, info: { ...pending.info, lastDeployed: now } })())
  const before = await snapshot(t)
  const err = assertLeft(await t.updateRelease({ name: 'demo', chart: demoChart('0.3.0') })())
  assert.is(message(err), 'another operation (install/upgrade/rollback) is in progress')
  assert.equal(await snapshot(t), before)
})
concurrent.run()

const recovery = suite('interrupted operation recovery')
const interrupted = async (t: TestTiller): Promise<Release> => {
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart('0.1.0', 'one') })())
  const base = assertRight(await t.deps.store.get('demo.v1')())
  // what a Tiller that died mid-upgrade leaves behind
  const stuck = withStatus(
    { ...base, version: 2, info: { ...base.info, lastDeployed: timestamp(t.clock.now()) } },
    'PENDING_UPGRADE',
    'Preparing upgrade',
  )
  assertRight(await t.deps.store.create('demo.v2', stuck)())
  return stuck
}
recovery('should supersede a pending revision older than the timeout and say so', async () => {
  const t = testTiller()
  await interrupted(t)
  t.clock.advance(301_000)
  const r = assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'two') })())
  assert.is(r.release.version, 3)
  assert.match(
    r.warnings?.[0] ?? '',
    /^revision 2 of demo was left PENDING_UPGRADE by an interrupted operation .*marked it FAILED and continuing with the upgrade$/,
  )
  const h = assertRight(await t.getHistory({ name: 'demo' })()).releases
  assert.equal(
    h.map((x) => `${x.version} ${x.info.status.code} ${x.info.description}`),
    [
      '3 DEPLOYED Upgrade complete',
      '2 FAILED Interrupted: Preparing upgrade; recovered by upgrade',
      '1 SUPERSEDED Install complete',
    ],
  )
})
recovery(
  "should let a rollback recover it too, judged by the record's budget and not the newcomer's timeout",
  async () => {
    const t = testTiller()
    await interrupted(t)
    t.clock.advance(61_000)
    // a record without a lock (as Helm v2 writes them) is held for Helm's default timeout, 300 s
    for (const timeout of [undefined, 0, 60])
      assert.is(
        message(assertLeft(await t.rollbackRelease({ name: 'demo', ...(timeout === undefined ? {} : { timeout }) })())),
        'another operation (install/upgrade/rollback) is in progress',
      )
    t.clock.advance(240_000)
    const r = assertRight(await t.rollbackRelease({ name: 'demo', version: 1, timeout: 0 })())
    assert.is(r.release.info.description, 'Rollback to 1')
    assert.match(r.warnings?.[0] ?? '', /marked it FAILED and continuing with the rollback$/)
  },
)
recovery.run()

const badInput = suite('bad input leaves the history unchanged')
const seeded = async (): Promise<Tiller> => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'b') })())
  return t
}
badInput('should refuse a chart that fails to render', async () => {
  const t = await seeded()
  const before = await snapshot(t)
  const broken = chartOf({ 'bad.yaml': 'RENDER-ERROR' })
  assert.is(
    message(assertLeft(await t.updateRelease({ name: 'demo', chart: broken })())),
    'render error in "demo/templates/bad.yaml": RENDER-ERROR',
  )
  assert.is(
    message(assertLeft(await t.installRelease({ name: 'other', chart: broken })())),
    'render error in "demo/templates/bad.yaml": RENDER-ERROR',
  )
  assert.equal(await snapshot(t), before)
})
badInput('should refuse a manifest that is not YAML', async () => {
  const t = await seeded()
  const before = await snapshot(t)
  const err = assertLeft(await t.updateRelease({ name: 'demo', chart: chartOf({ 'bad.yaml': 'a: [1' }) })())
  assert.is(err._tag, 'ManifestParseError')
  assert.match(message(err), /^YAML parse error on demo\/templates\/bad.yaml: /)
  assert.equal(await snapshot(t), before)
})
badInput('should refuse invalid release names with Helm v2 words', async () => {
  const t = await seeded()
  const before = await snapshot(t)
  for (const name of ['Bad_Name!', '-leading', 'x'.repeat(54)])
    assert.equal(await t.installRelease({ name, chart: demoChart() })(), E.left(invalidReleaseName(name)))
  assert.is(
    message(invalidReleaseName('x')),
    'invalid release name, must match regex ^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])+$ and the length must not be longer than 53',
  )
  assert.equal(await t.installRelease({ name: 'x', values: { raw: '' } })(), E.left(missingChart))
  assert.equal(await snapshot(t), before)
})
badInput('should refuse a missing release and a missing revision', async () => {
  const t = await seeded()
  const before = await snapshot(t)
  assert.equal(await t.updateRelease({ name: 'nope', chart: demoChart() })(), E.left(noDeployedReleases('nope')))
  assert.is(message(noDeployedReleases('nope')), '"nope" has no deployed releases')
  assert.equal(await t.rollbackRelease({ name: 'demo', version: 9 })(), E.left(releaseNotFound('demo.v9')))
  assert.is(message(releaseNotFound('demo.v9')), 'release: "demo.v9" not found')
  assert.equal(await t.rollbackRelease({ name: 'nope' })(), E.left(releaseNotFound('nope')))
  assert.equal(await t.uninstallRelease({ name: 'nope' })(), E.left(releaseNotFound('nope')))
  assert.equal(await t.getReleaseStatus({ name: 'demo', version: 7 })(), E.left(releaseNotFound('demo.v7')))
  assert.equal(await snapshot(t), before)
})
badInput.run()

const failedFirst = suite('upgrade after a failed first install (Helm pain point: "has no deployed releases")')
failedFirst('should upgrade over a failed first install and supersede it', async () => {
  const t = testTiller()
  t.kube.controllers.ready = false
  assertLeft(await t.installRelease({ name: 'demo', chart: demoChart(), wait: true, timeout: 5 })())
  t.kube.controllers.ready = true
  const r = assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'fixed'), wait: true })())
  assert.is(r.release.version, 2)
  const h = assertRight(await t.getHistory({ name: 'demo' })()).releases
  assert.equal(
    h.map((x) => `${x.version} ${x.info.status.code}`),
    ['2 DEPLOYED', '1 SUPERSEDED'],
  )
})
failedFirst('should still refuse a release that was deleted', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  assertRight(await t.uninstallRelease({ name: 'demo' })())
  assert.equal(await t.updateRelease({ name: 'demo', chart: demoChart() })(), E.left(noDeployedReleases('demo')))
})
failedFirst.run()

const taken = suite('objects that already exist in the cluster')
taken('should fail an install as Helm v2 does (AlreadyExists) and an upgrade with the ownership message', async () => {
  const t = testTiller()
  assertRight(
    await t.kube.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'demo-cfg', namespace: 'default' },
      data: {},
    })(),
  )
  const err = assertLeft(await t.installRelease({ name: 'demo', chart: demoChart() })())
  assert.is(message(err), 'release demo failed: configmaps "demo-cfg" already exists')
  const u = testTiller()
  assertRight(await u.installRelease({ name: 'demo', chart: demoChart() })())
  assertRight(
    await u.kube.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'stray', namespace: 'default' },
      data: {},
    })(),
  )
  const up = assertLeft(
    await u.updateRelease({
      name: 'demo',
      chart: demoChart('0.2.0', 'a', { 'stray.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n' }),
    })(),
  )
  assert.match(
    message(up),
    /^UPGRADE FAILED: kind ConfigMap with the name "stray" already exists in the cluster and wasn't defined in the previous release/,
  )
  assert.equal(
    assertRight(await u.getHistory({ name: 'demo' })()).releases.map((r) => r.version),
    [1],
  )
})
taken.run()

const dryLock = suite('dry runs and the pending lock')
dryLock('should refuse a dry-run upgrade while another operation runs, and only announce a recovery', async () => {
  const t = testTiller()
  await interrupted(t)
  assert.is(
    message(assertLeft(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0'), dryRun: true })())),
    'another operation (install/upgrade/rollback) is in progress',
  )
  t.clock.advance(301_000)
  const before = await snapshot(t)
  const r = assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0'), dryRun: true })())
  assert.match(r.warnings?.[0] ?? '', /; the upgrade would mark it FAILED$/)
  assert.equal(await snapshot(t), before)
})
dryLock.run()

const interruptedInstall = suite('an interrupted first install')
interruptedInstall('should be recovered by the next upgrade once stale', async () => {
  const t = testTiller()
  const r = assertRight(await t.installRelease({ name: 'demo', chart: demoChart(), dryRun: true })()).release
  // what a Tiller that died right after storing the record leaves behind
  assertRight(await t.deps.store.create('demo.v1', withStatus(r, 'PENDING_INSTALL', 'Initial install underway'))())
  assert.is(
    message(assertLeft(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0') })())),
    'another operation (install/upgrade/rollback) is in progress',
  )
  t.clock.advance(600_000)
  const up = assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0') })())
  assert.is(up.release.version, 2)
  const h = assertRight(await t.getHistory({ name: 'demo' })()).releases
  assert.equal(
    h.map((x) => `${x.version} ${x.info.status.code} ${x.info.description}`),
    ['2 DEPLOYED Upgrade complete', '1 SUPERSEDED Interrupted: Initial install underway; recovered by upgrade'],
  )
})
interruptedInstall.run()
