// fromToml against real Helm 4.1.4 (scripts/golden/toml-diff.mjs): hand-written corners and seeded random
// documents with mutated copies, read through `toJson (fromToml .)`: the values, and BurntSushi/toml's error
// texts with their line and last key.
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { render } from '../../template/sprig/golden'

interface Golden {
  readonly seed: number
  readonly cases: ReadonlyArray<{ readonly doc: string; readonly fromToml: string }>
}
const golden = JSON.parse(readFileSync('test/fixtures/golden/toml/fromToml.json', 'utf8')) as Golden

const test = suite(`fromToml (${golden.cases.length} documents, seed ${golden.seed})`)
test('should read every document, and refuse every broken one, as Helm does', () => {
  const wrong: string[] = []
  for (const c of golden.cases) {
    const got = render('{{ toJson (fromToml .Values.doc) }}', { doc: c.doc })
    if (got !== c.fromToml) wrong.push(`document ${JSON.stringify(c.doc)}\n  helm: ${c.fromToml}\n  ours: ${got}`)
  }
  assert.is(wrong.length, 0, `${wrong.length} of ${golden.cases.length} differ:\n${wrong.slice(0, 10).join('\n')}`)
})
test.run()
