import * as E from 'fp-ts/Either'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { loadChartPath } from '../../../src/LocalCharts'
import { readValues } from '../../../src/cli/values/ReadValues'
import type { Chart } from '../../../src/domain/chart/Chart'
import { type HelmError, message } from '../../../src/domain/errors'
import { coalesceValuesWithWarnings } from '../../../src/domain/values/Coalesce'
import { processDependenciesWithWarnings } from '../../../src/domain/values/Dependencies'
import { valuesForChart } from '../../../src/domain/values/PathValue'
import { validateSchema } from '../../../src/domain/values/Schema'
import { plain } from './ValuesAsData'

// Expected outputs come from real Helm 4.1.4 (fixtures/regenerate.py): each fixture chart's templates
// print `{{ .Template.BasePath }}: {{ toJson .Values }}`.
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))

interface Case {
  readonly name: string
  readonly chart: string
  readonly args: ReadonlyArray<string>
}
interface Expected {
  readonly code: number
  readonly charts?: Record<string, unknown>
  readonly error?: string
  readonly warnings: ReadonlyArray<string>
}

const flags = (args: ReadonlyArray<string>) => {
  const valueFiles: string[] = []
  const values: string[] = []
  for (let i = 0; i < args.length; i += 2) (args[i] === '-f' ? valueFiles : values).push(args[i + 1] as string)
  return { valueFiles, values }
}

/** Every chart of the tree with the `.Template.BasePath` Helm gives its templates. */
const tree = (c: Chart, base: string, path: ReadonlyArray<string>): Array<[string, ReadonlyArray<string>]> => [
  [`${base}/templates`, path],
  ...c.dependencies.flatMap((d) => tree(d, `${base}/charts/${d.metadata.name}`, [...path, d.metadata.name])),
]

type Outcome = { readonly charts: Record<string, unknown>; readonly warnings: ReadonlyArray<string> } | HelmError

const run = async (c: Case): Promise<Outcome> => {
  const dir = join(FIXTURES, 'charts', c.chart)
  const chart = await loadChartPath(dir)()
  if (E.isLeft(chart)) return chart.left
  const user = await readValues(flags(c.args), { cwd: dir, readStdin: async () => '' })()
  if (E.isLeft(user)) return user.left
  const processed = processDependenciesWithWarnings(chart.right, user.right)
  if (E.isLeft(processed)) return processed.left
  const { chart: tree_, warnings } = processed.right
  const coalesced = coalesceValuesWithWarnings(tree_, user.right)
  if (E.isLeft(coalesced)) return coalesced.left
  const valid = validateSchema(tree_, coalesced.right.values)
  if (E.isLeft(valid)) return valid.left
  const charts: Record<string, unknown> = {}
  for (const [base, path] of tree(tree_, tree_.metadata.name, []))
    charts[base] = plain(valuesForChart(coalesced.right.values, path))
  return { charts, warnings: [...warnings, ...coalesced.right.warnings] }
}

// jsonschema v6 reports properties in Go map order (random run to run): compare the lines as a set,
// with the names inside `missing properties 'a', 'b'`-style lists sorted.
const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) =>
      l.replace(
        /properties ('[^']*'(?:, '[^']*')*)/,
        (_, names: string) => `properties ${names.split(', ').sort().join(', ')}`,
      ),
    )
    .sort()

const fixtures = suite('values pipeline against real Helm (fixture charts)')
const cases = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as Case[]
for (const c of cases) {
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected', `${c.name}.json`), 'utf8')) as Expected
  fixtures(
    `should give each chart of ${c.chart} ${c.args.join(' ') || '(no flags)'} the values Helm gives (${c.name})`,
    async () => {
      const got = await run(c)
      if (expected.code !== 0) {
        assert.ok('_tag' in got, `expected an error, got ${JSON.stringify(got)}`)
        assert.equal(lines(message(got as HelmError)), lines((expected.error ?? '').replace(/\n$/, '')))
        return
      }
      assert.not.ok('_tag' in got, '_tag' in got ? message(got as HelmError) : '')
      const ok = got as Exclude<Outcome, HelmError>
      assert.equal(ok.charts, expected.charts)
      assert.equal([...ok.warnings].sort(), [...expected.warnings].sort())
    },
  )
}
fixtures.run()
