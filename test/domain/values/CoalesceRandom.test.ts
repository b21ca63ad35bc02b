import * as E from 'fp-ts/Either'
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type HelmError, message } from '../../../src/domain/errors'
import type { GoMap } from '../../../src/domain/go/Value'
import { type Coalesced, coalesceValuesWithWarnings } from '../../../src/domain/values/Coalesce'
import { processDependenciesWithWarnings } from '../../../src/domain/values/Dependencies'
import { valuesForChart } from '../../../src/domain/values/PathValue'
import { chartTree, plain, valuesChart as chart } from './ValuesAsData'

// Random values for a chart tree p > sub > leaf and a random user file, with real Helm 4.1.4's results
// (fixtures/regenerate-coalesce-random.py): the values each chart sees, Helm's error, and every warning
// Helm logs (one per coalescing pass, dependency processing included).
interface Case {
  readonly requirements: boolean
  readonly parent: GoMap
  readonly sub: GoMap
  readonly leaf: GoMap
  readonly user: GoMap
  readonly code: number
  readonly charts: Record<string, unknown>
  readonly error: string | null
  readonly warnings: ReadonlyArray<string>
}

const cases = (
  JSON.parse(readFileSync(new URL('./fixtures/coalesce-random.json', import.meta.url), 'utf8')) as { cases: Case[] }
).cases
const random = suite('coalescing random values against real Helm')
cases.forEach((c, i) => {
  random(`should coalesce random case ${i} as Helm does`, () => {
    const p = chart(
      'p',
      c.parent,
      [chart('sub', c.sub, [chart('leaf', c.leaf, [])])],
      c.requirements ? [{ name: 'sub', version: '0.1.0' }] : [],
    )
    const processed = processDependenciesWithWarnings(p, c.user)
    const coalesced: E.Either<HelmError, Coalesced> = E.isLeft(processed)
      ? processed
      : coalesceValuesWithWarnings(processed.right.chart, c.user)
    if (c.code !== 0) {
      assert.ok(E.isLeft(coalesced), 'expected an error')
      assert.is(message((coalesced as E.Left<HelmError>).left), c.error)
      return
    }
    if (E.isLeft(processed) || E.isLeft(coalesced))
      return assert.unreachable(E.isLeft(coalesced) ? message(coalesced.left) : '')
    const charts: Record<string, unknown> = {}
    for (const [base, path] of chartTree(processed.right.chart, 'p', []))
      charts[base] = plain(valuesForChart(coalesced.right.values, path))
    assert.equal(charts, c.charts)
    assert.equal([...processed.right.warnings, ...coalesced.right.warnings].sort(), [...c.warnings].sort())
  })
})
random.run()
