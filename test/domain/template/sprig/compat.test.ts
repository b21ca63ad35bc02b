import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { gotplEngine } from '../../../../src/domain/template/GotplEngine'
import { helmSerializers } from '../../../../src/domain/template/helm/serialize'
import { sprigFuncs } from '../../../../src/domain/template/sprig'
import { goldenSuite, testEnv } from './golden'

// Issue 10's chart-compatibility corners against real Helm 4.1.4 (scripts/golden/sprig.mjs compat): floats of
// 1e21 and beyond, %T of the typed lists Sprig returns, complex constants (`1.5i`, `1+2i`) and their errors.
// Execution errors are compared by goldenSuite; parse errors in Helm's own wording through the engine here.
const spec = JSON.parse(readFileSync('test/fixtures/golden/sprig/compat.cases.json', 'utf8')) as {
  errors: [string, string][]
}
const expected = JSON.parse(readFileSync('test/fixtures/golden/sprig/compat.expected.json', 'utf8')) as {
  errors: Record<string, string>
}
const PARSE = 'Error: INSTALLATION FAILED: parse error'
const parseErrors = spec.errors.filter(([name]) => expected.errors[name]?.startsWith(PARSE))
goldenSuite('compat', new Set(parseErrors.map(([name]) => name)))

const parse = suite('compat: parse errors of number constants as Helm words them')
for (const [name, tpl] of parseErrors)
  parse(`should refuse ${name} as Helm does`, () => {
    const r = gotplEngine.render(
      [{ name: 'golden/templates/NOTES.txt', text: tpl, scope: {}, basePath: 'golden/templates' }],
      { funcs: { ...sprigFuncs(testEnv), ...helmSerializers() }, strict: false },
    )
    const want = expected.errors[name]!.split('\n')[0]!.replace('Error: INSTALLATION FAILED: ', '')
    assert.equal(E.isLeft(r) ? (r.left as { text: string }).text : 'rendered', want)
  })
parse.run()
