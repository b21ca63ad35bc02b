import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { chartVersionsOfTags, isExactVersion, matchTag } from '../../../src/domain/oci/Tags'
import { assertLeft, assertRight } from '../../helpers'

const tags = suite('chartVersionsOfTags and matchTag')

const versions = chartVersionsOfTags([
  'latest',
  '1.1.9',
  '1.2.0',
  '1.2.10',
  '1.2.9_build.1',
  'v1.4.0',
  '1.2',
  '1.3.0-rc.1',
  '2.0.0',
])

tags('should keep strict semantic versions only, _ read as +, newest first', () => {
  assert.equal(versions, ['2.0.0', '1.3.0-rc.1', '1.2.10', '1.2.9+build.1', '1.2.0', '1.1.9'])
})

tags('should pick the newest tag in a range, an exact tag first, no prerelease unless asked', () => {
  assert.is(assertRight(matchTag(versions, '~1.2')), '1.2.10')
  assert.is(assertRight(matchTag(versions, '^1.1')), '1.2.10')
  assert.is(assertRight(matchTag(versions, '')), '2.0.0')
  assert.is(assertRight(matchTag(versions, '1.2.9+build.1')), '1.2.9+build.1')
  assert.is(assertRight(matchTag(versions, '>=1.3.0-0 <2')), '1.3.0-rc.1')
  assert.equal(assertLeft(matchTag(versions, '~3.0')), { _tag: 'NoMatchingTag', version: '~3.0' })
})

tags('should tell an exact version from a range as Masterminds does', () => {
  assert.ok(isExactVersion('1.2.3'))
  assert.ok(isExactVersion('v1.2'))
  assert.not.ok(isExactVersion('~1.2'))
  assert.not.ok(isExactVersion('>=1.0.0'))
})

tags.run()
