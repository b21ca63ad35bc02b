import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { resolveScalar, resolvesNonFinite, resolvesToString, type Scalar } from '../../../src/domain/yaml/Resolve'

const n = suite('resolveScalar')
const int = (value: bigint, unsigned = false): Scalar => ({ kind: 'int', value, unsigned })
const float = (value: number): Scalar => ({ kind: 'float', value })
const str = (value: string): Scalar => ({ kind: 'str', value })
// yaml.v2's resolve(): `_` dropped, ParseInt base 0 (0x, 0o, 0b, leading-0 octal), ParseUint, its float regexp
const cases: Array<[string, Scalar]> = [
  ['0755', int(0o755n)],
  ['0x1F', int(31n)],
  ['-0x1F', int(-31n)],
  ['0o17', int(15n)],
  ['0b101', int(5n)],
  ['1_000', int(1000n)],
  ['08', float(8)],
  ['1.5', float(1.5)],
  ['.5', float(0.5)],
  ['1e3', float(1000)],
  ['1e400', str('1e400')],
  ['18446744073709551615', int(18446744073709551615n, true)],
  ['.', str('.')],
  ['1:20', str('1:20')],
  ['1.2.3', str('1.2.3')],
  ['-', str('-')],
  ['yes', { kind: 'bool', value: true }],
  ['Off', { kind: 'bool', value: false }],
  ['~', { kind: 'null' }],
  ['2001-12-14', { kind: 'str', value: '2001-12-14', timestamp: true }],
]
for (const [text, want] of cases)
  n(`should read ${text} as yaml.v2 does`, () => {
    assert.equal(resolveScalar(text, '', true), want)
  })
n('should keep quoted scalars strings and check explicit tags', () => {
  assert.equal(resolveScalar('1', '', false), str('1'))
  assert.equal(resolveScalar('1', 'tag:yaml.org,2002:float', true), float(1))
  assert.throws(() => resolveScalar('x', 'tag:yaml.org,2002:int', true), /cannot decode !!str `x` as a !!int/)
  assert.equal(resolveScalar('x', '!foo', true), str('x'))
})
n('should read names of Object.prototype members as text', () => {
  for (const w of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])
    assert.equal(resolveScalar(w, '', true), str(w))
})
n('should tell which plain scalars are NaN or ±Inf', () => {
  for (const w of ['.nan', '.NaN', '.inf', '+.Inf', '-.INF']) assert.ok(resolvesNonFinite(w), w)
  for (const w of ['nan', 'inf', '1e400', '.5', 'constructor', '', '-']) assert.not.ok(resolvesNonFinite(w), w)
})
n('should tell which plain scalars resolve to strings, as resolveScalar does', () => {
  const words = [
    'a',
    'name',
    'y',
    'Yes',
    'off',
    'null',
    '~',
    '',
    '<<',
    '.nan',
    '.5',
    '.x',
    '+1',
    '-',
    '-a',
    '0',
    '07',
    '08',
  ]
  const more = [
    '0x1f',
    '1_000',
    '1e3',
    '1e400',
    '2001-01-01',
    '2001-13-01',
    '1.2.3',
    '+.inf',
    'constructor',
    '__proto__',
  ]
  for (const w of [...words, ...more, '9223372036854775808', '18446744073709551616', '0b2', '0o8', '-0', 'é'])
    assert.is(resolvesToString(w), resolveScalar(w, '', true).kind === 'str', JSON.stringify(w))
})
n.run()
