// The lock of a release while an operation runs: judged by what the operation that set it stored (its
// timeout, its Tiller and that Tiller's run), never by the timeout of the operation that finds it.
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../src/adapters/configmap-store/ConfigMapStore'
import { recoverReleases } from '../../src/app/tiller/Recover'
import { newSession } from '../../src/app/tiller/Session'
import { message } from '../../src/domain/errors'
import { type Release, timestamp, withLock, withStatus } from '../../src/domain/release/Release'
import { memoryObjects } from '../adapters/configmap-store/memoryObjects'
import { assertLeft, assertRight } from '../helpers'
import { demoChart, type TestTiller, testTiller } from './fixtures'

const HOLDER = 'host-a/127.0.0.1:44134'
const inProgress = 'another operation (install/upgrade/rollback) is in progress'

/** A release `demo` whose revision 2 is PENDING_UPGRADE under `lock` (what a running or dead upgrade leaves). */
const pending = async (t: TestTiller, lock?: Release['info']['lock']): Promise<void> => {
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart('0.1.0', 'one') })())
  const base = assertRight(await t.deps.store.get('demo.v1')())
  const stuck = withStatus(
    { ...base, version: 2, info: { ...base.info, lastDeployed: timestamp(t.clock.now()) } },
    'PENDING_UPGRADE',
    'Preparing upgrade',
  )
  assertRight(await t.deps.store.create('demo.v2', lock ? withLock(stuck, lock) : stuck)())
}
const upgrade = (t: TestTiller, timeout?: number) =>
  t.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'two'), ...(timeout === undefined ? {} : { timeout }) })()

const judged = suite('release lock: judged by the operation that set it')
judged("should hold another Tiller's lock for its operation's budget whatever the newcomer's timeout", async () => {
  const t = testTiller({ session: newSession(HOLDER, 'aaaaaaaaaaaa') })
  await pending(t, { timeout: 10, holder: 'host-b/127.0.0.1:44134', session: 'bbbbbbbb-000000000001' })
  t.clock.advance(60_000)
  for (const timeout of [undefined, 0, 1, 300]) assert.is(message(assertLeft(await upgrade(t, timeout))), inProgress)
  // 3 × 10 s + 60 s
  t.clock.advance(31_000)
  const r = assertRight(await upgrade(t, 0))
  assert.is(r.release.version, 3)
  assert.match(r.warnings?.[0] ?? '', /longer than the 90s its operation may take \(timeout 10s\)/)
})
judged('should recover at once a lock left by an earlier run of the same Tiller', async () => {
  const t = testTiller({ session: newSession(HOLDER, 'aaaaaaaaaaaa') })
  const earlier = newSession(HOLDER, '999999999999')
  await pending(t, { timeout: 300, holder: HOLDER, session: earlier.id })
  const r = assertRight(await upgrade(t, 0))
  assert.match(r.warnings?.[0] ?? '', /the Tiller that set it restarted/)
})
judged('should recover at once a lock of this run whose operation is over, and hold one still running', async () => {
  const session = newSession(HOLDER, 'aaaaaaaaaaaa')
  const t = testTiller({ session })
  await pending(t, { timeout: 300, holder: HOLDER, session: session.id })
  const release = session.hold('demo.v2')
  assert.is(message(assertLeft(await upgrade(t, 0))), inProgress)
  release()
  const r = assertRight(await upgrade(t, 0))
  assert.match(r.warnings?.[0] ?? '', /its operation ended without finishing it/)
})
judged('should not block the next upgrade when the storage failed the last write of the one before', async () => {
  // what a killed API server does to a running upgrade: its final write fails, the revision stays PENDING
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  const store = t.deps.store
  let failNext = true
  const flaky = testTiller({
    clock: t.clock,
    kube: t.kube,
    session: t.deps.session,
    store: {
      ...store,
      update: (key, rls, expected) =>
        failNext && rls.info.status.code === 'DEPLOYED'
          ? async () => {
              failNext = false
              return E.left({ _tag: 'StoreUnavailable', cause: 'connection refused' } as const)
            }
          : store.update(key, rls, expected),
    },
  })
  assert.is(
    assertLeft(await flaky.updateRelease({ name: 'demo', chart: demoChart('0.2.0'), timeout: 300 })())._tag,
    'StoreUnavailable',
  )
  assert.is(assertRight(await store.get('demo.v2')()).info.status.code, 'PENDING_UPGRADE')
  // no wait for the 300 s timeout: this Tiller knows that upgrade is over
  const r = assertRight(await flaky.updateRelease({ name: 'demo', chart: demoChart('0.3.0') })())
  assert.is(r.release.version, 3)
  assert.equal(
    assertRight(await t.getHistory({ name: 'demo' })()).releases.map((x) => `${x.version} ${x.info.status.code}`),
    ['3 DEPLOYED', '2 FAILED', '1 SUPERSEDED'],
  )
})
judged('should store the lock with the pending revision and drop it with the final status', async () => {
  const session = newSession(HOLDER, 'aaaaaaaaaaaa')
  const t = testTiller({ session })
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart(), timeout: 42 })())
  let seen: Release | undefined
  const store = t.deps.store
  const spy = testTiller({
    session,
    clock: t.clock,
    kube: t.kube,
    store: {
      ...store,
      create: (key, rls) => {
        seen = rls
        return store.create(key, rls)
      },
    },
  })
  assertRight(await spy.updateRelease({ name: 'demo', chart: demoChart('0.2.0'), timeout: 42 })())
  assert.equal(seen?.info.lock, { timeout: 42, holder: HOLDER, session: session.id })
  assert.is(assertRight(await store.get('demo.v2')()).info.lock, undefined)
})
judged.run()

const crowd = suite('release lock: many clients that send no timeout')
crowd('should end 8 clients × 10 upgrades with timeout 0 with one DEPLOYED revision and a whole history', async () => {
  for (const store of ['memory', 'configmap'] as const) {
    const t = testTiller(store === 'memory' ? {} : { store: configMapStore(memoryObjects(), 'kube-system') })
    assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
    const refusals = new Set<string>()
    let done = 0
    await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        for (let i = 0; i < 10; i++) {
          const r = await t.updateRelease({ name: 'demo', chart: demoChart(`1.${c}.${i}`), timeout: 0 })()
          if (E.isRight(r)) done++
          else refusals.add(r.left._tag)
        }
      }),
    )
    const h = [...assertRight(await t.deps.store.query({ NAME: 'demo' })())].sort((a, b) => a.version - b.version)
    assert.equal(
      h.map((r) => r.version),
      h.map((_, i) => i + 1),
    )
    assert.is(h.filter((r) => r.info.status.code === 'DEPLOYED').length, 1, store)
    assert.is(h.at(-1)!.info.status.code, 'DEPLOYED')
    assert.ok(done >= 1)
    assert.is(h.filter((r) => r.info.status.code === 'FAILED').length, 0, `${store}: no upgrade was taken over`)
    for (const tag of refusals) assert.ok(['OperationInProgress', 'ReleaseExists'].includes(tag), tag)
  }
})
crowd('should keep every history whole when 8 clients upgrade, roll back, delete and purge at once', async () => {
  for (const store of ['memory', 'configmap'] as const) {
    const t = testTiller(store === 'memory' ? {} : { store: configMapStore(memoryObjects(), 'kube-system') })
    let seed = 11
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
      return seed % n
    }
    const names = ['a', 'b']
    // each release in its own namespace: the demo chart's objects have fixed names
    for (const name of names) assertRight(await t.installRelease({ name, namespace: name, chart: demoChart() })())
    await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        for (let i = 0; i < 12; i++) {
          const name = names[rand(2)]!
          const chart = demoChart(`2.${c}.${i}`)
          const op = rand(5)
          if (op === 0) await t.rollbackRelease({ name, version: 1 })()
          else if (op === 1) await t.uninstallRelease({ name })()
          else if (op === 2) await t.uninstallRelease({ name, purge: true })()
          else if (op === 3) await t.installRelease({ name, namespace: name, chart, reuseName: true })()
          else await t.updateRelease({ name, chart, timeout: 0 })()
        }
      }),
    )
    for (const name of names) {
      const h = [...assertRight(await t.deps.store.query({ NAME: name })())].sort((a, b) => a.version - b.version)
      const seen = h.map((r) => `${r.version} ${r.info.status.code}`).join(', ')
      assert.equal(
        h.map((r) => r.version),
        h.map((_, i) => i + 1),
        `${store} ${name}: ${seen}`,
      )
      assert.ok(h.filter((r) => r.info.status.code === 'DEPLOYED').length <= 1, `${store} ${name}: ${seen}`)
      assert.ok(!h.some((r) => /^PENDING_|^DELETING$/.test(r.info.status.code)), `${store} ${name}: ${seen}`)
    }
  }
})
crowd.run()

const restart = suite('release lock: recovery when Tiller starts')
restart('should fail what an earlier run left pending and keep what another Tiller holds', async () => {
  const objs = memoryObjects()
  const store = configMapStore(objs, 'kube-system')
  const first = testTiller({ store, session: newSession(HOLDER, '111111111111') })
  await pending(first, { timeout: 300, holder: HOLDER, session: first.deps.session.id })
  const other = testTiller({ store, clock: first.clock })
  assertRight(await other.installRelease({ name: 'other', chart: demoChart() })())
  const o = assertRight(await store.get('other.v1')())
  const lock = { timeout: 300, holder: 'host-b/:44134', session: 'cccccccc-000000000001' }
  assertRight(await store.create('other.v2', withLock(withStatus({ ...o, version: 2 }, 'PENDING_UPGRADE'), lock))())
  const next = testTiller({ store, clock: first.clock, kube: first.kube, session: newSession(HOLDER, '222222222222') })
  const r = await recoverReleases(next.deps, 'Tiller restarted')
  assert.equal(r.failed, ['demo.v2'])
  assert.is(assertRight(await store.get('other.v2')()).info.status.code, 'PENDING_UPGRADE')
  assertRight(await upgrade(next, 0))
})
restart('should supersede all but the newest DEPLOYED revision', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  const v1 = assertRight(await t.deps.store.get('demo.v1')())
  assertRight(await t.deps.store.create('demo.v2', { ...v1, version: 2 })())
  const h = assertRight(await t.getHistory({ name: 'demo' })())
  assert.equal(
    h.releases.map((r) => `${r.version} ${r.info.status.code}`),
    ['2 DEPLOYED', '1 SUPERSEDED'],
  )
  const listed = assertRight(await t.listReleases({})())
  assert.equal(
    listed.releases.map((r) => r.version),
    [2],
  )
  const r = await recoverReleases(t.deps, 'Tiller restarted')
  assert.equal(r.superseded, ['demo.v1'])
  assert.is(assertRight(await t.deps.store.get('demo.v1')()).info.status.code, 'SUPERSEDED')
})
restart.run()
