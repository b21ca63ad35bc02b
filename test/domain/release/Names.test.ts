import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/Names'
import { message } from '../../../src/domain/errors'
import { invalidReleaseName, missingReleaseName, objectNamePattern } from '../../../src/domain/release/ReleaseError'

const names = suite('Names')
const cases: ReadonlyArray<readonly [string, boolean]> = [
  ['demo', true],
  ['My.Release_1', true],
  ['a', true],
  ['x'.repeat(53), true],
  ['x'.repeat(54), false],
  ['-demo', false],
  ['demo-', false],
  ['de mo', false],
  ['démo', false],
]
for (const [name, ok] of cases)
  names(
    `should ${ok ? 'accept' : 'refuse'} ${JSON.stringify(name.length > 20 ? `${name.length} chars` : name)}`,
    () => {
      assert.equal(_.validateReleaseName(name), ok ? E.right(name) : E.left(invalidReleaseName(name)))
    },
  )
names("should refuse, for a storage of Kubernetes objects, names Helm v2's rule accepts, in Helm's words", () => {
  for (const name of ['Foo', 'My.Release_1', 'web_1', 'a..b', 'UPPER']) {
    assert.equal(_.validateReleaseName(name), E.right(name), name)
    assert.equal(_.validateReleaseName(name, objectNamePattern), E.left(invalidReleaseName(name, objectNamePattern)))
  }
  for (const name of ['web', 'my.release-1', 'x'.repeat(53)])
    assert.equal(_.validateReleaseName(name, objectNamePattern), E.right(name))
  assert.equal(_.validateReleaseName('x'.repeat(54), objectNamePattern), E.left(invalidReleaseName('x'.repeat(54))))
  assert.is(
    message(invalidReleaseName('Foo', objectNamePattern)),
    'invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53',
  )
})
names('should ask for a name when it is empty', () => {
  assert.equal(_.validateReleaseName(''), E.left(missingReleaseName))
})
names('should generate valid adjective-animal names from the given picks', () => {
  assert.is(
    _.generateName(() => 0),
    'affable-albatross',
  )
  let i = 0
  for (let k = 0; k < 50; k++) assert.ok(E.isRight(_.validateReleaseName(_.generateName((n) => (i++ * 7) % n))))
})
names.run()
