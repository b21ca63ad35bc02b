import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chart, Dependency } from '../../../src/domain/chart/Chart'
import { message } from '../../../src/domain/errors'
import type { GoMap } from '../../../src/domain/go/Value'
import { coalesceValues, coalesceValuesWithWarnings } from '../../../src/domain/values/Coalesce'
import { checkDependencies, processDependencies } from '../../../src/domain/values/Dependencies'
import { mergeMaps } from '../../../src/domain/values/MergeMaps'
import { pathValue, table, valuesForChart } from '../../../src/domain/values/PathValue'
import { validateSchema } from '../../../src/domain/values/Schema'
import { assertLeft, assertRight } from '../../helpers'
import { buildChart } from '../../support/charts'

const chart = (
  name: string,
  values: GoMap,
  deps: ReadonlyArray<Chart> = [],
  requirements: ReadonlyArray<Dependency> = [],
  schema?: string,
): Chart =>
  buildChart({
    name,
    version: '1.0.0',
    values,
    dependencies: deps,
    requirements,
    ...(schema === undefined ? {} : { schema }),
  })

const coalesce = suite('coalesceValues')
coalesce('should lay user values over defaults: maps merge, lists replace, nil deletes', () => {
  const c = chart('c', { m: { a: 1, b: 2 }, l: [1, 2], gone: 'x' })
  assert.equal(assertRight(coalesceValues(c, { m: { b: 3 }, l: [9], gone: null })), { m: { a: 1, b: 3 }, l: [9] })
})
coalesce('should keep a user nil for a key the chart does not have', () => {
  assert.equal(assertRight(coalesceValues(chart('c', {}), { x: null })), { x: null })
})
coalesce('should change neither the chart nor the user values', () => {
  const defaults: GoMap = { m: { a: 1 }, g: { global: 1 } }
  const user: GoMap = { m: { b: 2 } }
  const sub = chart('sub', { s: { t: 1 } })
  assertRight(coalesceValues(chart('c', defaults, [sub]), user))
  assert.equal(defaults, { m: { a: 1 }, g: { global: 1 } })
  assert.equal(user, { m: { b: 2 } })
  assert.equal(sub.values, { s: { t: 1 } })
})
coalesce('should copy globals down with the parent winning', () => {
  const sub = chart('sub', { global: { a: 'sub', b: 'sub' }, own: 1 })
  const v = assertRight(coalesceValues(chart('top', { global: { a: 'top' } }, [sub]), {}))
  assert.equal(v.sub, { global: { a: 'top', b: 'sub' }, own: 1 })
  assert.equal(v.global, { a: 'top' })
})
coalesce('should return the warnings Helm logs for table/non-table conflicts', () => {
  const r = assertRight(
    coalesceValuesWithWarnings(chart('c', { s: 1, t: { x: 1 } }), { s: { x: 1 }, t: { x: { y: 1 } } }),
  )
  assert.equal([...r.warnings].sort(), [
    'warning: destination for c.t.x is a table. Ignoring non-table value (1)',
    'warning: skipped value for c.s: Not a table.',
  ])
})
coalesce('should fail when a subchart section is not a map', () => {
  assert.is(
    message(assertLeft(coalesceValues(chart('c', {}, [chart('sub', {})]), { sub: 'x' }))),
    'type mismatch on sub: %!t(string=x)',
  )
})
coalesce.run()

const deps = suite('processDependencies')
deps('should not change the chart it is given', () => {
  const sub = chart('sub', { on: false })
  const c = chart('top', {}, [sub], [{ name: 'sub', version: '1.0.0', condition: 'renamed.on', alias: 'renamed' }])
  const out = assertRight(processDependencies(c, {}))
  assert.equal(out.dependencies, [])
  assert.is(c.dependencies[0], sub)
  assert.is(c.requirements[0]?.name, 'sub')
})
deps('should rename an aliased subchart and enable it from its own section', () => {
  const sub = chart('sub', { on: false })
  const c = chart('top', {}, [sub], [{ name: 'sub', version: '^1', condition: 'renamed.on', alias: 'renamed' }])
  const out = assertRight(processDependencies(c, { renamed: { on: true } }))
  assert.equal(
    out.dependencies.map((d) => d.metadata.name),
    ['renamed'],
  )
  assert.equal(
    out.requirements.map((d) => d.name),
    ['renamed'],
  )
})
deps('should import exports and child/parent pairs under the parent values', () => {
  const sub = chart('sub', { exports: { data: { a: 1, b: 1 } }, deep: { x: { y: 2 } } })
  const c = chart(
    'top',
    { b: 'parent' },
    [sub],
    [{ name: 'sub', version: '1.0.0', importValues: ['data', { child: 'deep.x', parent: 'into.here' }] }],
  )
  const v = assertRight(processDependencies(c, {})).values
  assert.equal([v.a, v.b, v.into], [1, 'parent', { here: { y: 2 } }])
})
deps('should name the requirements missing from charts/ as Helm does', () => {
  const c = chart(
    'top',
    {},
    [chart('present', {})],
    [
      { name: 'nothere', version: '1.0.0' },
      { name: 'present', version: '9.9.9', alias: 'x' },
      { name: 'other', version: '1.0.0' },
    ],
  )
  assert.is(
    message(assertLeft(checkDependencies(c))),
    'an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: nothere, other',
  )
  assert.equal(
    checkDependencies(chart('top', {}, [chart('present', {})], [{ name: 'present', alias: 'y' }])),
    E.right(undefined),
  )
})
deps.run()

const paths = suite('PathValue')
paths('should find non-map values by dotted path and tables by name', () => {
  const v: GoMap = { a: { b: { c: true } }, s: 1 }
  assert.equal(pathValue(v, 'a.b.c'), { value: true })
  assert.is(pathValue(v, 'a.b'), undefined)
  assert.is(pathValue(v, 'a.x.c'), undefined)
  assert.equal(pathValue(v, 's'), { value: 1 })
  assert.equal(table(v, 'a.b'), { c: true })
  assert.is(table(v, 's'), undefined)
})
paths('should scope values to a subchart path, or {} when it is missing', () => {
  const top: GoMap = { sub: { leaf: { k: 1 } }, bad: 3 }
  assert.equal(valuesForChart(top, []), top)
  assert.equal(valuesForChart(top, ['sub', 'leaf']), { k: 1 })
  assert.equal(valuesForChart(top, ['bad']), {})
  assert.equal(valuesForChart(top, ['none', 'x']), {})
})
paths.run()

const merge = suite('mergeMaps')
merge('should merge maps recursively, replace everything else, and keep inputs unchanged', () => {
  const a: GoMap = { m: { x: 1, y: 1 }, l: [1], s: 'a' }
  const b: GoMap = { m: { y: 2 }, l: [2], s: null }
  assert.equal(mergeMaps(a, b), { m: { x: 1, y: 2 }, l: [2], s: null })
  assert.equal(a, { m: { x: 1, y: 1 }, l: [1], s: 'a' })
})
merge.run()

const schema = suite('validateSchema')
schema('should pass values that meet every schema', () => {
  const sub = chart('sub', {}, [], [], '{"type":"object","properties":{"n":{"type":"number"}}}')
  const c = chart('top', {}, [sub], [], '{"$schema":"http://json-schema.org/draft-07/schema#","required":["a"]}')
  assert.equal(validateSchema(c, { a: 1, sub: { n: 2 } }), E.right(undefined))
})
schema('should validate each subchart against its own section and name the chart', () => {
  const sub = chart('sub', {}, [], [], '{"type":"object","properties":{"n":{"type":"number"}}}')
  const c = chart('top', {}, [sub], [], '{"required":["a"]}')
  assert.is(
    message(assertLeft(validateSchema(c, { sub: { n: 'x' } }))),
    "values don't meet the specifications of the schema(s) in the following chart(s):\ntop:\n- at '': missing property 'a'\nsub:\n- at '/n': got string, want number\n",
  )
})
schema('should report a subchart section that is not a map', () => {
  const c = chart('top', {}, [chart('sub', {})])
  assert.is(
    message(assertLeft(validateSchema(c, { sub: [1] }))),
    "values don't meet the specifications of the schema(s) in the following chart(s):\nsub:\ninvalid type for values: expected object (map), got []interface {}\n",
  )
})
schema('should report unreadable schemas in Helm 4 words', () => {
  // texts printed by real Helm 4.1.4 for each values.schema.json
  const cases: Array<[string, string]> = [
    ['{"type": "object",}', "invalid character '}' looking for beginning of object key string"],
    ['{"properties": {"a": {"$ref": "#/nope"}}}', 'json-pointer in "file:///values.schema.json#/nope" not found'],
    ['', 'EOF'],
    ['{"a": tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['[1', 'unexpected EOF'],
  ]
  for (const [text, reason] of cases)
    assert.is(
      message(assertLeft(validateSchema(chart('c', {}, [], [], text), { a: 1 }))),
      `values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n${reason}`,
    )
})
schema.run()
