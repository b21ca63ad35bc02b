import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { TemplateSet, TemplateError, type FuncMap } from '../../../../src/domain/template/gotpl'
import { type GoStruct, type Value, GoError, int, withMethods, withSignature } from '../../../../src/domain/go/Value'
import { LimitExceeded } from '../../../../src/domain/go/Budget'

const run = (
  text: string,
  data: Value,
  opts: { funcs?: FuncMap; missingKey?: 'zero' | 'error'; maxSteps?: number } = {},
): string => {
  const set = new TemplateSet({ funcs: opts.funcs ?? {}, missingKey: opts.missingKey, maxSteps: opts.maxSteps })
  set.parse('t', text)
  return set.execute('t', data)
}
const failure = (f: () => unknown): TemplateError => {
  try {
    f()
  } catch (e) {
    if (e instanceof TemplateError) return e
    throw e
  }
  return assert.unreachable('expected a TemplateError') as never
}

const missing = suite('TemplateSet: missingKey')
missing('should print <no value> for a missing key by default', () => {
  assert.is(run('[{{ .a }}]', {}), '[<no value>]')
})
missing('should fail with Go text in missingkey=error mode', () => {
  const e = failure(() => run('{{ .a }}', {}, { missingKey: 'error' }))
  assert.is(e.message, 'template: t:1:3: executing "t" at <.a>: map has no entry for key "a"')
  assert.is(e.kind, 'exec')
  assert.is(e.line, 1)
  assert.is(e.column, 3)
})
missing.run()

const files: GoStruct = {
  goType: 'chart.Files',
  field: (n) => (n === 'Name' ? { value: 'files' } : undefined),
  method: (n) =>
    n === 'Get' ? withSignature((p) => `content of ${p}`, ['string']) : n === 'Name2' ? () => 'method' : undefined,
}

const structs = suite('TemplateSet: structs and methods')
structs('should call methods with arguments and read fields', () => {
  assert.is(
    run('{{ .Files.Get "a.txt" }}|{{ .Files.Name }}|{{ .Files.Get "b" | printf "%s!" }}', { Files: files }),
    'content of a.txt|files|content of b!',
  )
})
structs('should check method argument types and counts like Go', () => {
  assert.is(failure(() => run('{{ .Files.Get 1 }}', { Files: files })).detail, 'expected string; found 1')
  assert.is(
    failure(() => run('{{ .Files.Get }}', { Files: files })).detail,
    'wrong number of args for Get: want 1 got 0',
  )
})
structs('should refuse arguments to a field and report unknown fields with the struct type', () => {
  assert.is(
    failure(() => run('{{ .Files.Name 1 }}', { Files: files })).detail,
    'Name has arguments but cannot be invoked as function',
  )
  assert.is(failure(() => run('{{ .Nope }}', files)).detail, "can't evaluate field Nope in type chart.Files")
  // a struct reached through a map sits in an interface {}, as Helm's top-level objects do
  assert.is(
    failure(() => run('{{ .Files.Nope }}', { Files: files })).detail,
    "can't evaluate field Nope in type interface {}",
  )
})
structs('should look up a method of a map before its key', () => {
  const values = withMethods({ YAML: 'key', a: 1 }, { YAML: () => 'a: 1\n' })
  assert.is(run('{{ .Values.YAML }}{{ .Values.a }}{{ len .Values }}', { Values: values }), 'a: 1\n12')
})
structs.run()

const funcs = suite('TemplateSet: functions')
funcs('should let user functions override builtins', () => {
  assert.is(run('{{ len "abc" }}', {}, { funcs: { len: () => 'mine' } }), 'mine')
})
funcs('should wrap a function failure as error calling and keep the cause', () => {
  const cause = new GoError('boom')
  const e = failure(() =>
    run(
      '{{ fail "x" }}',
      {},
      {
        funcs: {
          fail: () => {
            throw cause
          },
        },
      },
    ),
  )
  assert.is(e.message, 'template: t:1:3: executing "t" at <fail "x">: error calling fail: boom')
  assert.is(e.cause, cause)
})
funcs('should convert literals to declared parameter types and refuse wrong types', () => {
  const f = {
    rep: withSignature((n, s) => (s as string).repeat(Number((n as { value: bigint }).value)), ['int', 'string']),
  }
  assert.is(run('{{ rep 3 "ab" }}|{{ "x" | rep 2 }}', {}, { funcs: f }), 'ababab|xx')
  assert.is(
    failure(() => run('{{ rep .n "x" }}', { n: 2 }, { funcs: f })).detail,
    'wrong type for value; expected int; got float64',
  )
  assert.is(failure(() => run('{{ rep 1 }}', {}, { funcs: f })).detail, 'wrong number of args for rep: want 2 got 1')
  assert.is(failure(() => run('{{ rep 1.5 "x" }}', {}, { funcs: f })).detail, 'expected integer; found 1.5')
})
funcs('should pass nil for missing values to untyped functions', () => {
  assert.is(run('{{ show .missing }}', {}, { funcs: { show: (v) => String(v) } }), 'null')
})
funcs.run()

const sets = suite('TemplateSet: definitions, clone and bind')
sets('should let a later non-empty define replace an earlier one, but not an empty one', () => {
  const set = new TemplateSet({ funcs: {} })
  set.parse('a', '{{ define "h" }}first{{ end }}')
  set.parse('b', '{{ define "h" }}second{{ end }}')
  set.parse('c', '{{ define "h" }}  {{ end }}{{ template "h" }}')
  assert.is(set.execute('c', null), 'second')
  assert.ok(set.has('h') && set.has('a'))
})
sets('should give clones the same templates and re-bind late functions to the clone', () => {
  const set = new TemplateSet({
    funcs: {},
    bind: (s) => ({ inc: withSignature((n) => s.execute(n as string, null), ['string']) }),
  })
  set.parse('x', '{{ define "h" }}H{{ end }}')
  const copy = set.clone()
  copy.parse('y', '{{ define "h" }}H2{{ end }}{{ inc "h" }}')
  assert.is(copy.execute('y', null), 'H2')
  set.parse('z', '{{ inc "h" }}')
  assert.is(set.execute('z', null), 'H')
})
sets('should not reuse a cached parse in a set that lacks a function the text names', () => {
  const withFoo = new TemplateSet({ funcs: { foo: () => 'F' } })
  withFoo.parse('cached', '{{ foo }}')
  assert.is(withFoo.execute('cached', null), 'F')
  const e = failure(() => new TemplateSet({ funcs: {} }).parse('cached', '{{ foo }}'))
  assert.is(e.message, 'template: cached:1: function "foo" not defined')
})
sets('should report an unknown template name', () => {
  assert.is(
    failure(() => new TemplateSet({ funcs: {} }).execute('nope', null)).message,
    'template: no template "nope" associated with template "nope"',
  )
})
sets.run()

const limits = suite('TemplateSet: limits')
limits('should stop a runaway template with a step budget', () => {
  assert.throws(
    () => run('{{ range 100000000 }}x{{ end }}', {}, { maxSteps: 10000 }),
    (e: unknown) => e instanceof LimitExceeded && e.limit === 'steps' && /exceeded 10000 steps/.test(e.message),
  )
})
limits('should turn infinite template recursion into an error instead of a crash', () => {
  const e = failure(() => run('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', {}))
  assert.match(e.message, /exceeded maximum template depth/)
})
limits('should turn a parse that exhausts the stack into a parse error', () => {
  const e = failure(() => run('{{ ' + '('.repeat(50000) + '1' + ')'.repeat(50000) + ' }}', {}))
  assert.is(e.kind, 'parse')
  assert.is(e.detail, 'expression nested too deeply')
})
limits('should count each range iteration value as int', () => {
  assert.is(run('{{ range $i, $v := .l }}{{ printf "%T" $i }}{{ end }}', { l: [1, 2] }), 'intint')
  assert.is(run('{{ range $i := .n }}{{ $i }}{{ end }}', { n: int(3) }), '012')
})
limits.run()
