// Helm 3/4's storage layout: the ReleaseStore contract in memory and on the sandbox (each revision in its
// release's namespace), the objects as Helm names and labels them, and hostile records skipped, never rewritten.
import { Buffer } from 'node:buffer'
import { gzipSync } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm3Store } from '../../../src/adapters/configmap-store/Helm3Store'
import { namespacedObjects } from '../../../src/adapters/k8s/Objects'
import { decodeHelm3Release, helm3ReleaseJson } from '../../../src/domain/release/helm3/Codec'
import { type Release, withStatus } from '../../../src/domain/release/Release'
import { releaseNotFound } from '../../../src/domain/release/StoreError'
import type { ApiObject, NamespacedObjects, StorageKind } from '../../../src/ports/NamespacedObjects'
import { assertRight } from '../../helpers'
import { releaseStoreContract, stubRelease } from '../../ports/ReleaseStore.contract'
import { memoryObjects } from './memoryObjects'
import { sandboxWithRest } from './sandbox'

releaseStoreContract('helm3-secret store on memory objects', async () => helm3Store('Secret', memoryObjects()))
releaseStoreContract('helm3-configmap store on memory objects', async () => helm3Store('ConfigMap', memoryObjects()))

const env = await sandboxWithRest()
const objects = namespacedObjects(env.rest)
/** Removes every Helm record of the sandbox, so that each store starts empty. */
const clean = async (kind: StorageKind): Promise<void> => {
  const all = assertRight(await objects.list(kind, '', 'owner=helm')())
  for (const o of all) assertRight(await objects.delete(kind, o.namespace ?? 'default', o.name)())
}
releaseStoreContract('helm3-secret store on the sandbox', async () => {
  await clean('Secret')
  return helm3Store('Secret', objects)
})

const inNs = (r: Release, namespace: string): Release => ({ ...r, namespace })
const get = async (path: string) => JSON.parse((await env.rest.request({ method: 'GET', path })).text)

const layout = suite('helm3Store layout')
layout("should store Helm 3's Secret sh.helm.release.v1.NAME.vN in the release's namespace", async () => {
  await clean('Secret')
  const ns = await env.namespace()
  const s = helm3Store('Secret', objects)
  const r = inNs(stubRelease('web', 1, 'PENDING_INSTALL'), ns)
  assertRight(await s.create('web.v1', r)())
  const secret = await get(`/api/v1/namespaces/${ns}/secrets/sh.helm.release.v1.web.v1`)
  assert.is(secret.type, 'helm.sh/release.v1')
  const { createdAt, ...labels } = secret.metadata.labels
  assert.equal(labels, { name: 'web', owner: 'helm', status: 'pending-install', version: '1' })
  assert.ok(/^\d+$/.test(createdAt))
  const once = Buffer.from(secret.data.release, 'base64').toString('utf8')
  assert.equal(decodeHelm3Release(once), E.right(r))
  assertRight(await s.update('web.v1', withStatus(r, 'DELETED'), 'PENDING_INSTALL')())
  const after = await get(`/api/v1/namespaces/${ns}/secrets/sh.helm.release.v1.web.v1`)
  assert.is(after.metadata.labels.status, 'uninstalled')
  assert.ok(/^\d+$/.test(after.metadata.labels.modifiedAt))
  assert.is(after.metadata.labels.createdAt, undefined, "an update's labels replace the create's, as Helm's do")
})
layout('should store a ConfigMap whose data.release is the encoded record itself', async () => {
  await clean('ConfigMap')
  const ns = await env.namespace()
  const s = helm3Store('ConfigMap', objects)
  const r = inNs(stubRelease('cm', 2, 'FAILED'), ns)
  assertRight(await s.create('cm.v2', r)())
  const cm = await get(`/api/v1/namespaces/${ns}/configmaps/sh.helm.release.v1.cm.v2`)
  assert.is(cm.metadata.labels.status, 'failed')
  assert.equal(decodeHelm3Release(cm.data.release), E.right(r))
})
layout('should keep the release labels of a record and carry them to the next revision', async () => {
  const objs = memoryObjects()
  const s = helm3Store('Secret', objs)
  const r1 = { ...stubRelease('lab', 1), helm3: { labels: { team: 'web' } } }
  assertRight(await s.create('lab.v1', r1)())
  assertRight(await s.update('lab.v1', withStatus(r1, 'SUPERSEDED'))())
  assertRight(await s.create('lab.v2', stubRelease('lab', 2))())
  const v2 = [...objs.objects.values()].find((o) => o.name === 'sh.helm.release.v1.lab.v2')!
  assert.is(v2.labels.team, 'web')
  assert.equal(assertRight(await s.get('lab.v2')()).helm3?.labels, { team: 'web' })
  assert.is(assertRight(await s.get('lab.v1')()).info.status.code, 'SUPERSEDED')
})
layout('should refuse a record over one object instead of splitting it (Helm reads whole records only)', async () => {
  const s = helm3Store('Secret', memoryObjects(), { chunkChars: 2000 })
  const { randomBytes } = await import('node:crypto')
  const big = { ...stubRelease('big', 1), manifest: randomBytes(6000).toString('base64') }
  const r = await s.create('big.v1', big)()
  assert.is(E.isLeft(r) && r.left._tag, 'ReleaseTooLarge')
  assert.equal(await s.get('big.v1')(), E.left(releaseNotFound('big.v1')))
})
layout('should read a release name held in two namespaces from the first, and say so once', async () => {
  const warnings: string[] = []
  const objs = memoryObjects()
  const s = helm3Store('Secret', objs, { warn: (m) => warnings.push(m) })
  assertRight(await s.create('twin.v1', inNs(stubRelease('twin', 1), 'beta'))())
  assertRight(await s.create('twin.v1', inNs(stubRelease('twin', 1, 'FAILED'), 'alpha'))())
  assertRight(await s.create('twin.v2', inNs(stubRelease('twin', 2), 'beta'))())
  const twins = assertRight(await s.query({ NAME: 'twin' })())
  assert.equal(
    twins.map((r) => `${r.namespace} v${r.version}`),
    ['alpha v1'],
  )
  assert.is(assertRight(await s.get('twin.v1')()).namespace, 'alpha')
  assert.equal(await s.get('twin.v2')(), E.left(releaseNotFound('twin.v2')))
  await s.list(() => true)()
  assert.equal(warnings, [
    "release twin is stored in namespaces alpha, beta: Tiller's release names are cluster-wide, so it manages the one in alpha and leaves the others alone",
  ])
})
layout.run()

// --- hostile records: skipped with a warning naming the object, never rewritten

const secretData = (json: string): string =>
  Buffer.from(gzipSync(Buffer.from(json)).toString('base64')).toString('base64')
const hostile = (name: string, labels: Record<string, string>, data: string): ApiObject => ({
  name,
  labels: { owner: 'helm', status: 'deployed', ...labels },
  data: { release: data },
  type: 'helm.sh/release.v1',
})
const put = async (objs: NamespacedObjects, ns: string, o: ApiObject) =>
  assertRight(await objs.create('Secret', ns, o)())

const bad = suite('helm3Store hostile records')
bad(
  'should skip bad base64, a gzip bomb, JSON of the wrong shape and a name label that lies, naming each',
  async () => {
    const objs = memoryObjects()
    const warnings: string[] = []
    const s = helm3Store('Secret', objs, { warn: (m) => warnings.push(m) })
    const good = stubRelease('good', 1)
    assertRight(await s.create('good.v1', good)())
    await put(
      objs,
      'default',
      hostile(
        'sh.helm.release.v1.b64.v1',
        { name: 'b64', version: '1' },
        Buffer.from('%%%not base64').toString('base64'),
      ),
    )
    // 40 MiB of spaces in 40 gzip members (Go's reader, like Node's, reads them all as one stream)
    const bomb = Buffer.concat(Array.from({ length: 40 }, () => gzipSync(Buffer.alloc(1024 * 1024, 0x20))))
    await put(
      objs,
      'default',
      hostile(
        'sh.helm.release.v1.bomb.v1',
        { name: 'bomb', version: '1' },
        Buffer.from(bomb.toString('base64')).toString('base64'),
      ),
    )
    await put(
      objs,
      'default',
      hostile(
        'sh.helm.release.v1.shape.v1',
        { name: 'shape', version: '1' },
        secretData('{"name":"shape","version":"one","info":[]}'),
      ),
    )
    await put(
      objs,
      'default',
      hostile('sh.helm.release.v1.array.v1', { name: 'array', version: '1' }, secretData('[1,2,3]')),
    )
    const liar = helm3ReleaseJson(stubRelease('victim', 1))
    await put(
      objs,
      'default',
      hostile('sh.helm.release.v1.liar.v1', { name: 'victim', version: '1' }, secretData(liar)),
    )
    await put(
      objs,
      'default',
      hostile('sh.helm.release.v1.victim.v7', { name: 'victim', version: '7' }, secretData(liar)),
    )
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    await put(objs, 'default', hostile('sh.helm.release.v1.deep.v1', { name: 'deep', version: '1' }, secretData(deep)))
    const before = JSON.stringify([...objs.objects.entries()])

    const listed = assertRight(await s.list(() => true)())
    assert.equal(
      listed.map((r) => r.name),
      ['good'],
    )
    for (const n of ['b64', 'bomb', 'shape', 'array', 'liar', 'victim.v7', 'deep'])
      assert.ok(
        warnings.some((w) => w.includes(`Secret default/sh.helm.release.v1.${n}`)),
        `no warning names ${n}: ${warnings.join('\n')}`,
      )
    assert.ok(warnings.some((w) => w.includes('bomb') && w.includes('more than')))
    assert.equal(await s.get('victim.v1')(), E.left(releaseNotFound('victim.v1')))
    assert.equal(await s.query({ NAME: 'shape' })(), E.right([]))
    // listing again says nothing new; nothing was written
    const n = warnings.length
    await s.list(() => true)()
    assert.is(warnings.length, n)
    assert.is(JSON.stringify([...objs.objects.entries()]), before)
  },
)
bad.after(async () => {
  await env.sb.stop()
})
bad.run()
