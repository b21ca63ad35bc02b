// The object-store mechanics on the NamespacedObjects port in memory: the contract (also with every record
// split), the writes a status change costs, and the fragments a write cut short leaves for `collect`.
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../../src/adapters/configmap-store/ConfigMapStore'
import { secretStore } from '../../../src/adapters/configmap-store/SecretStore'
import { withStatus } from '../../../src/domain/release/Release'
import { objectNamePattern } from '../../../src/domain/release/ReleaseError'
import { releaseNotFound } from '../../../src/domain/release/StoreError'
import type { Fragment } from '../../../src/ports/ReleaseStore'
import { assertRight } from '../../helpers'
import { releaseStoreContract, stubRelease } from '../../ports/ReleaseStore.contract'
import { crashingObjects, memoryObjects } from './memoryObjects'

releaseStoreContract('configmap-store on memory objects', async () => configMapStore(memoryObjects(), 'kube-system'))
releaseStoreContract('configmap-store on memory objects, every record split', async () =>
  configMapStore(memoryObjects(), 'kube-system', { chunkChars: 1500 }),
)
releaseStoreContract('secret-store on memory objects, every record split', async () =>
  secretStore(memoryObjects(), 'kube-system', { chunkChars: 1500 }),
)

const big = (name: string, version: number) => ({
  ...stubRelease(name, version),
  manifest: randomBytes(6000).toString('base64'),
})
const chunks = (objs: ReturnType<typeof memoryObjects>): string[] =>
  [...objs.objects.values()]
    .filter((o) => o.labels.OWNER === 'TILLER-CHUNK')
    .map((o) => o.name)
    .sort()

const names = suite('objectStore release names')
names('should say that release names must be Kubernetes object names, as its records are named after them', () => {
  assert.is(configMapStore(memoryObjects(), 'ns').namePattern, objectNamePattern)
  assert.is(secretStore(memoryObjects(), 'ns').namePattern, objectNamePattern)
})
names.run()

const split = suite('objectStore split records')
split('should change the status of a split record with one write of its head, its chunks kept', async () => {
  const objs = memoryObjects()
  const counted = crashingObjects(objs)
  const s = configMapStore(counted, 'ns', { chunkChars: 2000 })
  assertRight(await s.create('big.v1', big('big', 1))())
  const before = chunks(objs)
  assert.ok(before.length >= 4)
  assert.is(counted.writes.at(-1), 'POST big.v1')
  counted.writes.length = 0
  const next = withStatus(big('big', 1), 'SUPERSEDED')
  const same = { ...next, manifest: assertRight(await s.get('big.v1')()).manifest }
  assertRight(await s.update('big.v1', same, 'DEPLOYED')())
  assert.equal(counted.writes, ['PUT big.v1'])
  assert.equal(chunks(objs), before)
  assert.equal(await s.get('big.v1')(), E.right(same))
})
split('should replace the chunks when the bulk changes and remove the old ones', async () => {
  const objs = memoryObjects()
  const s = configMapStore(objs, 'ns', { chunkChars: 2000 })
  assertRight(await s.create('big.v1', big('big', 1))())
  const before = chunks(objs)
  const other = big('big', 1)
  assertRight(await s.update('big.v1', other)())
  assert.equal(await s.get('big.v1')(), E.right(other))
  const after = chunks(objs)
  assert.is(after.length, before.length)
  assert.ok(after.every((c) => !before.includes(c)))
})
split('should leave no readable record and collectable chunks when a create is cut before its head', async () => {
  const objs = memoryObjects()
  for (let k = 1; k <= 4; k++) {
    const cut = configMapStore(crashingObjects(objs, k), 'ns', { chunkChars: 2000, writer: 'aaaa-dead' })
    assert.ok(E.isLeft(await cut.create(`c${k}.v1`, big(`c${k}`, 1))()))
  }
  const s = configMapStore(objs, 'ns', { chunkChars: 2000, writer: 'aaaa-live' })
  for (let k = 1; k <= 4; k++) assert.equal(await s.get(`c${k}.v1`)(), E.left(releaseNotFound(`c${k}.v1`)))
  assert.ok(chunks(objs).length >= 4)
  // a live writer's fragments are kept; those of the dead one go
  const seen: Fragment[] = []
  const removable = (f: Fragment) => {
    seen.push(f)
    return f.writer === 'aaaa-dead'
  }
  assert.equal(await s.collect('c4', removable)(), E.right(4))
  assert.ok(seen.every((f) => f.key === 'c4.v1' && f.ageSeconds < 60))
  assert.equal(await s.collect(undefined, removable)(), E.right(1 + 2 + 3))
  assert.equal(chunks(objs), [])
})
split('should keep the chunks a head refers to and collect those of a delete cut after the head', async () => {
  const objs = memoryObjects()
  const s = configMapStore(objs, 'ns', { chunkChars: 2000 })
  const kept = big('kept', 1)
  assertRight(await s.create('kept.v1', kept)())
  assertRight(await s.create('gone.v1', big('gone', 1))())
  const keptChunks = chunks(objs).filter((c) => c.startsWith('kept.'))
  const cut = configMapStore(crashingObjects(objs, 1), 'ns', { chunkChars: 2000 })
  assertRight(await cut.delete('gone.v1')())
  assert.ok(chunks(objs).some((c) => c.startsWith('gone.')))
  const orphans = chunks(objs).length - keptChunks.length
  assert.equal(await s.collect(undefined, () => true)(), E.right(orphans))
  assert.equal(chunks(objs), keptChunks)
  assert.equal(await s.get('kept.v1')(), E.right(kept))
})
split('should read a record whole after a status update cut at any write', async () => {
  for (let k = 0; k <= 3; k++) {
    const objs = memoryObjects()
    const s = configMapStore(objs, 'ns', { chunkChars: 2000 })
    const r = big('w', 1)
    assertRight(await s.create('w.v1', r)())
    const cut = configMapStore(crashingObjects(objs, k), 'ns', { chunkChars: 2000 })
    await cut.update('w.v1', withStatus(big('w', 1), 'FAILED'))()
    const got = assertRight(await s.get('w.v1')())
    assert.ok(got.manifest.length > 0)
    assert.ok(['DEPLOYED', 'FAILED'].includes(got.info.status.code))
  }
})
split.run()
