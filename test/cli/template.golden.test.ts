import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../helpers'

// Fixture charts of our own; their expected outputs come from the real Helm 4.1.4 binary
// (scripts/golden/regenerate.mjs). This test never runs the real binary: it compares with the committed files.
const root = join(process.cwd(), 'test/fixtures/golden/charts')

for (const chart of readdirSync(root).sort()) {
  const dir = join(root, chart)
  const cases = JSON.parse(readFileSync(join(dir, 'golden/cases.json'), 'utf8')) as Array<{
    name: string
    args: string[]
  }>
  const golden = suite(`golden: ${chart}`)
  for (const c of cases) {
    golden(`should render case "${c.name}" byte for byte as real Helm`, async () => {
      const expectedOut = readFileSync(join(dir, `golden/${c.name}.stdout`), 'utf8')
      const expectedErr = readFileSync(join(dir, `golden/${c.name}.stderr`), 'utf8')
      const r = await helm(['template', 'golden', dir, ...c.args])
      const errAt = r.stderr.indexOf('Error:')
      const actualErr = errAt >= 0 ? r.stderr.slice(errAt) : ''
      // libyaml's own parser messages are not reproduced: for manifest YAML errors compare up to "yaml:".
      const yamlError = /^(Error: YAML parse error on [^:]+: error converting YAML to JSON: yaml:)/.exec(expectedErr)
      if (yamlError) assert.ok(actualErr.startsWith(yamlError[1]!), actualErr)
      else assert.is(actualErr, expectedErr)
      assert.is(r.stdout, expectedOut)
      assert.is(r.code, expectedErr === '' ? 0 : 1)
    })
  }
  golden.run()
}
