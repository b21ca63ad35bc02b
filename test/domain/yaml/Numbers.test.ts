import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { resolveYamlV2Number } from '../../../src/domain/yaml/Numbers'

const n = suite('resolveYamlV2Number')
const cases: Array<[string, bigint | number | string]> = [
  ['0755', 0o755n],
  ['0x1F', 31n],
  ['-0x1F', -31n],
  ['0o17', 15n],
  ['0b101', 5n],
  ['1_000', 1000n],
  ['08', 8],
  ['1.5', 1.5],
  ['.5', 0.5],
  ['1e3', 1000],
  ['18446744073709551615', 18446744073709551615n],
  ['.', '.'],
  ['1:20', '1:20'],
  ['1.2.3', '1.2.3'],
  ['-', '-'],
]
for (const [text, want] of cases)
  n(`should read ${text} as yaml.v2 does`, () => {
    assert.is(resolveYamlV2Number(text), want)
  })
n.run()
