// Every prefix of the storage writes of install, upgrade, rollback, delete (and --purge), with plain and
// split records: the operation is cut after its k-th write (every later write fails, as if Tiller died),
// then a new run of the same Tiller starts (recovery) and the release must be whole: revisions 1..n, no
// PENDING left, at most one DEPLOYED (exactly one where one should be), no orphan chunk, and upgrade and
// rollback accepted. The same matrix on real processes (SIGKILL) is test/e2e/CrashPoints*.test.ts.
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../src/adapters/configmap-store/ConfigMapStore'
import { memoryKube } from '../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../src/adapters/system/VirtualClock'
import { recoverReleases } from '../../src/app/tiller/Recover'
import { newSession } from '../../src/app/tiller/Session'
import type { Chart } from '../../src/domain/chart/Chart'
import { crashingObjects, memoryObjects } from '../adapters/configmap-store/memoryObjects'
import { assertRight } from '../helpers'
import { chartOf, configMapTpl, deploymentTpl, hookTpl, type TestTiller, testTiller } from './fixtures'

type Objects = ReturnType<typeof memoryObjects>
const NS = 'kube-system'

// a file gzip cannot shrink makes every record of the chart a split one (chunks of 3,000 characters)
const blob = randomBytes(4000)
const chart = (version: string, extra: Record<string, string> = {}, big = false): Chart => {
  const c = chartOf(
    { 'configmap.yaml': configMapTpl('demo-cfg', version), 'deployment.yaml': deploymentTpl('demo-web'), ...extra },
    {},
    { version },
  )
  return big ? { ...c, files: [{ path: 'blob.bin', data: blob }] } : c
}
const withNew = (v: string, big = false) => chart(v, { 'new.yaml': configMapTpl(`demo-new-${v}`, 'x') }, big)
const withHooks = (v: string, big = false) =>
  chart(
    v,
    {
      'new.yaml': configMapTpl(`demo-new-${v}`, 'x'),
      'pre.yaml': hookTpl('pre', 'pre-upgrade,pre-rollback'),
      'post.yaml': hookTpl('post', 'post-upgrade'),
    },
    big,
  )

/** A Tiller of run `run` of one holder, on `objs` (cut after `crashAfter` writes), sharing cluster and clock. */
const world = () => {
  const objs = memoryObjects()
  const clock = virtualClock()
  const kube = memoryKube({ clock })
  const tiller = (run: string, crashAfter = Number.POSITIVE_INFINITY, split = false) => {
    const session = newSession('host/127.0.0.1:44134', run)
    const counted = crashingObjects(objs, crashAfter)
    const store = configMapStore(counted, NS, { writer: session.id, ...(split ? { chunkChars: 3000 } : {}) })
    return { t: testTiller({ store, session, kube, clock }), writes: counted.writes }
  }
  return { objs, tiller }
}

interface Scenario {
  readonly title: string
  readonly split?: boolean
  readonly setup: (t: TestTiller) => Promise<unknown>
  readonly op: (t: TestTiller) => Promise<unknown>
  /** Whether a DEPLOYED revision must survive every cut (the setup left one and the operation keeps one). */
  readonly keepsDeployed?: boolean
}

const scenarios = (big: boolean): Scenario[] => [
  {
    title: 'install',
    setup: async () => undefined,
    op: (t) => t.installRelease({ name: 'demo', chart: chart('1.0.0', {}, big) })(),
  },
  {
    title: 'upgrade (creating an object, with hooks)',
    keepsDeployed: true,
    setup: (t) => t.installRelease({ name: 'demo', chart: chart('1.0.0', {}, big) })(),
    op: (t) => t.updateRelease({ name: 'demo', chart: withHooks('2.0.0', big), timeout: 0 })(),
  },
  {
    title: 'rollback',
    keepsDeployed: true,
    setup: async (t) => {
      assertRight(await t.installRelease({ name: 'demo', chart: chart('1.0.0', {}, big) })())
      assertRight(await t.updateRelease({ name: 'demo', chart: withNew('2.0.0', big) })())
    },
    op: (t) => t.rollbackRelease({ name: 'demo', version: 1 })(),
  },
  {
    title: 'install --replace',
    setup: async (t) => {
      assertRight(await t.installRelease({ name: 'demo', chart: chart('1.0.0', {}, big) })())
      assertRight(await t.uninstallRelease({ name: 'demo' })())
    },
    op: (t) => t.installRelease({ name: 'demo', chart: withNew('2.0.0', big), reuseName: true })(),
  },
  {
    title: 'delete',
    setup: async (t) => {
      assertRight(await t.installRelease({ name: 'demo', chart: chart('1.0.0', {}, big) })())
      assertRight(await t.updateRelease({ name: 'demo', chart: withNew('2.0.0', big) })())
    },
    op: (t) => t.uninstallRelease({ name: 'demo' })(),
  },
  {
    title: 'delete --purge',
    setup: async (t) => {
      assertRight(await t.installRelease({ name: 'demo', chart: chart('1.0.0', {}, big) })())
      assertRight(await t.updateRelease({ name: 'demo', chart: withNew('2.0.0', big) })())
    },
    op: (t) => t.uninstallRelease({ name: 'demo', purge: true })(),
  },
]

const heads = (objs: Objects) =>
  [...objs.objects.values()]
    .filter((o) => o.labels.OWNER === 'TILLER')
    .map((o) => ({ version: Number(o.labels.VERSION), status: o.labels.STATUS!, nonce: o.data.nonce }))
    .sort((a, b) => a.version - b.version)
const orphans = (objs: Objects): string[] => {
  const byHead = new Map([...objs.objects.values()].map((o) => [o.name, o.data.nonce]))
  return [...objs.objects.values()]
    .filter((o) => o.labels.OWNER === 'TILLER-CHUNK' && byHead.get(o.labels.CHUNK_OF!) !== o.labels.NONCE)
    .map((o) => o.name)
}

/** The invariants of a release at rest; `where` names the case in failures. */
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
  assert.equal(orphans(objs), [], `${where}: orphan chunks`)
}

for (const big of [false, true]) {
  const crash = suite(`crash points of each operation's storage writes (${big ? 'split records' : 'plain records'})`)
  for (const sc of scenarios(big))
    crash(`should leave ${sc.title} upgradeable and whole after a cut at every write`, async () => {
      // the uncut run counts the writes
      const full = world()
      await sc.setup(full.tiller('0000000001', Number.POSITIVE_INFINITY, big).t)
      const counting = full.tiller('0000000002', Number.POSITIVE_INFINITY, big)
      await sc.op(counting.t)
      const total = counting.writes.length
      assert.ok(total >= 2, `${sc.title}: ${total} writes`)
      for (let k = 0; k <= total; k++) {
        const w = world()
        await sc.setup(w.tiller('0000000001', Number.POSITIVE_INFINITY, big).t)
        await sc.op(w.tiller('0000000002', k, big).t)
        const next = w.tiller('0000000003', Number.POSITIVE_INFINITY, big).t
        await recoverReleases(next.deps, 'Tiller restarted')
        const where = `${sc.title}, cut after write ${k} of ${total} (${counting.writes[k - 1] ?? 'none'})`
        const h = heads(w.objs)
        const gone = h.length === 0 || h.at(-1)!.status === 'DELETED'
        assertWhole(w.objs, where, sc.keepsDeployed ? 'one' : 'at most one')
        if (h.length === 0) {
          // nothing stored (cut before the first record, or purged): the name installs again
          assertRight(await next.installRelease({ name: 'demo', chart: chart('9.0.0', {}, big) })())
        } else if (gone) {
          assertRight(await next.rollbackRelease({ name: 'demo', version: 1 })())
        } else {
          const up = await next.updateRelease({ name: 'demo', chart: withNew('9.0.0', big) })()
          assert.ok(E.isRight(up), `${where}: upgrade: ${JSON.stringify(E.isLeft(up) ? up.left : '')}`)
          const back = await next.rollbackRelease({ name: 'demo', version: 1 })()
          assert.ok(E.isRight(back), `${where}: rollback: ${JSON.stringify(E.isLeft(back) ? back.left : '')}`)
        }
        assertWhole(w.objs, `${where}, then upgraded and rolled back`, 'one')
      }
    })
  crash.run()
}
