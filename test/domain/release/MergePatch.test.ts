import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/MergePatch'

const apply = suite('MergePatch.applyMergePatch')
apply('should follow RFC 7386: null deletes, objects merge, lists and scalars replace', () => {
  assert.equal(_.applyMergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { a: null, b: { c: 9 }, l: [3], n: 'x' }), {
    b: { c: 9, d: 3 },
    l: [3],
    n: 'x',
  })
  assert.equal(_.applyMergePatch({ a: 1 }, 'scalar'), 'scalar')
})
apply.run()

const two = suite('MergePatch.createMergePatch')
two('should produce the patch that turns one object into the other', () => {
  const from = { a: 1, b: { c: 2, d: 3 }, l: [1], gone: true }
  const to = { a: 1, b: { c: 5, d: 3 }, l: [1, 2], added: 'x' }
  const p = _.createMergePatch(from, to)
  assert.equal(p, { gone: null, b: { c: 5 }, l: [1, 2], added: 'x' })
  assert.equal(_.applyMergePatch(from, p), to)
  assert.equal(_.createMergePatch(to, to), {})
})
two.run()

const three = suite('MergePatch.createThreeWayMergePatch')
three('should delete only what the chart removed and keep what others added', () => {
  const original = { data: { a: '1', b: '2' } }
  const modified = { data: { a: '1', c: '3' } }
  const current = { data: { a: 'live-edit', b: '2', x: 'other-tool' }, status: { ok: true } }
  const p = _.createThreeWayMergePatch(original, modified, current)
  assert.equal(p, { data: { b: null, a: '1', c: '3' } })
  assert.equal(_.applyMergePatch(current, p), { data: { a: '1', x: 'other-tool', c: '3' }, status: { ok: true } })
})
three('should be empty when live already matches the chart', () => {
  const o = { data: { a: '1' } }
  assert.equal(_.createThreeWayMergePatch(o, o, { ...o, metadata: { uid: 'u' } }), {})
})
three.run()

const lists = suite('MergePatch keyed lists')
lists('should keep a container another tool injected and patch the chart one', () => {
  const original = { spec: { containers: [{ name: 'web', image: 'nginx:1' }] } }
  const modified = { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } }
  const current = {
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1', terminationMessagePath: '/dev/termination-log' },
        { name: 'istio-proxy', image: 'proxy' },
      ],
    },
  }
  const p = _.createThreeWayMergePatch(original, modified, current)
  assert.equal(_.applyMergePatch(current, p), {
    spec: {
      containers: [
        { name: 'web', image: 'nginx:2', terminationMessagePath: '/dev/termination-log' },
        { name: 'istio-proxy', image: 'proxy' },
      ],
    },
  })
})
lists('should drop entries the chart removed, merge env by name and ports by containerPort', () => {
  const original = {
    env: [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ],
    ports: [{ containerPort: 80, name: 'http' }],
  }
  const modified = { env: [{ name: 'A', value: '9' }], ports: [{ containerPort: 80, name: 'web' }] }
  const current = {
    env: [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
      { name: 'INJECTED', value: 'x' },
    ],
    ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
  }
  assert.equal(_.threeWayMerge(original, modified, current), {
    env: [
      { name: 'A', value: '9' },
      { name: 'INJECTED', value: 'x' },
    ],
    ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }],
  })
})
lists('should replace lists without a merge key', () => {
  assert.equal(_.threeWayMerge({ args: ['a'] }, { args: ['b'] }, { args: ['a', 'c'] }), { args: ['b'] })
  assert.equal(_.createThreeWayMergePatch({ args: ['a'] }, { args: ['a'] }, { args: ['a'] }), {})
})
lists.run()
