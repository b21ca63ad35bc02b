import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/Names'
import { invalidReleaseName, missingReleaseName } from '../../../src/domain/release/ReleaseError'

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
