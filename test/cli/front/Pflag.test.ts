import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { Flag, declarations, type FlagSpec } from '../../../src/cli/front/Flag'
import { FlagSet, goParseInt, goParseUint } from '../../../src/cli/front/Pflag'

// a flag set like `helm list`'s plus a few types: what pflag v1.0.5 does with each command line
const specs = (): FlagSpec[] =>
  declarations({
    short: Flag.bool('-q,--short', 'quiet'),
    all: Flag.bool('-a,--all', 'all'),
    save: Flag.bool('--save', 'save', { default: true }),
    max: Flag.int('-m,--max', 256, 'max'),
    revision: Flag.int32('--revision', 0, 'revision'),
    colWidth: Flag.uint('--col-width', 60, 'width'),
    offset: Flag.string('-o,--offset', 'offset'),
    set: Flag.stringArray('--set', 'set'),
    values: Flag.valueFiles('-f,--values', 'values'),
    depUp: Flag.bool('--dep-up,--dependency-update', 'dep up'),
    debug: Flag.bool('--debug', 'debug', { env: 'HELM_DEBUG' }),
  }).flatMap((d) => ('flag' in d ? [d.flag] : []))

const parse = (argv: string[], env: Record<string, string> = {}) => {
  const r = new FlagSet(specs()).parse(argv, env)
  if ('error' in r) return r.error
  return { values: Object.fromEntries(r.values), args: r.args, changed: [...r.changed].sort() }
}
const ok = (argv: string[], env: Record<string, string> = {}) => {
  const r = parse(argv, env)
  if (typeof r === 'string') assert.unreachable(`${argv.join(' ')}: ${r}`)
  return r as Exclude<typeof r, string>
}

const forms = suite('pflag: flag forms')
forms('should read --flag value, --flag=value, -f value, -fvalue and -f=value alike', () => {
  for (const argv of [['--max', '5'], ['--max=5'], ['-m', '5'], ['-m5'], ['-m=5']])
    assert.is(ok(argv).values.max, 5, argv.join(' '))
})
forms('should take booleans without a value and accept --flag=false / --flag=true / -q=false', () => {
  assert.is(ok(['--save=false']).values.save, false)
  assert.is(ok(['--save=true']).values.save, true)
  assert.is(ok(['--save=0']).values.save, false)
  assert.is(ok(['-q']).values.short, true)
  assert.is(ok(['-q=false']).values.short, false)
  // a boolean does not consume the next word
  assert.equal(ok(['--all', 'false']).args, ['false'])
})
forms('should read combined shorthands, a value-taking one ending the group', () => {
  const r = ok(['-qa'])
  assert.ok(r.values.short === true && r.values.all === true)
  assert.is(ok(['-qam7']).values.max, 7)
  assert.is(ok(['-qm', '9']).values.max, 9)
})
forms('should keep positional arguments around flags and stop reading flags at --', () => {
  assert.equal(ok(['a', '--max', '3', 'b', '-q', 'c']).args, ['a', 'b', 'c'])
  assert.equal(ok(['a', '--', '--max', '-q', '-']).args, ['a', '--max', '-q', '-'])
  assert.equal(ok(['-', '']).args, ['-', ''])
  // a value-taking flag takes the next word even when it starts with a dash
  assert.is(ok(['--offset', '-q']).values.offset, '-q')
})
forms('should accept a Helm 3 spelling of a flag as the same flag', () => {
  assert.is(ok(['--dependency-update']).values['dep-up'], true)
  assert.equal(ok(['--dependency-update']).changed, ['dep-up'])
})
forms('should replace a string array default on first use, then append; split -f at commas', () => {
  assert.equal(ok(['--set', 'a=1,b=2', '--set', 'c=3']).values.set, ['a=1,b=2', 'c=3'])
  assert.equal(ok(['-f', 'a.yaml,b.yaml', '--values', 'c.yaml']).values.values, ['a.yaml', 'b.yaml', 'c.yaml'])
  assert.equal(ok([]).values.set, [])
})
forms('should take a flag from its environment variable only when not given', () => {
  assert.is(ok([], { HELM_DEBUG: '1' }).values.debug, true)
  assert.is(ok(['--debug=false'], { HELM_DEBUG: 'true' }).values.debug, false)
  assert.is(ok([], { HELM_DEBUG: 'nope' }).values.debug, false)
})
forms.run()

const errors = suite('pflag: errors')
errors('should word unknown flags as pflag does', () => {
  assert.is(parse(['--bogus']), 'unknown flag: --bogus')
  assert.is(parse(['--bogus=1']), 'unknown flag: --bogus')
  assert.is(parse(['-x']), "unknown shorthand flag: 'x' in -x")
  assert.is(parse(['-qx']), "unknown shorthand flag: 'x' in -x")
  assert.is(parse(['-qxa']), "unknown shorthand flag: 'x' in -xa")
})
errors('should word missing values and bad syntax as pflag does', () => {
  assert.is(parse(['--max']), 'flag needs an argument: --max')
  assert.is(parse(['-m']), "flag needs an argument: 'm' in -m")
  assert.is(parse(['-qm']), "flag needs an argument: 'm' in -m")
  assert.is(parse(['---max']), 'bad flag syntax: ---max')
  assert.is(parse(['--=5']), 'bad flag syntax: --=5')
})
errors('should refuse bad values with the flag name and strconv error', () => {
  assert.is(
    parse(['--max', 'abc']),
    'invalid argument "abc" for "-m, --max" flag: strconv.ParseInt: parsing "abc": invalid syntax',
  )
  assert.is(
    parse(['--save=maybe']),
    'invalid argument "maybe" for "--save" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
  )
  assert.is(
    parse(['--revision', '2147483648']),
    'invalid argument "2147483648" for "--revision" flag: strconv.ParseInt: parsing "2147483648": value out of range',
  )
  assert.is(
    parse(['--col-width', '-1']),
    'invalid argument "-1" for "--col-width" flag: strconv.ParseUint: parsing "-1": invalid syntax',
  )
  assert.is(
    parse(['--max', 'a"b']),
    'invalid argument "a\\"b" for "-m, --max" flag: strconv.ParseInt: parsing "a\\"b": invalid syntax',
  )
})
errors.run()

const strconv = suite('Go strconv.ParseInt / ParseUint (base 0)')
strconv('should read Go base prefixes, signs and underscores', () => {
  assert.is(goParseInt('0x1F', 64), 31)
  assert.is(goParseInt('010', 64), 8)
  assert.is(goParseInt('0o17', 64), 15)
  assert.is(goParseInt('0b101', 64), 5)
  assert.is(goParseInt('-42', 64), -42)
  assert.is(goParseInt('+7', 64), 7)
  assert.is(goParseInt('0x_1_0', 64), 16)
  assert.is(goParseInt('1_000', 64), 1000)
  assert.is(goParseInt('0_10', 64), 8)
  assert.is(goParseInt('-2147483648', 32), -2147483648)
  assert.is(goParseUint('18446744073709551615', 64), 18446744073709551615)
})
strconv('should refuse what Go refuses', () => {
  for (const s of ['', '-', '_1', '1_', '08', '0x', '1e3', ' 1', '0b2', '1__0', '0x_'])
    assert.ok(typeof goParseInt(s, 64) === 'object', JSON.stringify(s))
  assert.equal(goParseInt('9223372036854775808', 64), {
    error: 'strconv.ParseInt: parsing "9223372036854775808": value out of range',
  })
  // overflow is found before the bad digit that follows it
  assert.equal(goParseInt('99999999999999999999x', 64), {
    error: 'strconv.ParseInt: parsing "99999999999999999999x": value out of range',
  })
  assert.equal(goParseUint('+1', 64), { error: 'strconv.ParseUint: parsing "+1": invalid syntax' })
})
strconv.run()
