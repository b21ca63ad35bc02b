import * as E from 'fp-ts/Either'
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../../src/domain/errors'
import * as _ from '../../../src/domain/values/Strvals'
import { type GoMap, GoInt, type Value } from '../../../src/domain/go/Value'
import { assertLeft, assertRight } from '../../helpers'

/** JSON-like view of a Go value (what Helm's `toJson` shows): ints become numbers. */
const plain = (v: Value): unknown => {
  if (v instanceof GoInt) return Number(v.value)
  if (Array.isArray(v)) return v.map(plain)
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v as GoMap))
      Object.defineProperty(out, k, { value: plain(x as Value), enumerable: true })
    return out
  }
  return v
}

type Case = [string, unknown, string | null]
const fixture = (name: string): ReadonlyArray<Case> =>
  (JSON.parse(readFileSync(new URL(`./fixtures/strvals-${name}.json`, import.meta.url), 'utf8')) as { cases: Case[] })
    .cases

const table = (
  title: string,
  name: string,
  parse: (expr: string) => E.Either<import('../../../src/domain/errors').HelmError, GoMap>,
) => {
  const s = suite(title)
  for (const [expr, want, err] of fixture(name))
    s(`should parse ${JSON.stringify(expr)} as Helm 4 does`, () => {
      const got = parse(expr)
      if (err !== null) assert.is(message(assertLeft(got)).trim(), err.trim())
      else assert.equal(plain(assertRight(got)), want)
    })
  s.run()
}

table('Strvals.parseSet (table from real Helm)', 'set', (e) => _.parseSet(e))
table('Strvals.parseSetString (table from real Helm)', 'str', (e) => _.parseSetString(e))
table('Strvals.parseSetJson (table from real Helm)', 'json', (e) => _.parseSetJson(e))
table('Strvals.parseSetLiteral (table from real Helm)', 'lit', (e) => _.parseSetLiteral(e))
table('Strvals.parseSet (random expressions, real Helm)', 'fuzz-set', (e) => _.parseSet(e))
table('Strvals.parseSetString (random expressions, real Helm)', 'fuzz-string', (e) => _.parseSetString(e))
table('Strvals.parseSetLiteral (random expressions, real Helm)', 'fuzz-literal', (e) => _.parseSetLiteral(e))
table('Strvals.parseSetJson (random expressions, real Helm)', 'fuzz-json', (e) => _.parseSetJson(e))

const typing = suite('Strvals.typedValue')
typing('should give int64 for integers and keep floats, octal-looking and oversized numbers as strings', () => {
  const v = assertRight(_.parseSet('a=+5,b=0,c=1.5,d=007,e=9223372036854775807,f=9223372036854775808'))
  assert.equal(v.a, new GoInt(5n, 'int64'))
  assert.equal(v.b, new GoInt(0n, 'int64'))
  assert.is(v.c, '1.5')
  assert.is(v.d, '007')
  assert.equal(v.e, new GoInt(9223372036854775807n, 'int64'))
  assert.is(v.f, '9223372036854775808')
})
typing('should read true/false/null in any case', () => {
  assert.equal(assertRight(_.parseSet('a=TRUE,b=False,c=NuLL')), { a: true, b: false, c: null })
})
typing.run()

const into = suite('Strvals.parseSet over a base map')
into('should merge into a copy of the base and leave the base unchanged', () => {
  const base: GoMap = { a: { b: 1, keep: 'x' }, l: [1, 2] }
  const out = assertRight(_.parseSet('a.c=2,l[3]=z', base))
  assert.equal(plain(out), { a: { b: 1, keep: 'x', c: 2 }, l: [1, 2, null, 'z'] })
  assert.equal(base, { a: { b: 1, keep: 'x' }, l: [1, 2] })
})
into('should report a float64 from a values file in the type-conversion error', () => {
  assert.is(
    message(assertLeft(_.parseSet('a.b=1', { a: 1 }))),
    'failed parsing --set data: unable to parse key: interface conversion: interface {} is float64, not map[string]interface {}',
  )
})
into('should fill a list up to the maximum index 65536 with nil', () => {
  const l = assertRight(_.parseSet('a[65536]=1')).a as Value[]
  assert.is(l.length, 65537)
  assert.is(l[65535], null)
})
into('should keep a key named __proto__ as data', () => {
  const v = assertRight(_.parseSet('__proto__.x=1'))
  assert.ok(Object.hasOwn(v, '__proto__'))
  assert.is(Object.getPrototypeOf(v), Object.prototype)
})
into.run()

const file = suite('Strvals.parseSetFile')
const files: Record<string, string> = { 'a.txt': 'hello\nworld', 'b.txt': '' }
const reader = (p: string) =>
  p in files ? E.right(files[p] as string) : E.left(`open ${p}: no such file or directory`)
file('should set each key to the content of the file it names', () => {
  assert.equal(assertRight(_.parseSetFile('x=a.txt,y.z=b.txt', reader)), { x: 'hello\nworld', y: { z: '' } })
})
file('should fail with the reader reason as Helm words it', () => {
  assert.is(
    message(assertLeft(_.parseSetFile('x=a.txt,y=nofile', reader))),
    'failed parsing --set-file data: open nofile: no such file or directory',
  )
})
file.run()
