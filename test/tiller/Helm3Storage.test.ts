// Tiller on Helm 3/4's storage (helm3Store on memory objects): every prefix of each operation's writes leaves
// a release that upgrades (the crash points of test/tiller/CrashPoints.test.ts, on Helm 3 records), a
// Helm-written pending-* revision locks Tiller out as Helm's own lock does, and a release real Helm wrote
// (a fixture of scripts/golden/helm3-records.mjs) is upgraded and rolled back through Tiller.
import { Buffer } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm3Store } from '../../src/adapters/configmap-store/Helm3Store'
import { memoryKube } from '../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../src/adapters/system/VirtualClock'
import { recoverReleases } from '../../src/app/tiller/Recover'
import { newSession } from '../../src/app/tiller/Session'
import { message } from '../../src/domain/errors'
import { statusCodeOf } from '../../src/domain/release/helm3/Names'
import { crashingObjects, memoryObjects } from '../adapters/configmap-store/memoryObjects'
import { assertLeft, assertRight } from '../helpers'
import { chartOf, configMapTpl, deploymentTpl, hookTpl, type TestTiller, testTiller } from './fixtures'

type Objects = ReturnType<typeof memoryObjects>

const chart = (version: string, extra: Record<string, string> = {}) =>
  chartOf(
    { 'configmap.yaml': configMapTpl('demo-cfg', version), 'deployment.yaml': deploymentTpl('demo-web'), ...extra },
    {},
    { version },
  )
const withHooks = (v: string) =>
  chart(v, {
    'new.yaml': configMapTpl(`demo-new-${v}`, 'x'),
    'pre.yaml': hookTpl('pre', 'pre-upgrade,pre-rollback'),
    'post.yaml': hookTpl('post', 'post-upgrade'),
  })

const world = () => {
  const objs = memoryObjects()
  const clock = virtualClock()
  const kube = memoryKube({ clock })
  const tiller = (run: string, crashAfter = Number.POSITIVE_INFINITY, helm4HookDefaults = true) => {
    const session = newSession('host/127.0.0.1:44134', run)
    const counted = crashingObjects(objs, crashAfter)
    const store = helm3Store('Secret', counted)
    return { t: testTiller({ store, session, kube, clock, helm4HookDefaults }), writes: counted.writes }
  }
  return { objs, tiller, clock }
}

/** The stored revisions of `demo` as Helm sees them (version, Helm v2 status). */
const heads = (objs: Objects) =>
  [...objs.objects.values()]
    .filter((o) => o.labels.owner === 'helm' && o.labels.name === 'demo')
    .map((o) => ({ version: Number(o.labels.version), status: statusCodeOf(o.labels.status ?? '') ?? 'UNKNOWN' }))
    .sort((a, b) => a.version - b.version)

const assertWhole = (objs: Objects, where: string, deployed: 'one' | 'at most one') => {
  const h = heads(objs)
  assert.equal(
    h.map((x) => x.version),
    h.map((_, i) => i + 1),
    `${where}: revisions 1..n`,
  )
  assert.ok(!h.some((x) => /^PENDING_|^DELETING$/.test(x.status)), `${where}: ${JSON.stringify(h)}`)
  const n = h.filter((x) => x.status === 'DEPLOYED').length
  assert.ok(deployed === 'one' ? n === 1 : n <= 1, `${where}: ${n} DEPLOYED in ${JSON.stringify(h)}`)
}

interface Scenario {
  readonly title: string
  readonly setup: (t: TestTiller) => Promise<unknown>
  readonly op: (t: TestTiller) => Promise<unknown>
  readonly keepsDeployed?: boolean
}
const scenarios: Scenario[] = [
  {
    title: 'install',
    setup: async () => undefined,
    op: (t) => t.installRelease({ name: 'demo', chart: chart('1.0.0') })(),
  },
  {
    title: 'upgrade with hooks',
    keepsDeployed: true,
    setup: (t) => t.installRelease({ name: 'demo', chart: chart('1.0.0') })(),
    op: (t) => t.updateRelease({ name: 'demo', chart: withHooks('2.0.0'), timeout: 0 })(),
  },
  {
    title: 'rollback',
    keepsDeployed: true,
    setup: async (t) => {
      assertRight(await t.installRelease({ name: 'demo', chart: chart('1.0.0') })())
      assertRight(await t.updateRelease({ name: 'demo', chart: withHooks('2.0.0') })())
    },
    op: (t) => t.rollbackRelease({ name: 'demo', version: 1 })(),
  },
  {
    title: 'delete --purge',
    setup: async (t) => {
      assertRight(await t.installRelease({ name: 'demo', chart: chart('1.0.0') })())
      assertRight(await t.updateRelease({ name: 'demo', chart: chart('2.0.0') })())
    },
    op: (t) => t.uninstallRelease({ name: 'demo', purge: true })(),
  },
]

const crash = suite("crash points of each operation's writes on Helm 3 records")
for (const sc of scenarios)
  crash(`should leave ${sc.title} upgradeable and whole after a cut at every write`, async () => {
    const full = world()
    await sc.setup(full.tiller('0000000001').t)
    const counting = full.tiller('0000000002')
    await sc.op(counting.t)
    const total = counting.writes.length
    assert.ok(total >= 2, `${sc.title}: ${total} writes`)
    for (let k = 0; k <= total; k++) {
      const w = world()
      await sc.setup(w.tiller('0000000001').t)
      await sc.op(w.tiller('0000000002', k).t)
      const next = w.tiller('0000000003').t
      await recoverReleases(next.deps, 'Tiller restarted')
      const where = `${sc.title}, cut after write ${k} of ${total} (${counting.writes[k - 1] ?? 'none'})`
      assertWhole(w.objs, where, sc.keepsDeployed ? 'one' : 'at most one')
      if (heads(w.objs).length === 0) assertRight(await next.installRelease({ name: 'demo', chart: chart('9.0.0') })())
      else {
        const up = await next.updateRelease({ name: 'demo', chart: chart('9.0.0') })()
        assert.ok(E.isRight(up), `${where}: upgrade: ${JSON.stringify(E.isLeft(up) ? up.left : '')}`)
      }
      assertWhole(w.objs, `${where}, then upgraded`, 'one')
    }
  })
crash.run()

// --- a release real Helm wrote, and Helm's lock

const fixtures = new URL('../fixtures/helm3-records/', import.meta.url).pathname
const helmRecord = (
  json: string,
  name: string,
  version: number,
  status: string,
  ns = 'default',
  extra: Record<string, string> = {},
  objectName = `sh.helm.release.v1.${name}.v${version}`,
) => ({
  name: objectName,
  labels: { name, owner: 'helm', status, version: String(version), ...extra },
  data: { release: Buffer.from(gzipSync(Buffer.from(json)).toString('base64')).toString('base64') },
  type: 'helm.sh/release.v1',
  namespace: ns,
})

const shared = suite('Tiller on records real Helm wrote')
shared("should upgrade and roll back a release Helm 4 installed, history going on from Helm's revisions", async () => {
  const w = world()
  for (const [file, v, status] of [
    ['web.v1.json', 1, 'superseded'],
    ['web.v2.json', 2, 'superseded'],
    ['web.v3.json', 3, 'deployed'],
  ] as const)
    assertRight(
      await w.objs.create(
        'Secret',
        'default',
        helmRecord(readFileSync(`${fixtures}${file}`, 'utf8'), 'web', v, status),
      )(),
    )
  const t = w.tiller('0000000001').t
  const history = assertRight(await t.getHistory({ name: 'web' })())
  assert.equal(
    history.releases.map((r) => `${r.version} ${r.info.status.code} ${r.info.description}`),
    ['3 DEPLOYED Rollback to 1', '2 SUPERSEDED Upgrade complete', '1 SUPERSEDED Install complete'],
  )
  assertRight(await t.updateRelease({ name: 'web', chart: chart('2.0.0'), values: { raw: 'x: 1\n' } })())
  assertRight(await t.rollbackRelease({ name: 'web', version: 2 })())
  const after = assertRight(await t.getHistory({ name: 'web' })())
  assert.equal(
    after.releases.map((r) => `${r.version} ${r.info.status.code}`),
    ['5 DEPLOYED', '4 SUPERSEDED', '3 SUPERSEDED', '2 SUPERSEDED', '1 SUPERSEDED'],
  )
  // Helm's own fields of the revisions it wrote survive Tiller's status change
  const v3 = [...w.objs.objects.values()].find((o) => o.name === 'sh.helm.release.v1.web.v3')!
  const json = JSON.parse(
    gunzipSync(Buffer.from(Buffer.from(v3.data.release!, 'base64').toString(), 'base64')).toString(),
  )
  assert.is(json.info.status, 'superseded')
  assert.is(json.apply_method, 'ssa')
  assert.ok(json.chart.templates.every((f: { modtime?: string }) => f.modtime !== undefined))
  assert.is(v3.labels.status, 'superseded')
  assert.is(v3.labels.modifiedAt !== undefined, true)
})
shared("should be locked out by a revision Helm left pending-upgrade, as Helm's own upgrade is", async () => {
  const w = world()
  const json = JSON.parse(readFileSync(`${fixtures}bare.v1.installed.json`, 'utf8'))
  assertRight(await w.objs.create('Secret', 'default', helmRecord(JSON.stringify(json), 'bare', 1, 'deployed'))())
  const pending = {
    ...json,
    version: 2,
    info: { ...json.info, status: 'pending-upgrade', last_deployed: w.clock.now().toISOString() },
  }
  assertRight(
    await w.objs.create('Secret', 'default', helmRecord(JSON.stringify(pending), 'bare', 2, 'pending-upgrade'))(),
  )
  const t = w.tiller('0000000001').t
  const e = assertLeft(await t.updateRelease({ name: 'bare', chart: chart('2.0.0') })())
  assert.is(e._tag, 'OperationInProgress')
  assert.is(message(e), 'another operation (install/upgrade/rollback) is in progress')
  assertLeft(await t.rollbackRelease({ name: 'bare', version: 1 })())
  // a lock Helm left long ago (its process gone) is recovered as Tiller recovers its own
  w.clock.advance(3600 * 1000)
  const up = assertRight(await t.updateRelease({ name: 'bare', chart: chart('2.0.0') })())
  assert.is(up.release.version, 3)
  assert.equal(
    [...w.objs.objects.values()]
      .filter((o) => o.labels.name === 'bare')
      .map((o) => `${o.labels.version} ${o.labels.status}`)
      .sort(),
    ['1 superseded', '2 failed', '3 deployed'],
  )
})
shared('should keep the release labels Helm 4 gave (--labels) on every revision Tiller writes', async () => {
  const w = world()
  const labels = { team: 'web', tier: 'front' }
  for (const [file, v, status] of [
    ['web.v1.json', 1, 'superseded'],
    ['web.v2.json', 2, 'superseded'],
    ['web.v3.json', 3, 'deployed'],
  ] as const)
    assertRight(
      await w.objs.create(
        'Secret',
        'default',
        helmRecord(readFileSync(`${fixtures}${file}`, 'utf8'), 'web', v, status, 'default', labels),
      )(),
    )
  // a record whose labels claim web's revision 9 under another object name: skipped, and no source of labels
  const liar = JSON.parse(readFileSync(`${fixtures}web.v3.json`, 'utf8'))
  assertRight(
    await w.objs.create(
      'Secret',
      'default',
      helmRecord(
        JSON.stringify({ ...liar, version: 9 }),
        'web',
        9,
        'deployed',
        'default',
        {},
        'sh.helm.release.v1.x.v9',
      ),
    )(),
  )
  const t = w.tiller('0000000001').t
  const bad = chart('2.0.0', { 'bad.yaml': configMapTpl('BAD_NAME', 'x') })
  assertRight(await t.updateRelease({ name: 'web', chart: chart('2.0.0'), values: { raw: 'x: 1\n' } })())
  assertLeft(await t.updateRelease({ name: 'web', chart: bad })())
  assertRight(await t.rollbackRelease({ name: 'web', version: 4 })())
  assertRight(await t.updateRelease({ name: 'web', chart: chart('3.0.0') })())
  const revisions = [...w.objs.objects.values()]
    .filter((o) => /^sh\.helm\.release\.v1\.web\.v\d+$/.test(o.name))
    .map((o) => `${o.labels.version} ${o.labels.status} ${o.labels.team} ${o.labels.tier}`)
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
  assert.equal(revisions, [
    '1 superseded web front',
    '2 superseded web front',
    '3 superseded web front',
    '4 superseded web front',
    '5 superseded web front',
    '6 superseded web front',
    '7 deployed web front',
  ])
})
shared(
  'should run a hook without a delete policy as Helm 4 does: its object left from the last run is replaced',
  async () => {
    const hooked = chart('2.0.0', { 'post.yaml': hookTpl('post', 'post-upgrade') })
    for (const helm4 of [true, false]) {
      const w = world()
      const t = w.tiller('0000000001', Number.POSITIVE_INFINITY, helm4).t
      assertRight(await t.installRelease({ name: 'demo', chart: chart('1.0.0') })())
      // the first upgrade leaves the hook's Job (no policy), as real Helm's upgrade of the same chart would
      assertRight(await t.updateRelease({ name: 'demo', chart: hooked })())
      const again = await t.updateRelease({ name: 'demo', chart: hooked })()
      if (helm4) assert.is(assertRight(again).release.info.status.code, 'DEPLOYED')
      // Helm v2's Tiller (v2 storage) leaves the object and its next run of the hook fails, as v2 did
      else
        assert.match(
          message(assertLeft(again)),
          /post-upgrade hook demo\/templates\/post\.yaml failed: jobs.batch "post" already exists/,
        )
    }
  },
)
shared.run()
