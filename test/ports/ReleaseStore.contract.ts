// The one ReleaseStore contract every adapter runs: test/adapters/<adapter>/*.test.ts call
// `releaseStoreContract('<adapter>', async () => <fresh, empty store>)`.
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chart } from '../../src/domain/chart/Chart'
import { type Release, releaseKey, type StatusCode, withLock, withStatus } from '../../src/domain/release/Release'
import { releaseConflict, releaseExists, releaseNotFound } from '../../src/domain/release/StoreError'
import type { ReleaseStore } from '../../src/ports/ReleaseStore'
import { assertRight } from '../helpers'
import { buildChart } from '../support/charts'

/** A small but complete chart (templates, files, raw values, a subchart) to prove records round-trip whole. */
export const stubChart = (name = 'demo'): Chart =>
  buildChart({
    apiVersion: 'v1',
    name,
    metadata: { appVersion: '1.0', description: 'a demo chart' },
    templates: { 'cm.yaml': 'kind: ConfigMap\n' },
    values: { replicas: 1, image: { tag: 'latest' }, list: [1, 'two', null, true] },
    // values are what rawValues parses to: storage (Helm v2's protobuf) keeps the values.yaml text only
    rawValues: 'replicas: 1\nimage:\n  tag: latest\nlist:\n- 1\n- two\n- null\n- true\n',
    files: { 'README.md': new Uint8Array([0, 1, 2, 254, 255]) },
    dependencies: [buildChart({ apiVersion: 'v1', name: 'sub', version: '1.2.3' })],
  })

/** A release record with every field set. */
export const stubRelease = (name: string, version: number, code: StatusCode = 'DEPLOYED'): Release => ({
  name,
  version,
  namespace: 'default',
  chart: stubChart(),
  config: { raw: 'replicas: 3\n' },
  manifest: `---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`,
  hooks: [
    {
      name: `${name}-hook`,
      kind: 'Job',
      path: 'demo/templates/hook.yaml',
      manifest: 'kind: Job\n',
      events: ['PRE_INSTALL', 'POST_UPGRADE'],
      weight: -5,
      deletePolicies: ['SUCCEEDED'],
      deleteTimeout: 60,
      lastRun: { seconds: 1_600_000_000, nanos: 0 },
    },
  ],
  info: {
    status: { code, notes: 'thanks' },
    firstDeployed: { seconds: 1_600_000_000, nanos: 5000 },
    lastDeployed: { seconds: 1_600_000_100, nanos: 0 },
    description: 'Install complete',
  },
})

const byKey = (rs: ReadonlyArray<Release>): string[] => rs.map((r) => releaseKey(r.name, r.version)).sort()

/** Runs the ReleaseStore contract against stores made by `make` (each call: a new, empty store). */
export const releaseStoreContract = (name: string, make: () => Promise<ReleaseStore>): void => {
  const seeded = async (): Promise<ReleaseStore> => {
    const s = await make()
    for (const r of [
      stubRelease('rls-a', 1, 'SUPERSEDED'),
      stubRelease('rls-a', 2, 'DEPLOYED'),
      stubRelease('rls-b', 1, 'FAILED'),
      stubRelease('rls-c', 1, 'DELETED'),
    ])
      assert.equal(await s.create(releaseKey(r.name, r.version), r)(), E.right(undefined))
    return s
  }

  const crud = suite(`${name} ReleaseStore contract: create/get/update/delete`)
  crud('should return a created record whole, chart bytes and timestamps included', async () => {
    const s = await make()
    const r = stubRelease('whole', 1)
    assert.equal(await s.create('whole.v1', r)(), E.right(undefined))
    assert.equal(await s.get('whole.v1')(), E.right(r))
  })
  crud('should refuse to create an existing key and keep the first record', async () => {
    const s = await seeded()
    const other = stubRelease('rls-a', 1, 'FAILED')
    assert.equal(await s.create('rls-a.v1', other)(), E.left(releaseExists('rls-a.v1')))
    assert.equal(await s.get('rls-a.v1')(), E.right(stubRelease('rls-a', 1, 'SUPERSEDED')))
  })
  crud('should say ReleaseNotFound for a missing key', async () => {
    const s = await seeded()
    assert.equal(await s.get('nope.v1')(), E.left(releaseNotFound('nope.v1')))
  })
  crud('should replace a record on update', async () => {
    const s = await seeded()
    const next = withStatus(stubRelease('rls-a', 2), 'SUPERSEDED', 'Superseded')
    assert.equal(await s.update('rls-a.v2', next)(), E.right(undefined))
    assert.equal(await s.get('rls-a.v2')(), E.right(next))
  })
  crud('should refuse to update a missing record', async () => {
    const s = await seeded()
    assert.equal(await s.update('nope.v1', stubRelease('nope', 1))(), E.left(releaseNotFound('nope.v1')))
  })
  crud('should update when the expected status still holds', async () => {
    const s = await seeded()
    const next = withStatus(stubRelease('rls-a', 2), 'SUPERSEDED')
    assert.equal(await s.update('rls-a.v2', next, 'DEPLOYED')(), E.right(undefined))
    assert.equal(await s.get('rls-a.v2')(), E.right(next))
  })
  crud('should refuse a stale update and keep the stored record', async () => {
    const s = await seeded()
    const next = withStatus(stubRelease('rls-a', 2), 'FAILED')
    assert.equal(
      await s.update('rls-a.v2', next, 'PENDING_UPGRADE')(),
      E.left(releaseConflict('rls-a.v2', 'PENDING_UPGRADE', 'DEPLOYED')),
    )
    assert.equal(await s.get('rls-a.v2')(), E.right(stubRelease('rls-a', 2, 'DEPLOYED')))
  })
  crud('should delete a record and return it', async () => {
    const s = await seeded()
    assert.equal(await s.delete('rls-b.v1')(), E.right(stubRelease('rls-b', 1, 'FAILED')))
    assert.equal(await s.get('rls-b.v1')(), E.left(releaseNotFound('rls-b.v1')))
    assert.equal(await s.delete('rls-b.v1')(), E.left(releaseNotFound('rls-b.v1')))
  })
  crud('should keep the lock of a pending revision: the timeout, holder and session of its operation', async () => {
    const s = await make()
    const lock = { timeout: 120, holder: 'host-a/127.0.0.1:44134', session: '1a2b3c4d-00ff00ff00ff' }
    const pending = withLock(stubRelease('locked', 2, 'PENDING_UPGRADE'), lock)
    assert.equal(await s.create('locked.v2', pending)(), E.right(undefined))
    assert.equal(await s.get('locked.v2')(), E.right(pending))
    const failed = withStatus(pending, 'FAILED')
    assert.equal(await s.update('locked.v2', failed, 'PENDING_UPGRADE')(), E.right(undefined))
    assert.equal(await s.get('locked.v2')(), E.right(failed))
    assert.is((assertRight(await s.get('locked.v2')()) as Release).info.lock, undefined)
  })
  crud('should collect nothing and lose nothing when every write finished', async () => {
    const s = await seeded()
    assert.equal(await s.collect(undefined, () => true)(), E.right(0))
    assert.equal(await s.collect('rls-a', () => true)(), E.right(0))
    assert.equal(E.map(byKey)(await s.list(() => true)()), E.right(['rls-a.v1', 'rls-a.v2', 'rls-b.v1', 'rls-c.v1']))
  })
  crud.run()

  const queries = suite(`${name} ReleaseStore contract: list/query`)
  queries('should list the records a predicate keeps', async () => {
    const s = await seeded()
    const all = await s.list(() => true)()
    assert.equal(E.map(byKey)(all), E.right(['rls-a.v1', 'rls-a.v2', 'rls-b.v1', 'rls-c.v1']))
    const deployed = await s.list((r) => r.info.status.code === 'DEPLOYED')()
    assert.equal(E.map(byKey)(deployed), E.right(['rls-a.v2']))
  })
  queries('should index records from their labels: key, name, revision, status', async () => {
    const s = await seeded()
    const all = assertRight(await s.index({ OWNER: 'TILLER' })())
    assert.equal([...all].map((h) => `${h.key} ${h.name} ${h.version} ${h.status}`).sort(), [
      'rls-a.v1 rls-a 1 SUPERSEDED',
      'rls-a.v2 rls-a 2 DEPLOYED',
      'rls-b.v1 rls-b 1 FAILED',
      'rls-c.v1 rls-c 1 DELETED',
    ])
    await s.update('rls-a.v2', withStatus(stubRelease('rls-a', 2), 'SUPERSEDED'))()
    assert.equal(assertRight(await s.index({ NAME: 'rls-a', STATUS: 'DEPLOYED' })()), [])
    assert.equal(assertRight(await s.index({ NAME: 'nope' })()), [])
  })
  queries('should list nothing from an empty store', async () => {
    const s = await make()
    assert.equal(await s.list(() => true)(), E.right([]))
  })
  queries('should query by NAME', async () => {
    const s = await seeded()
    assert.equal(E.map(byKey)(await s.query({ NAME: 'rls-a', OWNER: 'TILLER' })()), E.right(['rls-a.v1', 'rls-a.v2']))
  })
  queries('should query by NAME and STATUS', async () => {
    const s = await seeded()
    assert.equal(E.map(byKey)(await s.query({ NAME: 'rls-a', STATUS: 'SUPERSEDED' })()), E.right(['rls-a.v1']))
  })
  queries('should query by VERSION', async () => {
    const s = await seeded()
    assert.equal(E.map(byKey)(await s.query({ VERSION: '1' })()), E.right(['rls-a.v1', 'rls-b.v1', 'rls-c.v1']))
  })
  queries('should see a status change in queries', async () => {
    const s = await seeded()
    await s.update('rls-a.v2', withStatus(stubRelease('rls-a', 2), 'SUPERSEDED'))()
    assert.equal(E.map(byKey)(await s.query({ NAME: 'rls-a', STATUS: 'DEPLOYED' })()), E.right([]))
  })
  queries('should answer an empty list when nothing matches', async () => {
    const s = await seeded()
    assert.equal(await s.query({ NAME: 'nope' })(), E.right([]))
  })
  queries.run()

  const races = suite(`${name} ReleaseStore contract: concurrent writers`)
  races('should let exactly one of two concurrent creates of a key win', async () => {
    const s = await seeded()
    const [x, y] = await Promise.all([
      s.create('rls-a.v3', stubRelease('rls-a', 3, 'PENDING_UPGRADE'))(),
      s.create('rls-a.v3', withStatus(stubRelease('rls-a', 3, 'PENDING_UPGRADE'), 'PENDING_UPGRADE', 'second'))(),
    ])
    assert.equal([x, y].filter(E.isRight).length, 1)
    assert.equal([x, y].filter(E.isLeft), [E.left(releaseExists('rls-a.v3'))])
    const stored = await s.get('rls-a.v3')()
    assert.ok(E.isRight(stored))
  })
  races('should let exactly one of two updates expecting the same status win', async () => {
    const s = await seeded()
    const [x, y] = await Promise.all([
      s.update('rls-a.v2', withStatus(stubRelease('rls-a', 2), 'SUPERSEDED', 'one'), 'DEPLOYED')(),
      s.update('rls-a.v2', withStatus(stubRelease('rls-a', 2), 'FAILED', 'two'), 'DEPLOYED')(),
    ])
    const wins = [x, y].filter(E.isRight).length
    assert.is(wins, 1)
    const stored = await s.get('rls-a.v2')()
    const winner = E.isRight(x) ? 'one' : 'two'
    assert.equal(E.map((r: Release) => r.info.description)(stored), E.right(winner))
  })
  races.run()
}
