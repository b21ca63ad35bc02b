import { readFileSync, readdirSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/Either'
import { parseYamlValues } from '../../../src/domain/yaml/Read'
import { encodeYaml, toYamlString } from '../../../src/domain/yaml/Write'
import { yamlKeyLess } from '../../../src/domain/yaml/WriteKeys'
import type { Value } from '../../../src/domain/go/Value'
import { int64 } from '../../../src/domain/go/Value'
import { assertLeft, assertRight } from '../../helpers'

// Expected outputs come from the real Helm binary: scripts/golden/sprig.mjs toYaml
const dir = 'test/fixtures/golden/sprig'
const spec = JSON.parse(readFileSync(`${dir}/toYaml.cases.json`, 'utf8')) as {
  values: Record<string, Value>
  cases: [string, string][]
}
const expected = JSON.parse(readFileSync(`${dir}/toYaml.expected.json`, 'utf8')).cases as Record<string, string>

// The cases of the form {{ toYaml X }} with X a values path, a string or an int literal.
const argument = (expr: string): Value | undefined => {
  const path = /^\.Values((?:\.\w+)*)$/.exec(expr)
  if (path)
    return path[1]
      .split('.')
      .slice(1)
      .reduce<Value>((v, k) => (v as Record<string, Value> | null)?.[k] ?? null, spec.values)
  if (/^"(?:[^"\\]|\\.)*"$/.test(expr)) return JSON.parse(expr) as string
  if (/^\d+$/.test(expr)) return Number(expr)
  return undefined
}

const golden = suite('toYamlString: golden cases from Helm 4.1.4')
let checked = 0
for (const [name, tpl] of spec.cases) {
  const m = /^\{\{ toYaml (.*) \}\}$/.exec(tpl)
  const arg = m ? argument(m[1]) : undefined
  if (arg === undefined) continue
  checked++
  golden(`should write ${name} as Helm does`, () => {
    // Helm's toYaml trims the final newline; an unmarshalable value gives ""
    assert.fixture(toYamlString(arg).replace(/\n$/, ''), expected[name])
  })
}
golden('should cover most golden cases', () => assert.ok(checked >= 20, String(checked)))
golden.run()

const keys = suite('yamlKeyLess')
keys('should put non-letters before letters and compare digit runs as numbers', () => {
  const sorted = ['a10', 'a2', 'A', '_u', '1x', 'a', 'b1', 'b01'].sort((a, b) =>
    yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0,
  )
  assert.equal(sorted, ['_u', '1x', 'A', 'a', 'a2', 'a10', 'b1', 'b01'])
})
keys.run()

const errors = suite('encodeYaml: values YAML cannot carry')
errors('should fail on NaN with the JSON error text', () => {
  assert.equal(assertLeft(encodeYaml({ a: NaN })), {
    _tag: 'InvalidArgument',
    reason: 'error marshaling into JSON: json: unsupported value: NaN',
  })
  const e = assertLeft(encodeYaml([Infinity]))
  assert.equal(e, { _tag: 'InvalidArgument', reason: 'error marshaling into JSON: json: unsupported value: +Inf' })
})
errors('should fail on a C1 control character', () => {
  assert.equal(assertLeft(encodeYaml('a\u0081')), {
    _tag: 'InvalidArgument',
    reason: 'error converting JSON to YAML: yaml: control characters are not allowed',
  })
})
errors('should print Go ints and end with a newline', () => {
  assert.is(assertRight(encodeYaml({ num: int64(9007199254740993n) })), 'num: 9007199254740993\n')
  assert.ok(E.isRight(encodeYaml(null)))
})
errors.run()

const charts = suite('toYamlString: real chart values, read and written back as Helm 4.1.4 does')
const vdir = `${dir}/values`
for (const f of readdirSync(vdir).filter((x) => x.endsWith('.values.yaml'))) {
  const name = f.replace('.values.yaml', '')
  charts(`should write ${name} byte for byte`, () => {
    const values = assertRight(parseYamlValues(f, readFileSync(`${vdir}/${f}`, 'utf8')))
    assert.fixture(toYamlString(values), readFileSync(`${vdir}/${name}.expected.yaml`, 'utf8'))
  })
}
charts.run()
