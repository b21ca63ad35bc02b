import { suite, type Test } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync } from 'node:fs'
import { TemplateSet, TemplateError } from '../../../../src/domain/template/gotpl'
import type { Value } from '../../../../src/domain/go/Value'

// Every expected text in golden.json was produced by the real Helm 4.1.4 (golden/gen.mjs); none by us.
interface Case {
  readonly suite: string
  readonly name: string
  readonly template: string
  readonly output?: string
  readonly error?: string
}
const golden = JSON.parse(readFileSync(new URL('./golden/golden.json', import.meta.url), 'utf8')) as {
  readonly values: Value
  readonly cases: ReadonlyArray<Case>
}
const NAME = 'c/templates/t.yaml'

const render = (text: string): string => {
  const set = new TemplateSet({ funcs: {} })
  set.parse(NAME, text)
  // Helm deletes "<no value>" from every rendered file
  return set.execute(NAME, { Values: golden.values }).split('<no value>').join('')
}

// How Helm 4 prints a template error (templates.md §7): parse errors keep the text after Go's last ": ",
// function errors keep Go's one-line message, other execution errors are split over three lines.
const helmText = (e: TemplateError): string => {
  if (e.kind === 'parse')
    return `parse error at (${e.template}:${e.line}): ${e.message.slice(e.message.lastIndexOf(': ') + 2)}`
  if (e.detail.startsWith('error calling ')) return e.message
  return `${e.template}:${e.line}:${e.column}\n  executing "${e.executing?.name}" at <${e.executing?.context}>:\n    ${e.detail}`
}

const suites = new Map<string, Test>()
for (const c of golden.cases) {
  let s = suites.get(c.suite)
  if (!s) suites.set(c.suite, (s = suite(`gotpl golden: ${c.suite}`)))
  s(`should ${c.error === undefined ? 'render' : 'fail on'} ${c.name} as Helm does`, () => {
    if (c.error === undefined) {
      assert.is(render(c.template), c.output)
      return
    }
    try {
      const out = render(c.template)
      assert.unreachable(`expected an error, rendered ${JSON.stringify(out)}`)
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e
      assert.is(helmText(e), c.error)
    }
  })
}
for (const s of suites.values()) s.run()
