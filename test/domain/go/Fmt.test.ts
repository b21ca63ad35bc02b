import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { sprintf, sprint, sprintln, formatValue, formatFloat, quote, typeName } from '../../../src/domain/go/Fmt'
import { int, int64, GoInt } from '../../../src/domain/go/Value'

// Expected texts below were printed by the real Helm 4.1.4 (`printf` in a chart) or are stated in templates.md.
const m = { b: ['x', true], a: 1, c: null }
const l = [1, 'a', null, 2.5]

const floats = suite('fmt: float64 printing')
floats('should print float64 with Go shortest %v (exponent iff x < -4 or x >= 6)', () => {
  const cases: Array<[number, string]> = [
    [100000, '100000'],
    [999999, '999999'],
    [1000000, '1e+06'],
    [1234567.5, '1.2345675e+06'],
    [123456789, '1.23456789e+08'],
    [123456.7, '123456.7'],
    [0.0001, '0.0001'],
    [0.000123, '0.000123'],
    [0.00001, '1e-05'],
    [-1e-7, '-1e-07'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [3.0, '3'],
    [-0, '-0'],
  ]
  for (const [f, s] of cases) assert.is(formatValue(f), s, String(f))
})
floats('should format explicit precisions exactly with round-half-even', () => {
  assert.is(sprintf('%e|%6.1g', 5e-324, 999999), '4.940656e-324| 1e+06')
  assert.is(
    sprintf('%f', 1e100),
    '10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000000',
  )
  assert.is(sprintf('%.1f|%.2f|%.0f', 0.25, 0.125, 2.5), '0.2|0.12|2')
  assert.is(formatFloat(1.5, 'f', 3), '1.500')
  assert.is(formatFloat(Infinity, 'g', -1), '+Inf')
})
floats('should print hex floats, %#g and exponents like Go', () => {
  assert.is(sprintf('%x|%X|%e|%g|%#g', 3.5, -1.0, 0.0, 1e21, 1.0), '0x1.cp+01|-0X1P+00|0.000000e+00|1e+21|1.00000')
  assert.is(sprintf('%x', 1.5), '0x1.8p+00')
  assert.is(sprintf('%6.2v|%10.4e|%08.3f', 3.14159, 123456.789, -3.14159), '   3.1|1.2346e+05|-003.142')
})
floats.run()

const verbs = suite('fmt: verbs and flags')
verbs('should match the verified printf line of templates.md', () => {
  assert.is(
    sprintf(
      '%5s|%-5s|%05.1f|%x|%X|%o|%e|%g|%8.3f',
      'ab',
      'cd',
      3.14159,
      'hi',
      int(255),
      int(8),
      1234.5678,
      0.000001234,
      2.0,
    ),
    '   ab|cd   |003.1|6869|FF|10|1.234568e+03|1.234e-06|   2.000',
  )
})
verbs('should pad strings with zeros and honour - over 0', () => {
  assert.is(sprintf('%05s|%-05d|%05q|%#.3x', 'ab', int(3), 'x', int(255)), '000ab|3    |00"x"|0x0ff')
})
verbs('should apply signs, spaces and hex forms', () => {
  assert.is(
    sprintf('%+d|% d|%x|%X|% x|%#x', int(5), int(5), 'hello', int(-255), 'abc', 'abc'),
    '+5| 5|68656c6c6f|-FF|61 62 63|0x616263',
  )
})
verbs('should count width in runes', () => {
  assert.is(sprintf('%-8s|%8s|', 'ab', 'héllo'), 'ab      |   héllo|')
})
verbs('should print runes, code points and quoted runes', () => {
  assert.is(sprintf('%c %U %#U %q', int(65), int(0x1f600), int(0x1f600), int(97)), "A U+1F600 U+1F600 '😀' 'a'")
  assert.is(sprintf('%U|%+0U', int(-7), int(-7)), 'U+FFFFFFFFFFFFFFF9|U+FFFFFFFFFFFFFFF9')
  assert.is(sprintf('%+*.3T|%#0.0v|%#.2v', int(0), 123456.7, 'héllo', 'héllo'), 'flo|""|"hé"')
})
verbs('should print booleans with %t and widths', () => {
  assert.is(sprintf('%5t|%-6t|%v', true, false, [1]), ' true|false |[1]')
})
verbs('should quote strings like strconv.Quote', () => {
  assert.is(sprintf('%q', 'tab\there\x01 é \u00a0 😀'), '"tab\\there\\x01 é \\u00a0 😀"')
  assert.is(sprintf('%+q %#q %#q', 'é', 'abc', 'a`b'), '"\\u00e9" `abc` "a`b"')
  assert.is(quote('a"b\\c\n'), '"a\\"b\\\\c\\n"')
})
verbs.run()

const containers = suite('fmt: maps, slices and nil')
containers('should print maps with sorted keys and nil as <nil>', () => {
  assert.is(sprintf('%v %v', m, l), 'map[a:1 b:[x true] c:<nil>] [1 a <nil> 2.5]')
  assert.is(sprintf('%+v', m), 'map[a:1 b:[x true] c:<nil>]')
})
containers('should apply a verb to every element and key', () => {
  assert.is(
    sprintf('%d %s', m, l),
    'map[%!d(string=a):%!d(float64=1) %!d(string=b):[%!d(string=x) %!d(bool=true)] %!d(string=c):<nil>] [%!s(float64=1) a <nil> %!s(float64=2.5)]',
  )
  const nested = { k: { z: 1000000, true: 123456.7 } }
  assert.is(
    sprintf('%s %v', nested, nested),
    'map[k:map[true:%!s(float64=123456.7) z:%!s(float64=1e+06)]] map[k:map[true:123456.7 z:1e+06]]',
  )
})
containers('should print Go syntax with %#v', () => {
  assert.is(sprintf('%#v', m), 'map[string]interface {}{"a":1, "b":[]interface {}{"x", true}, "c":interface {}(nil)}')
  assert.is(sprintf('%#v %#v', l, 'a'), '[]interface {}{1, "a", interface {}(nil), 2.5} "a"')
})
containers('should print bytes as numbers with %v and text with %s', () => {
  const b = new Uint8Array([104, 105])
  assert.is(sprintf('%v %s %x', b, b, b), '[104 105] hi 6869')
})
containers.run()

const errors = suite('fmt: error forms')
errors('should report missing, extra, bad index and bad verbs as Go does', () => {
  assert.is(sprintf('%d'), '%!d(MISSING)')
  assert.is(sprintf('%[2]d %[1]d', int(1), int(2)), '2 1')
  assert.is(sprintf('%[3]d', int(1)), '%!d(BADINDEX)')
  assert.is(sprintf('%*d|%-*d', int(5), int(1), int(4), int(2)), '    1|2   ')
  assert.is(sprintf('%.*f', int(2), 3.14159), '3.14')
  assert.is(sprintf('%!'), '%!!(MISSING)')
  assert.is(sprintf('%'), '%!(NOVERB)')
  assert.is(sprintf('%z', int(1)), '%!z(int=1)')
  assert.is(sprintf('%s', null), '%!s(<nil>)')
  assert.is(sprintf('%d %s', int(1)), '1 %!s(MISSING)')
  assert.is(sprintf('x', int(1), 'a', null), 'x%!(EXTRA int=1, string=a, <nil>)')
  assert.is(sprintf('%d', 8080), '%!d(float64=8080)')
  assert.is(sprintf('%*d', 'x', int(1)), '%!(BADWIDTH)1')
})
errors.run()

const print = suite('fmt: Sprint and Sprintln')
print('should space operands only when neither is a string', () => {
  assert.is(sprint(int(1), int(2), 'a', int(3), null, int(4)), '1 2a3 <nil> 4')
  assert.is(sprint('a', int(1), 'b'), 'a1b')
})
print('should always space Sprintln operands and end with a newline', () => {
  assert.is(sprintln(int(1), 'a', int(2)), '1 a 2\n')
})
print.run()

const types = suite('fmt: %T type names')
types('should name Go types', () => {
  assert.equal(
    [1.5, int(1), int64(1), 'x', true, {}, [], new Uint8Array(), null, new GoInt(1n, 'uint8')].map(typeName),
    [
      'float64',
      'int',
      'int64',
      'string',
      'bool',
      'map[string]interface {}',
      '[]interface {}',
      '[]uint8',
      '<nil>',
      'uint8',
    ],
  )
  assert.is(sprintf('%T %T', m, l), 'map[string]interface {} []interface {}')
})
types.run()
