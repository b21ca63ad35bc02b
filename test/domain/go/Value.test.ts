import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { compareBytes, sortedKeys, utf8Length } from '../../../src/domain/go/Value'

const order = suite('value: Go string order')
order('should order strings by UTF-8 bytes, not UTF-16 units', () => {
  // U+FFFF sorts after U+1F600 in UTF-16 but before it in UTF-8
  const keys = ['a😀', 'a\uffff', 'a\ue000', 'aé', 'ab', 'a', 'B', '_u', '1x', 'a10', 'a2']
  assert.equal(sortedKeys(Object.fromEntries(keys.map((k) => [k, null]))), [
    '1x',
    'B',
    '_u',
    'a',
    'a10',
    'a2',
    'ab',
    'aé',
    'a\ue000',
    'a\uffff',
    'a😀',
  ])
  const pool = ['', 'a', 'ab', 'a\uffff', 'a😀', 'é', '\ud7ff', 'ab\u0000']
  for (const x of pool)
    for (const y of pool)
      assert.is(Math.sign(compareBytes(x, y)), Math.sign(Buffer.compare(Buffer.from(x), Buffer.from(y))), `${x} ${y}`)
})
order('should count string length in bytes', () => {
  assert.is(utf8Length('héllo😀'), 10)
})
order.run()
