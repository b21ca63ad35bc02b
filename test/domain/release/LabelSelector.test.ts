import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseLabelSelector } from '../../../src/domain/release/LabelSelector'
import { assertRight } from '../../helpers'

const sel = suite('LabelSelector')
const labels = { app: 'web', tier: 'front' }
const cases: ReadonlyArray<readonly [string, boolean]> = [
  ['', true],
  ['app=web', true],
  ['app==web', true],
  ['app!=web', false],
  ['app=web,tier=back', false],
  ['tier', true],
  ['!tier', false],
  ['!missing', true],
  ['app in (api, web)', true],
  ['app notin (api,web)', false],
  ['tier in (back),app=web', false],
  ['app in(web)', true],
  ['app notin(web)', false],
  ['constructor', false],
  ['!toString', true],
  ['constructor in (x)', false],
  ['hasOwnProperty notin (x)', true],
]
for (const [s, expected] of cases)
  sel(`should ${expected ? 'match' : 'not match'} ${JSON.stringify(s)}`, () =>
    assert.is(assertRight(parseLabelSelector(s))(labels), expected),
  )
sel('should refuse a term it cannot parse', () => assert.ok(E.isLeft(parseLabelSelector('a=b=c'))))
sel.run()
