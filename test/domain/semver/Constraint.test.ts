import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseConstraint, satisfiesText } from '../../../src/domain/semver/Constraint'
import { assertRight } from '../../helpers'

const check = suite('Constraint.satisfies')
// [constraint, version, expected] — behaviour documented by Masterminds/semver v3
const table: ReadonlyArray<readonly [string, string, boolean]> = [
  ['1.2.3', '1.2.3', true],
  ['=1.2.3', '1.2.4', false],
  ['1.2', '1.2.9', true],
  ['1.2', '1.3.0', false],
  ['1.2.x', '1.2.0', true],
  ['*', '4.5.6', true],
  ['*', '1.0.0-beta', false],
  ['>=1.2.3', '1.2.3', true],
  ['>1.2.3', '1.2.3', false],
  ['>1.2', '1.2.5', false],
  ['>1.2', '1.3.0', true],
  ['<1.2.3', '1.2.2', true],
  ['<=2.x', '2.9.9', true],
  ['<=2.x', '3.0.0', false],
  ['!=1.2.3', '1.2.3', false],
  ['!=1.2.3', '1.2.4', true],
  ['~1.2.3', '1.2.9', true],
  ['~1.2.3', '1.3.0', false],
  ['~1', '1.9.0', true],
  ['~1', '2.0.0', false],
  ['^1.2.3', '1.9.9', true],
  ['^1.2.3', '2.0.0', false],
  ['^0.2.3', '0.2.9', true],
  ['^0.2.3', '0.3.0', false],
  ['^0.0.3', '0.0.4', false],
  ['^0', '0.9.0', true],
  ['1.2 - 1.4.5', '1.4.5', true],
  ['1.2 - 1.4.5', '1.4.6', false],
  ['>= 1.2, < 3.0.0', '2.1.0', true],
  ['>=1.2 <3', '3.0.0', false],
  ['^1.0 || ^3.0', '3.1.0', true],
  ['^1.0 || ^3.0', '2.1.0', false],
  ['>0.0.0-0', '1.0.0-rc.1', true],
  ['>=1.0.0-alpha', '1.0.0-beta', true],
  ['~1.2.3', 'v1.2.4', true],
  ['>=1.0.0-0 <2.0.0', '1.5.0-beta', true],
  ['>=1.0.0-0 <2.0.0 || >=3', '3.1.0-rc.1', false],
  ['!=1.x', '1.4.0', false],
  ['!=1.x', '2.0.0', true],
]
for (const [c, v, expected] of table)
  check(`should ${expected ? '' : 'not '}match ${v} against ${c}`, () => {
    assert.is(satisfiesText(assertRight(parseConstraint(c)), v), expected)
  })
check('should reject garbage constraints', () => {
  assert.ok(E.isLeft(parseConstraint('not a version')))
  assert.ok(E.isLeft(parseConstraint('>=1.2 junk')))
})
check.run()
