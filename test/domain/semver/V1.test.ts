// Masterminds/semver v1.5.0, Helm v2's semver: the cases of its own constraints_test.go (TestConstraintsCheck,
// TestConstraintCheck, TestNewConstraint) as facts, and where v1 and Helm 4's v3 part.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isCompatibleRange, parseV1Version } from '../../../src/domain/semver/V1'
import { parseConstraint, satisfiesText } from '../../../src/domain/semver/Constraint'
import { assertRight } from '../../helpers'

const check = suite('semver v1 isCompatibleRange (Masterminds v1.5.0, Helm v2)')
const cases: ReadonlyArray<readonly [string, string, boolean]> = [
  ['*', '1.2.3', true],
  ['~0.0.0', '1.2.3', true],
  ['0.x.x', '1.2.3', false],
  ['0.0.x', '1.2.3', false],
  ['0.0.0', '1.2.3', false],
  ['^0.0.0', '1.2.3', false],
  ['= 2.0', '1.2.3', false],
  ['= 2.0', '2.0.0', true],
  ['4.1', '4.1.0', true],
  ['4.1.x', '4.1.3', true],
  ['1.x', '1.4', true],
  ['!=4.1', '4.1.0', false],
  ['!=4.1-alpha', '4.1.0-alpha', false],
  ['!=4.1-alpha', '4.1.0', true],
  ['!=4.1', '5.1.0', true],
  ['!=4.x', '5.1.0', true],
  ['!=4.x', '4.1.0', false],
  ['!=4.1.x', '4.2.0', true],
  ['!=4.2.x', '4.2.3', false],
  ['>1.1', '4.1.0', true],
  ['>1.1', '1.1.0', false],
  ['<1.1', '0.1.0', true],
  ['<1.1', '1.1.0', false],
  ['<1.1', '1.1.1', false],
  ['<1.x', '1.1.1', true],
  ['<1.x', '2.0.0', false],
  ['<1.1.x', '1.2.1', false],
  ['<1.1.x', '1.1.500', true],
  ['<1.2.x', '1.1.1', true],
  ['>=1.1', '4.1.0', true],
  ['>=1.1', '4.1.0-beta', false],
  ['>=1.1', '1.1.0', true],
  ['>=1.1', '0.0.9', false],
  ['<=1.1', '0.1.0', true],
  ['<=1.1', '0.1.0-alpha', false],
  ['<=1.1-a', '0.1.0-alpha', true],
  ['<=1.1', '1.1.0', true],
  ['<=1.x', '1.1.0', true],
  ['<=2.x', '3.0.0', false],
  ['<=1.1', '1.1.1', false],
  ['<=1.1.x', '1.2.500', false],
  ['>1.1, <2', '1.1.1', true],
  ['>1.1, <3', '4.3.2', false],
  ['>=1.1, <2, !=1.2.3', '1.2.3', false],
  ['>=1.1, <2, !=1.2.3 || > 3', '3.1.2', true],
  ['>=1.1, <2, !=1.2.3 || >= 3', '3.0.0', true],
  ['>=1.1, <2, !=1.2.3 || > 3', '3.0.0', false],
  ['>=1.1, <2, !=1.2.3 || > 3', '1.2.3', false],
  ['1.1 - 2', '1.1.1', true],
  ['1.1-3', '4.3.2', false],
  ['^1.1', '1.1.1', true],
  ['^1.1', '4.3.2', false],
  ['^1.x', '1.1.1', true],
  ['^2.x', '1.1.1', false],
  ['^1.x', '2.1.1', false],
  ['^1.x', '1.1.1-beta1', false],
  ['^1.1.2-alpha', '1.2.1-beta1', true],
  ['^1.2.x-alpha', '1.1.1-beta1', false],
  ['~*', '2.1.1', true],
  ['~1', '2.1.1', false],
  ['~1', '1.3.5', true],
  ['~1', '1.4', true],
  ['~1.x', '2.1.1', false],
  ['~1.x', '1.3.5', true],
  ['~1.x', '1.4', true],
  ['~1.1', '1.1.1', true],
  ['~1.1', '1.1.1-alpha', false],
  ['~1.1-alpha', '1.1.1-beta', true],
  ['~1.1.1-beta', '1.1.1-alpha', false],
  ['~1.1.1-beta', '1.1.1', true],
  ['~1.2.3', '1.2.5', true],
  ['~1.2.3', '1.2.2', false],
  ['~1.2.3', '1.3.2', false],
  ['~1.1', '1.2.3', false],
  ['~1.3', '2.4.5', false],
  // TestConstraintCheck's prerelease and zero cases
  ['>0', '0', false],
  ['>0', '0.0.1-alpha', false],
  ['>0-0', '0.0.1-alpha', true],
  ['>0.0-0', '0.0.1-alpha', true],
  ['>=0-0', '0.0.0-alpha', true],
  ['<0', '0.0.0-alpha', false],
  ['<0-z', '0.0.0-alpha', true],
  ['>=0', '0', true],
  ['=0', '1', false],
]
check('should answer every case of Masterminds v1.5.0 as it does', () => {
  const wrong = cases.filter(([c, v, want]) => isCompatibleRange(c, v) !== want).map(([c, v, w]) => `${c} ${v} ${w}`)
  assert.equal(wrong, [])
})
check("should read Helm v2's Tiller version and constraints written as charts write them", () => {
  for (const c of ['>=2.10.0, <3.0.0', '=>2.0.0', '>= 2.10', '~2.17', '^2.x', '2.17.x', 'v2.17.0', '>2.0.0-0'])
    assert.ok(isCompatibleRange(c, 'v2.17.0'), c)
  for (const c of ['<2.0.0', '>=2.18', '~2.16', '^3']) assert.not.ok(isCompatibleRange(c, 'v2.17.0'), c)
})
check('should be false where v1 cannot read the constraint or the version', () => {
  // a space alone does not join comparators in v1 (v3 reads it as AND); an empty comparator is an error too
  for (const c of ['>=2.10.0 <3.0.0', '>= bar', '', '>=2.0,', '2.0 ||'])
    assert.not.ok(isCompatibleRange(c, '2.17.0'), JSON.stringify(c))
  assert.ok(satisfiesText(assertRight(parseConstraint('>=2.10.0 <3.0.0')), '2.17.0'), 'Helm 4 reads it')
  assert.not.ok(isCompatibleRange('*', '2.17'.padEnd(30, '0')))
  assert.is(parseV1Version('9223372036854775808.0.0'), undefined)
  assert.equal(parseV1Version('v1.2'), { major: 1n, minor: 2n, patch: 0n, pre: '' })
})
check('should part from Helm 4 (v3) where v1 does', () => {
  // v1's caret has no zero-major rule; v3's ^0.2 stops before 0.3
  assert.ok(isCompatibleRange('^0.2', '0.3.0'))
  assert.not.ok(satisfiesText(assertRight(parseConstraint('^0.2')), '0.3.0'))
  // v1 refuses a prerelease per comparator, v3 per group
  assert.not.ok(isCompatibleRange('>=1.0.0-0, <2', '1.5.0-beta'))
  assert.ok(satisfiesText(assertRight(parseConstraint('>=1.0.0-0, <2')), '1.5.0-beta'))
})
check.run()
