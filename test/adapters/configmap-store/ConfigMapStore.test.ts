import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../../src/adapters/configmap-store/ConfigMapStore'
import { namespacedObjects } from '../../../src/adapters/k8s/Objects'
import { decodeRelease } from '../../../src/domain/release/Codec'
import { withStatus } from '../../../src/domain/release/Release'
import { releaseConflict, releaseNotFound } from '../../../src/domain/release/StoreError'
import { assertRight } from '../../helpers'
import { releaseStoreContract, stubRelease } from '../../ports/ReleaseStore.contract'
import { sandboxWithRest } from './sandbox'

const env = await sandboxWithRest()
const { sb, rest } = env

releaseStoreContract('configmap-store on the sandbox', async () =>
  configMapStore(namespacedObjects(rest), await env.namespace()),
)

const layout = suite('configMapStore layout')
layout("should store Helm v2's ConfigMap NAME.vN with its labels and data.release", async () => {
  const ns = await env.namespace()
  const s = configMapStore(namespacedObjects(rest), ns)
  assertRight(await s.create('web.v1', stubRelease('web', 1, 'DEPLOYED'))())
  const r = await rest.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/configmaps/web.v1` })
  const cm = JSON.parse(r.text)
  const { CREATED_AT, ...labels } = cm.metadata.labels
  assert.equal(labels, { NAME: 'web', OWNER: 'TILLER', STATUS: 'DEPLOYED', VERSION: '1' })
  assert.ok(/^\d+$/.test(CREATED_AT))
  assert.equal(decodeRelease(cm.data.release), E.right(stubRelease('web', 1, 'DEPLOYED')))
  assertRight(await s.update('web.v1', withStatus(stubRelease('web', 1), 'SUPERSEDED'))())
  const after = JSON.parse(
    (await rest.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/configmaps/web.v1` })).text,
  )
  assert.is(after.metadata.labels.STATUS, 'SUPERSEDED')
  assert.ok(/^\d+$/.test(after.metadata.labels.MODIFIED_AT))
})
layout.run()

// a manifest that gzip cannot shrink: base64 of random bytes
const bigRelease = (name: string, version: number, bytes: number) => ({
  ...stubRelease(name, version),
  manifest: randomBytes(Math.ceil((bytes * 3) / 4))
    .toString('base64')
    .slice(0, bytes),
})
const countObjects = async (ns: string, selector: string): Promise<number> =>
  JSON.parse(
    (
      await rest.request({
        method: 'GET',
        path: `/api/v1/namespaces/${ns}/configmaps`,
        query: { labelSelector: selector },
      })
    ).text,
  ).items.length

const split = suite('configMapStore releases over the 1 MiB object limit')
split('should store and load a release with a 5 MiB manifest split over several ConfigMaps', async () => {
  const ns = await env.namespace()
  const s = configMapStore(namespacedObjects(rest), ns)
  const big = bigRelease('big', 1, 5 * 1024 * 1024)
  assert.equal(await s.create('big.v1', big)(), E.right(undefined))
  assert.equal(await s.get('big.v1')(), E.right(big))
  assert.ok((await countObjects(ns, 'OWNER=TILLER-CHUNK')) >= 6)
  const listed = assertRight(await s.list(() => true)())
  assert.equal(
    listed.map((r) => r.manifest.length),
    [big.manifest.length],
  )
  const next = withStatus(bigRelease('big', 1, 3 * 1024 * 1024), 'SUPERSEDED')
  assert.equal(await s.update('big.v1', next)(), E.right(undefined))
  assert.equal(await s.get('big.v1')(), E.right(next))
  assert.equal(await s.delete('big.v1')(), E.right(next))
  assert.is(await countObjects(ns, 'OWNER=TILLER-CHUNK'), 0)
})
split('should never read a half-written split: chunks without their head are no release', async () => {
  const ns = await env.namespace()
  const s = configMapStore(namespacedObjects(rest), ns)
  // the head is written last: refuse it (as a crash between chunks and head would), so only the chunks land
  let posts = 0
  const original = rest.request
  const counting: typeof rest = {
    ...rest,
    request: (req) => {
      if (req.method === 'POST' && (req.body as any)?.metadata?.name === 'half.v1') {
        posts++
        return Promise.resolve({ status: 500, text: '{"kind":"Status","code":500,"message":"injected"}' })
      }
      return original(req)
    },
  }
  const partial = configMapStore(namespacedObjects(counting), ns)
  const r = await partial.create('half.v1', bigRelease('half', 1, 2 * 1024 * 1024))()
  assert.is(E.isLeft(r) && r.left._tag, 'StoreUnavailable')
  assert.is(posts, 1)
  assert.equal(await s.get('half.v1')(), E.left(releaseNotFound('half.v1')))
  assert.equal(await s.list(() => true)(), E.right([]))
})
split('should read a split release whole while another writer replaces it', async () => {
  const ns = await env.namespace()
  const writer = configMapStore(namespacedObjects(rest), ns)
  const first = withStatus(bigRelease('race', 1, 1500 * 1024), 'DEPLOYED', 'first')
  const second = withStatus(bigRelease('race', 1, 1500 * 1024), 'DEPLOYED', 'second')
  assertRight(await writer.create('race.v1', first)())
  // the reader has the head in hand when the writer switches it and removes the old chunks
  let raced = false
  const slowReader = configMapStore(
    namespacedObjects({
      ...rest,
      request: async (req) => {
        if (!raced && req.method === 'GET' && req.path.includes('.part-')) {
          raced = true
          assertRight(await writer.update('race.v1', second)())
        }
        return rest.request(req)
      },
    }),
    ns,
  )
  assert.equal(await slowReader.get('race.v1')(), E.right(second))
  assert.ok(raced)
})
split('should refuse a split whose chunk was tampered with', async () => {
  const ns = await env.namespace()
  const s = configMapStore(namespacedObjects(rest), ns)
  assertRight(await s.create('t.v1', bigRelease('t', 1, 2 * 1024 * 1024))())
  const chunks = JSON.parse(
    (
      await rest.request({
        method: 'GET',
        path: `/api/v1/namespaces/${ns}/configmaps`,
        query: { labelSelector: 'OWNER=TILLER-CHUNK' },
      })
    ).text,
  ).items
  const first = chunks[0]
  await rest.request({
    method: 'PATCH',
    path: `/api/v1/namespaces/${ns}/configmaps/${first.metadata.name}`,
    body: { data: { part: 'AAAA' + first.data.part.slice(4) } },
    contentType: 'application/merge-patch+json',
  })
  const got = await s.get('t.v1')()
  assert.is(E.isLeft(got) && got.left._tag, 'ReleaseCorrupt')
  assertRight(await s.create('ok.v1', stubRelease('ok', 1))())
  // like Helm v2's driver, a listing skips the record it cannot decode
  assert.equal(
    E.map((rs: ReadonlyArray<{ name: string }>) => rs.map((r) => r.name))(await s.list(() => true)()),
    E.right(['ok']),
  )
})
split.run()

const remembered = suite('configMapStore heads it wrote')
remembered('should update a head it wrote without reading it first', async () => {
  const ns = await env.namespace()
  let reads = 0
  const counted = {
    ...rest,
    request: (req: Parameters<typeof rest.request>[0]) => {
      if (req.method === 'GET' && req.path.endsWith('/configmaps/m.v1')) reads++
      return rest.request(req)
    },
  }
  const s = configMapStore(namespacedObjects(counted), ns)
  assertRight(await s.create('m.v1', stubRelease('m', 1, 'PENDING_INSTALL'))())
  assertRight(await s.update('m.v1', withStatus(stubRelease('m', 1), 'DEPLOYED'), 'PENDING_INSTALL')())
  assertRight(await s.update('m.v1', withStatus(stubRelease('m', 1), 'SUPERSEDED'), 'DEPLOYED')())
  assert.is(reads, 0)
  assert.equal(await s.get('m.v1')(), E.right(withStatus(stubRelease('m', 1), 'SUPERSEDED')))
})
remembered('should lose to a write made in between by another writer, never overwrite it', async () => {
  const ns = await env.namespace()
  const a = configMapStore(namespacedObjects(rest), ns)
  const b = configMapStore(namespacedObjects(rest), ns)
  assertRight(await a.create('w.v1', stubRelease('w', 1, 'DEPLOYED'))())
  assertRight(await b.update('w.v1', withStatus(stubRelease('w', 1), 'SUPERSEDED', 'by b'), 'DEPLOYED')())
  // a still remembers w.v1 DEPLOYED as it wrote it: its write is refused (409), it reads the head and loses
  const lost = await a.update('w.v1', withStatus(stubRelease('w', 1), 'FAILED', 'by a'), 'DEPLOYED')()
  assert.equal(lost, E.left(releaseConflict('w.v1', 'DEPLOYED', 'SUPERSEDED')))
  assert.equal(
    E.map((r: { info: { description: string } }) => r.info.description)(await a.get('w.v1')()),
    E.right('by b'),
  )
  // an unconditional write after someone else's goes through (on the head read afresh)
  assertRight(await b.update('w.v1', withStatus(stubRelease('w', 1), 'SUPERSEDED', 'by b again'))())
  assertRight(await a.update('w.v1', withStatus(stubRelease('w', 1), 'FAILED', 'by a at last'))())
  assert.equal(
    E.map((r: { info: { description: string } }) => r.info.description)(await b.get('w.v1')()),
    E.right('by a at last'),
  )
})
remembered.run()

const faults = suite('configMapStore faults')
faults('should leave the stored record whole when the API server answers 500 to the write', async () => {
  const ns = await env.namespace()
  const s = configMapStore(namespacedObjects(rest), ns)
  assertRight(await s.create('f.v1', stubRelease('f', 1, 'DEPLOYED'))())
  sb.inject({ kind: 'error500', method: 'PUT', path: /\/configmaps\/f\.v1$/, times: 1 })
  const r = await s.update('f.v1', withStatus(stubRelease('f', 1), 'SUPERSEDED'))()
  assert.is(E.isLeft(r) && r.left._tag, 'StoreUnavailable')
  assert.equal(await s.get('f.v1')(), E.right(stubRelease('f', 1, 'DEPLOYED')))
})
faults('should leave the record whole (old or new) when the connection closes in the middle of a write', async () => {
  const ns = await env.namespace()
  const s = configMapStore(namespacedObjects(rest), ns)
  assertRight(await s.create('g.v1', stubRelease('g', 1, 'DEPLOYED'))())
  sb.inject({ kind: 'resetAfterWrite', method: 'PUT', path: /\/configmaps\/g\.v1$/, times: 1 })
  const next = withStatus(stubRelease('g', 1), 'SUPERSEDED')
  const r = await s.update('g.v1', next)()
  assert.is(E.isLeft(r) && r.left._tag, 'StoreUnavailable')
  assert.equal(await s.get('g.v1')(), E.right(next))
  sb.inject({ kind: 'reset', method: 'PUT', path: /\/configmaps\/g\.v1$/, times: 1 })
  const r2 = await s.update('g.v1', withStatus(next, 'FAILED'))()
  assert.is(E.isLeft(r2) && r2.left._tag, 'StoreUnavailable')
  assert.equal(await s.get('g.v1')(), E.right(next))
})
faults('should give up on a write the server never answers and keep the record whole', async () => {
  const quick = await sandboxWithRest({}, { timeoutMs: 300 })
  try {
    const ns = await quick.namespace()
    const s = configMapStore(namespacedObjects(quick.rest), ns)
    assertRight(await s.create('h.v1', stubRelease('h', 1, 'DEPLOYED'))())
    quick.sb.inject({ kind: 'hang', method: 'PUT', times: 1 })
    const r = await s.update('h.v1', withStatus(stubRelease('h', 1), 'SUPERSEDED'))()
    assert.ok(
      E.isLeft(r) && r.left._tag === 'StoreUnavailable' && /Client.Timeout/.test((r.left as any).cause),
      JSON.stringify(r),
    )
    assert.equal(await s.get('h.v1')(), E.right(stubRelease('h', 1, 'DEPLOYED')))
  } finally {
    await quick.sb.stop()
  }
})
faults('should retry reads through 500s and 429s', async () => {
  const ns = await env.namespace()
  const s = configMapStore(namespacedObjects(rest), ns)
  assertRight(await s.create('r.v1', stubRelease('r', 1))())
  sb.inject({ kind: 'error500', method: 'GET', path: /\/configmaps\/r\.v1$/, times: 2 })
  sb.inject({ kind: 'throttle429', method: 'GET', path: /\/configmaps\/r\.v1$/, times: 1 })
  assert.equal(await s.get('r.v1')(), E.right(stubRelease('r', 1)))
})
faults.after(async () => {
  await sb.stop()
})
faults.run()
