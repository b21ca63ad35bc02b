// The one NamespacedObjects contract every adapter runs: `namespacedObjectsContract('<adapter>', make)` where
// `make()` gives the port and a factory of empty namespaces. What the release stores rely on: objects as stored
// (name, namespace, labels, data, type, resourceVersion, creation time), the API server's optimistic concurrency,
// its error kinds, and label listings of one namespace or of all.
import { Buffer } from 'node:buffer'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ApiObject, NamespacedObjects } from '../../src/ports/NamespacedObjects'
import { assertLeft, assertRight } from '../helpers'

export interface NamespacedObjectsFixture {
  readonly objects: NamespacedObjects
  /** A namespace no test has used yet. */
  readonly namespace: () => Promise<string>
}

const b64 = (s: string): string => Buffer.from(s).toString('base64')
const secret = (name: string, labels: Record<string, string> = {}): ApiObject => ({
  name,
  labels: { owner: 'contract', ...labels },
  data: { release: b64(`record of ${name}`) },
  type: 'helm.sh/release.v1',
})

export const namespacedObjectsContract = (name: string, make: () => Promise<NamespacedObjectsFixture>): void => {
  const s = suite(`NamespacedObjects contract: ${name}`)

  s('should return an object as stored, with its namespace, resourceVersion and creation time', async () => {
    const { objects, namespace } = await make()
    const ns = await namespace()
    const made = assertRight(await objects.create('Secret', ns, secret('a', { name: 'a' }))())
    const got = assertRight(await objects.get('Secret', ns, 'a')())
    for (const o of [made, got]) {
      assert.is(o.name, 'a')
      assert.is(o.namespace, ns)
      assert.equal(o.labels, { owner: 'contract', name: 'a' })
      assert.equal(o.data, { release: b64('record of a') })
      assert.is(o.type, 'helm.sh/release.v1')
      assert.ok(o.resourceVersion !== undefined && o.resourceVersion !== '')
      assert.ok(o.createdAt !== undefined && !Number.isNaN(Date.parse(o.createdAt)), o.createdAt)
    }
    assert.is(got.resourceVersion, made.resourceVersion)
    const cm = assertRight(await objects.create('ConfigMap', ns, { name: 'a', labels: { k: 'v' }, data: { x: 'y' } })())
    assert.equal(cm.data, { x: 'y' })
    assert.equal(assertRight(await objects.get('ConfigMap', ns, 'a')()).labels, { k: 'v' })
  })

  s('should refuse a taken name (KubeAlreadyExists) and name a missing object (KubeNotFound)', async () => {
    const { objects, namespace } = await make()
    const ns = await namespace()
    assertRight(await objects.create('Secret', ns, secret('taken'))())
    assert.is(assertLeft(await objects.create('Secret', ns, secret('taken'))())._tag, 'KubeAlreadyExists')
    assert.is(assertLeft(await objects.get('Secret', ns, 'gone')())._tag, 'KubeNotFound')
    assert.is(assertLeft(await objects.update('Secret', ns, secret('gone'))())._tag, 'KubeNotFound')
    assert.is(assertLeft(await objects.delete('Secret', ns, 'gone')())._tag, 'KubeNotFound')
    // a ConfigMap and a Secret of one name are different objects
    assert.is(assertLeft(await objects.get('ConfigMap', ns, 'taken')())._tag, 'KubeNotFound')
  })

  s('should update only the version named (KubeConflict otherwise), and unconditionally without one', async () => {
    const { objects, namespace } = await make()
    const ns = await namespace()
    const v1 = assertRight(await objects.create('Secret', ns, secret('u'))())
    const v2 = assertRight(await objects.update('Secret', ns, { ...v1, labels: { ...v1.labels, status: 'two' } })())
    assert.is.not(v2.resourceVersion, v1.resourceVersion)
    assert.is(v2.labels.status, 'two')
    const stale = assertLeft(await objects.update('Secret', ns, { ...v1, labels: { status: 'lost' } })())
    assert.is(stale._tag, 'KubeConflict')
    assert.is(assertRight(await objects.get('Secret', ns, 'u')()).labels.status, 'two')
    const { resourceVersion: _, ...blind } = v2
    const v3 = assertRight(await objects.update('Secret', ns, { ...blind, data: { release: b64('three') } })())
    assert.equal(assertRight(await objects.get('Secret', ns, 'u')()).data, { release: b64('three') })
    assert.is(v3.createdAt, v1.createdAt)
  })

  s('should delete only the version named (KubeConflict otherwise, the object kept)', async () => {
    const { objects, namespace } = await make()
    const ns = await namespace()
    const v1 = assertRight(await objects.create('Secret', ns, secret('d'))())
    const v2 = assertRight(await objects.update('Secret', ns, { ...v1, labels: { owner: 'contract', n: '2' } })())
    assert.is(assertLeft(await objects.delete('Secret', ns, 'd', v1.resourceVersion)())._tag, 'KubeConflict')
    assertRight(await objects.get('Secret', ns, 'd')())
    assertRight(await objects.delete('Secret', ns, 'd', v2.resourceVersion)())
    assert.is(assertLeft(await objects.get('Secret', ns, 'd')())._tag, 'KubeNotFound')
    assertRight(await objects.create('Secret', ns, secret('d'))())
    assertRight(await objects.delete('Secret', ns, 'd')())
  })

  s('should list by labels in one namespace, or in every namespace with ""', async () => {
    const { objects, namespace } = await make()
    const [ns1, ns2] = [await namespace(), await namespace()]
    const tag = `t${ns1.replace(/[^a-z0-9]/g, '')}`
    assertRight(await objects.create('Secret', ns1, secret('x1', { run: tag, name: 'x' }))())
    assertRight(await objects.create('Secret', ns1, secret('y1', { run: tag, name: 'y' }))())
    assertRight(await objects.create('Secret', ns2, secret('x2', { run: tag, name: 'x' }))())
    assertRight(await objects.create('ConfigMap', ns1, { name: 'x3', labels: { run: tag, name: 'x' }, data: {} })())
    const names = (os: ReadonlyArray<ApiObject>) => os.map((o) => `${o.namespace}/${o.name}`).sort()
    assert.equal(names(assertRight(await objects.list('Secret', ns1, `run=${tag},name=x`)())), [`${ns1}/x1`])
    assert.equal(names(assertRight(await objects.list('Secret', ns1, `run=${tag}`)())), [`${ns1}/x1`, `${ns1}/y1`])
    assert.equal(
      names(assertRight(await objects.list('Secret', '', `run=${tag},name=x`)())),
      [`${ns1}/x1`, `${ns2}/x2`].sort(),
    )
    assert.equal(names(assertRight(await objects.list('Secret', ns2, `run=${tag},name=y`)())), [])
  })

  s.run()
}
