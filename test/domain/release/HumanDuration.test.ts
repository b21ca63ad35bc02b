import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { humanDuration } from '../../../src/domain/release/HumanDuration'

const age = suite('humanDuration')
age("should round ages as kubectl's HumanDuration does", () => {
  const s = 1000
  const cases: Array<[number, string]> = [
    [-5 * s, '<invalid>'],
    [-0.5 * s, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [125 * s, '2m5s'],
    [600 * s, '10m'],
    [179 * 60 * s, '179m'],
    [3 * 3600 * s, '3h'],
    [(7 * 60 + 59) * 60 * s, '7h59m'],
    [47 * 3600 * s, '47h'],
    [(2 * 24 + 5) * 3600 * s, '2d5h'],
    [100 * 24 * 3600 * s, '100d'],
    [(3 * 365 + 4) * 24 * 3600 * s, '3y4d'],
    [9 * 365 * 24 * 3600 * s, '9y'],
  ]
  for (const [ms, want] of cases) assert.is(humanDuration(ms), want, String(ms))
})
age.run()
