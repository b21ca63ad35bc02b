import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatPlan } from '../../src/domain/release/ChangeSet'
import { message } from '../../src/domain/errors'
import { withStatus } from '../../src/domain/release/Release'
import { updateRecord } from '../../src/app/tiller/Records'
import { assertLeft, assertRight } from '../helpers'
import { chartOf, configMapTpl, demoChart, testTiller, type Tiller } from './fixtures'

const fleet = async (): Promise<Tiller> => {
  const t = testTiller()
  assertRight(
    await t.installRelease({
      name: 'zeta',
      chart: chartOf({ 'a.yaml': configMapTpl('z', '1') }, {}, { name: 'alpha-chart' }),
    })(),
  )
  t.clock.advance(1000)
  assertRight(
    await t.installRelease({
      name: 'alpha',
      namespace: 'team',
      chart: chartOf({ 'a.yaml': configMapTpl('a', '1') }, {}, { name: 'zz-chart' }),
    })(),
  )
  t.clock.advance(1000)
  assertRight(
    await t.installRelease({
      name: 'mid',
      chart: chartOf({ 'a.yaml': configMapTpl('m', '1') }, {}, { name: 'mm-chart' }),
    })(),
  )
  assertRight(
    await t.updateRelease({
      name: 'mid',
      chart: chartOf({ 'a.yaml': configMapTpl('m', '2') }, {}, { name: 'mm-chart' }),
    })(),
  )
  assertRight(await t.uninstallRelease({ name: 'zeta' })())
  return t
}
const names = (r: E.Either<unknown, { releases: ReadonlyArray<{ name: string; version: number }> }>) =>
  E.map((x: { releases: ReadonlyArray<{ name: string; version: number }> }) =>
    x.releases.map((r) => `${r.name}.v${r.version}`),
  )(r)

const list = suite('ListReleases')
list('should list DEPLOYED releases by default, by name', async () => {
  const t = await fleet()
  assert.equal(names(await t.listReleases({ sortBy: 'NAME' })()), E.right(['alpha.v1', 'mid.v2']))
})
list('should filter by status codes, namespace and regex', async () => {
  const t = await fleet()
  assert.equal(
    names(await t.listReleases({ statusCodes: ['DELETED', 'SUPERSEDED'] })()),
    E.right(['mid.v1', 'zeta.v1']),
  )
  assert.equal(names(await t.listReleases({ namespace: 'team' })()), E.right(['alpha.v1']))
  assert.equal(
    names(await t.listReleases({ filter: '^m', statusCodes: ['DEPLOYED', 'SUPERSEDED'] })()),
    E.right(['mid.v1', 'mid.v2']),
  )
  assert.equal(E.isLeft(await t.listReleases({ filter: '(' })()), true)
})
list('should sort by date and chart name, ascending or descending', async () => {
  const t = await fleet()
  const all = { statusCodes: ['DEPLOYED', 'DELETED'] as const }
  assert.equal(
    names(await t.listReleases({ ...all, sortBy: 'LAST_RELEASED' })()),
    E.right(['zeta.v1', 'alpha.v1', 'mid.v2']),
  )
  assert.equal(
    names(await t.listReleases({ ...all, sortBy: 'CHART_NAME' })()),
    E.right(['zeta.v1', 'mid.v2', 'alpha.v1']),
  )
  assert.equal(
    names(await t.listReleases({ ...all, sortBy: 'NAME', sortOrder: 'DESC' })()),
    E.right(['zeta.v1', 'mid.v2', 'alpha.v1']),
  )
})
list('should page with limit, offset and next', async () => {
  const t = await fleet()
  const all = { statusCodes: ['DEPLOYED', 'DELETED'] as const, sortBy: 'NAME' as const }
  const first = assertRight(await t.listReleases({ ...all, limit: 2 })())
  assert.equal([first.count, first.next, first.total], [2, 'zeta', 3])
  assert.equal(names(await t.listReleases({ ...all, offset: first.next })()), E.right(['zeta.v1']))
  assert.equal(E.isLeft(await t.listReleases({ ...all, offset: 'nope' })()), true)
})
list.run()

const reads = suite('GetReleaseStatus / GetReleaseContent / GetVersion')
reads('should report status with a live resource table', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  t.clock.advance(300_000)
  const s = assertRight(await t.getReleaseStatus({ name: 'demo' })())
  assert.is(s.info.status.code, 'DEPLOYED')
  // the Deployment's pod (made by the cluster's controller) listed as v1/Pod(related), as Helm v2.17 does
  const table = s.info.status.resources ?? ''
  const head =
    '==> v1/ConfigMap\nNAME      DATA  AGE\ndemo-cfg  1     5m\n\n==> v1/Deployment\nNAME      READY  UP-TO-DATE  AVAILABLE  AGE\ndemo-web  1/1    1           1          5m\n\n'
  assert.is(table.slice(0, head.length), head)
  assert.match(
    table.slice(head.length),
    /^==> v1\/Pod\(related\)\nNAME +READY +STATUS +RESTARTS +AGE\ndemo-web-[a-z0-9]+-[a-z0-9]+ +1\/1 +Running +0 +5m\n$/,
  )
  assertRight(
    await t.deps.kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'demo-cfg', namespace: 'default' })(),
  )
  assert.match(
    assertRight(await t.getReleaseStatus({ name: 'demo' })()).info.status.resources ?? '',
    // v2.17 prints the missing object's GroupVersionResource (%v: "GROUP/VERSION, Resource=PLURAL")
    /==> MISSING\nKIND\t\tNAME\n\/v1, Resource=configmaps\t\tdemo-cfg\n$/,
  )
})
reads('should give a revision whole, and the version', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart(), values: { raw: 'greeting: yo\n' } })())
  const r = assertRight(await t.getReleaseContent({ name: 'demo', version: 1 })()).release
  assert.equal(r.config, { raw: 'greeting: yo\n' })
  assert.is(r.chart.metadata.name, 'demo')
  assert.equal(await t.getVersion()(), E.right({ version: { semVer: 'v2.17.0', gitCommit: '', gitTreeState: '' } }))
})
reads.run()

const plans = suite('plans (dry runs)')
plans('should plan an upgrade with a readable diff and change nothing', async () => {
  const t = testTiller()
  assertRight(
    await t.installRelease({
      name: 'demo',
      chart: demoChart('0.1.0', 'one', { 'old.yaml': configMapTpl('old', 'o') }),
    })(),
  )
  const journal = t.kube.journal.length
  const r = assertRight(
    await t.updateRelease({
      name: 'demo',
      chart: demoChart('0.2.0', 'two', { 'new.yaml': configMapTpl('fresh', 'f') }),
      dryRun: true,
    })(),
  )
  assert.is(r.release.info.description, 'Dry run complete')
  assert.is(
    formatPlan(r.plan?.changes ?? []),
    [
      '~ update ConfigMap/default/demo-cfg',
      '      ...',
      '        name: demo-cfg',
      '        namespace: default',
      '      data:',
      '    -   greeting: one',
      '    +   greeting: two',
      '+ create ConfigMap/default/fresh',
      '  unchanged Deployment/default/demo-web',
      '- delete ConfigMap/default/old',
      'Plan: 1 to create, 1 to change, 1 to delete, 1 unchanged.',
      '',
    ].join('\n'),
  )
  assert.is(t.kube.journal.length, journal)
  assert.equal(assertRight(await t.getHistory({ name: 'demo' })()).releases.length, 1)
})
plans('should plan an install as creations without storing anything', async () => {
  const t = testTiller()
  const r = assertRight(await t.installRelease({ name: 'demo', chart: demoChart(), dryRun: true })())
  assert.equal(
    r.plan?.changes.map((c) => `${c.action} ${c.ref.kind}`),
    ['create ConfigMap', 'create Deployment'],
  )
  assert.ok(r.plan?.changes[0]?.diff.includes('+ kind: ConfigMap'))
  assert.equal(t.kube.journal, [])
  assert.equal(await t.deps.store.list(() => true)(), E.right([]))
})
plans.run()

const more = suite('GetHistory max / UninstallRelease options / transition guard')
more('should cut the history at max, newest first', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  for (const g of ['b', 'c']) assertRight(await t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', g) })())
  assert.equal(
    assertRight(await t.getHistory({ name: 'demo', max: 2 })()).releases.map((r) => r.version),
    [3, 2],
  )
})
more('should take a description, refuse a second delete and purge a deleted release', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  const r = assertRight(await t.uninstallRelease({ name: 'demo', description: 'bye now' })())
  assert.is(r.release.info.description, 'bye now')
  assert.ok(r.release.info.deleted !== undefined)
  const again = await t.uninstallRelease({ name: 'demo' })()
  assert.equal(again, E.left({ _tag: 'AlreadyDeleted', name: 'demo' }))
  assert.is(message(assertLeft(again)), 'the release named "demo" is already deleted')
  assertRight(await t.uninstallRelease({ name: 'demo', purge: true })())
  assert.equal(
    await t.listReleases({ statusCodes: ['DELETED'] })(),
    E.right({ count: 0, next: '', total: 0, releases: [] }),
  )
})
more('should refuse to record a status change Tiller never makes', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  const rel = assertRight(await t.getReleaseContent({ name: 'demo' })()).release
  const r = await updateRecord(t.deps, withStatus(rel, 'PENDING_UPGRADE'), 'DEPLOYED')
  assert.equal(r, E.left({ _tag: 'InvalidStatusTransition', key: 'demo.v1', from: 'DEPLOYED', to: 'PENDING_UPGRADE' }))
  assert.is(assertRight(await t.getReleaseContent({ name: 'demo' })()).release.info.status.code, 'DEPLOYED')
})
more('should run tests in parallel batches and report every result', async () => {
  const t = testTiller()
  const pod = (n: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\n  annotations:\n    helm.sh/hook: test-success\nspec:\n  restartPolicy: Never\n  containers: [{ name: t, image: busybox }]\n`
  assertRight(
    await t.installRelease({
      name: 'demo',
      chart: demoChart('0.1.0', 'a', { 't1.yaml': pod('t1'), 't2.yaml': pod('t2'), 't3.yaml': pod('t3') }),
    })(),
  )
  const msgs: string[] = []
  for await (const m of t.runReleaseTest({ name: 'demo', parallel: true, maxParallel: 2 }))
    msgs.push(E.isRight(m) ? m.right.msg : 'ERR')
  assert.equal(msgs, ['RUNNING: t1', 'PASSED: t1', 'RUNNING: t2', 'PASSED: t2', 'RUNNING: t3', 'PASSED: t3'])
})
more.run()
