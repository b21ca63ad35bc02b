// wrapCustom at scale: a long text of short words wraps into one line per word (Masterminds/goutils' rule;
// its corners are judged against real Helm in corners.test.ts and strings.*.json)
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { wrapCustom } from '../../../../src/domain/template/sprig/words'

const test = suite('wrapCustom')
test('should wrap a million short words into a million lines', () => {
  const out = wrapCustom('ab '.repeat(1_000_000), 1, '', false)
  // the trailing blank is a last break point: the text ends with a line break
  assert.is(out.length, 3_000_000)
  assert.is(out.split('\n').length, 1_000_001)
  assert.is(out.slice(0, 9), 'ab\nab\nab\n')
})
test('should put the given line break between pieces and cut long words when asked', () => {
  assert.is(wrapCustom('abcdef gh', 2, '<br>', true), 'ab<br>cd<br>ef<br>gh')
  assert.is(wrapCustom('abcdef gh', 2, '<br>', false), 'abcdef<br>gh')
  assert.is(wrapCustom('  a  b ', 1, '', false), 'a\nb\n')
})
test.run()
