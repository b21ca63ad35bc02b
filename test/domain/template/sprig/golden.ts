// Runs the golden cases of test/fixtures/golden/sprig/<family>.cases.json through our engine with Sprig and
// Helm's serialisers, against the outputs real Helm 4.1.4 gave (scripts/golden/sprig.mjs regenerates them).
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { TemplateSet } from '../../../../src/domain/template/gotpl'
import type { Value } from '../../../../src/domain/go/Value'
import { helmSerializers } from '../../../../src/domain/template/helm/serialize'
import { sprigFuncs } from '../../../../src/domain/template/sprig'

const dir = 'test/fixtures/golden/sprig'

/** A fixed clock and a counting byte source. */
export const testEnv = {
  now: () => new Date('2024-05-06T07:08:09.123456789Z'),
  randomBytes: (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255),
}

/** Renders one template text as Helm would inside NOTES.txt (with `<no value>` removed). */
export const render = (text: string, values: Value): string => {
  const set = new TemplateSet({ funcs: { ...sprigFuncs(testEnv), ...helmSerializers() } })
  set.parse('golden/templates/NOTES.txt', text)
  return set.execute('golden/templates/NOTES.txt', { Values: values }).split('<no value>').join('')
}

/**
 * One uvu suite per golden family: each case's output must equal Helm's byte for byte; each error case must fail.
 * `elsewhere`: error cases another suite checks (parse errors, which Helm words after the engine).
 */
export const goldenSuite = (family: string, elsewhere: ReadonlySet<string> = new Set()): void => {
  const spec = JSON.parse(readFileSync(`${dir}/${family}.cases.json`, 'utf8')) as {
    values: Value
    cases: [string, string][]
    errors?: [string, string][]
  }
  const expected = JSON.parse(readFileSync(`${dir}/${family}.expected.json`, 'utf8')) as {
    cases: Record<string, string>
    errors: Record<string, string>
  }
  const s = suite(`sprig golden: ${family}`)
  for (const [name, tpl] of spec.cases) {
    s(`should render ${name} as Helm does`, () => {
      assert.fixture(render(tpl, structuredClone(spec.values)), expected.cases[name])
    })
  }
  for (const [name, tpl] of spec.errors ?? []) {
    if (elsewhere.has(name)) continue
    s(`should fail ${name} as Helm does`, () => {
      const want = expected.errors[name] as string | { rendered: string }
      let got = ''
      try {
        got = `rendered: ${render(tpl, structuredClone(spec.values))}`
      } catch (e) {
        got = e instanceof Error ? e.message : String(e)
      }
      if (typeof want !== 'string') return assert.fixture(got, `rendered: ${want.rendered.replace(/\n$/, '')}`)
      // Helm prints "Error: INSTALLATION FAILED: <Go's error>"; compare the function's own message
      const last = want.trim().split('\n').pop()!.trim()
      const tail = last.includes('error calling ') ? last.slice(last.indexOf('error calling ')) : last
      assert.ok(got.includes(tail), `got ${got}\nwant …${tail}`)
    })
  }
  s.run()
}
