import * as E from 'fp-ts/Either'
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Dependency } from '../../../src/domain/chart/Chart'
import { type HelmError, message } from '../../../src/domain/errors'
import type { GoMap } from '../../../src/domain/go/Value'
import { coalesceValues } from '../../../src/domain/values/Coalesce'
import { processDependencies } from '../../../src/domain/values/Dependencies'
import { valuesForChart } from '../../../src/domain/values/PathValue'
import { chartTree, plain, valuesChart as chart } from './ValuesAsData'

// Random requirements (aliases, version ranges, conditions, tags, import-values) and values, with the
// values real Helm 4.1.4 gives each rendered chart (fixtures/regenerate-deps-random.py).
interface RawDependency {
  readonly name: string
  readonly version: string
  readonly alias?: string
  readonly condition?: string
  readonly tags?: ReadonlyArray<string>
  readonly 'import-values'?: Dependency['importValues']
}
interface Case {
  readonly requirements: ReadonlyArray<RawDependency>
  readonly leafRequired: boolean
  readonly parent: GoMap
  readonly sub: GoMap
  readonly sub2: GoMap
  readonly leaf: GoMap
  readonly user: GoMap
  readonly charts: Record<string, unknown>
}

const dependency = (r: RawDependency): Dependency => ({
  name: r.name,
  version: r.version,
  ...(r.alias === undefined ? {} : { alias: r.alias }),
  ...(r.condition === undefined ? {} : { condition: r.condition }),
  ...(r.tags === undefined ? {} : { tags: r.tags }),
  ...(r['import-values'] === undefined ? {} : { importValues: r['import-values'] }),
})

const cases = (
  JSON.parse(readFileSync(new URL('./fixtures/deps-random.json', import.meta.url), 'utf8')) as { cases: Case[] }
).cases
const random = suite('processDependencies on random requirements against real Helm')
cases.forEach((c, i) => {
  random(`should enable, alias and import as Helm does (random case ${i})`, () => {
    const leaf = chart('leaf', c.leaf, [])
    const sub = chart(
      'sub',
      c.sub,
      [leaf],
      c.leafRequired ? [{ name: 'leaf', version: '0.1.0', condition: 'leaf.enabled' }] : [],
    )
    const p = chart('p', c.parent, [sub, chart('sub2', c.sub2, [])], c.requirements.map(dependency))
    const processed = processDependencies(p, c.user)
    const values: E.Either<HelmError, GoMap> = E.isLeft(processed) ? processed : coalesceValues(processed.right, c.user)
    if (E.isLeft(processed) || E.isLeft(values)) return assert.unreachable(E.isLeft(values) ? message(values.left) : '')
    const charts: Record<string, unknown> = {}
    for (const [base, path] of chartTree(processed.right, 'p', []))
      charts[base] = plain(valuesForChart(values.right, path))
    assert.equal(charts, c.charts)
  })
})
random.run()
