import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { jsonPatch, PatchError, strategicMergePatch } from '../../../src/sandbox/engine/Patch'

const json = suite('jsonPatch')
json('should apply add, replace, remove, move, copy and test in order', () => {
  const out = jsonPatch({ a: [1, 2], b: { c: 1 } }, [
    { op: 'add', path: '/a/-', value: 3 },
    { op: 'replace', path: '/b/c', value: 2 },
    { op: 'copy', from: '/b', path: '/d' },
    { op: 'move', from: '/a/0', path: '/e' },
    { op: 'remove', path: '/b' },
    { op: 'test', path: '/d/c', value: 2 },
  ])
  assert.equal(out, { a: [2, 3], d: { c: 2 }, e: 1 })
})
json('should refuse a failing test and a missing path', () => {
  assert.throws(
    () => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]),
    (e: unknown) => e instanceof PatchError,
  )
  assert.throws(
    () => jsonPatch({ a: 1 }, [{ op: 'remove', path: '/x/y' }]),
    (e: unknown) => e instanceof PatchError,
  )
})
json.run()

const smp = suite('strategicMergePatch')
const pod = {
  spec: {
    containers: [
      {
        name: 'a',
        image: 'a:1',
        env: [
          { name: 'X', value: '1' },
          { name: 'Y', value: '2' },
        ],
        ports: [{ containerPort: 80 }],
      },
      { name: 'b', image: 'b:1' },
    ],
  },
}
smp('should merge containers and env by name instead of replacing the list', () => {
  const out = strategicMergePatch(pod, {
    spec: { containers: [{ name: 'a', image: 'a:2', env: [{ name: 'Y', value: '3' }] }] },
  }) as typeof pod
  assert.equal(
    out.spec.containers.map((c) => c.image),
    ['a:2', 'b:1'],
  )
  assert.equal(out.spec.containers[0]!.env, [
    { name: 'X', value: '1' },
    { name: 'Y', value: '3' },
  ])
})
smp('should delete a keyed element with $patch: delete and order by $setElementOrder', () => {
  const out = strategicMergePatch(pod, {
    spec: {
      containers: [
        { name: 'a', $patch: 'delete' },
        { name: 'c', image: 'c:1' },
      ],
    },
  }) as typeof pod
  assert.equal(
    out.spec.containers.map((c) => c.name),
    ['b', 'c'],
  )
  const ordered = strategicMergePatch(pod, {
    spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] },
  }) as typeof pod
  assert.equal(
    ordered.spec.containers.map((c) => c.name),
    ['b', 'a'],
  )
})
smp('should replace a list marked $patch: replace and drop primitives listed in $deleteFromPrimitiveList', () => {
  const out = strategicMergePatch(pod, {
    spec: { containers: [{ $patch: 'replace' }, { name: 'z', image: 'z' }] },
  }) as typeof pod
  assert.equal(out.spec.containers, [{ name: 'z', image: 'z' }])
  const fin = strategicMergePatch(
    { metadata: { finalizers: ['a', 'b'] } },
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
  )
  assert.equal(fin, { metadata: { finalizers: ['b'] } })
})
smp.run()
