import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatFloat32 } from '../../../src/domain/yaml/Target'

const fmt = suite('formatFloat32')
// Expected texts are Go's strconv.FormatFloat(v, 'g', -1, 32).
const cases: Array<[number, string]> = [
  [1.1, '1.1'],
  [1.1, '1.1'],
  [1, '1'],
  [0.1, '0.1'],
  [2.0, '2'],
  [3.14159, '3.14159'],
  [1234567, '1.234567e+06'],
  [123456, '123456'],
  [0.0001, '0.0001'],
  [0.00001, '1e-05'],
  [1e21, '1e+21'],
  [-2.5, '-2.5'],
  [16777217, '1.6777216e+07'],
  [0.3, '0.3'],
]
for (const [v, want] of cases)
  fmt(`should format ${v} as ${want}`, () => {
    assert.is(formatFloat32(v), want)
  })
fmt.run()
