// Checks the values pipeline (readValues → processDependencies → coalesceValues → validateSchema →
// valuesForChart) against real Helm on every case of ../shared/conformance: each chart (and subchart)
// gets its templates replaced by `{{ .Template.BasePath }}: {{ toJson .Values }}`, so real Helm prints
// the values it gives each chart, which are compared with ours as data.
// Usage: node --import tsx test/domain/values/conformance-values.ts [CASE-NAME]   (needs the reference
// helm that ../shared/conformance/prepare installs; prints one line per mismatch and `values: M/N cases match`)
import * as E from 'fp-ts/Either'
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { loadChartPath } from '../../../src/LocalCharts'
import { readValues } from '../../../src/cli/values/ReadValues'
import type { Chart } from '../../../src/domain/chart/Chart'
import { message } from '../../../src/domain/errors'
import { coalesceValues } from '../../../src/domain/values/Coalesce'
import { processDependencies } from '../../../src/domain/values/Dependencies'
import { valuesForChart } from '../../../src/domain/values/PathValue'
import { validateSchema } from '../../../src/domain/values/Schema'
import { plain } from './ValuesAsData'

interface Case {
  readonly name: string
  readonly chart: string
  readonly release: string
  readonly values?: ReadonlyArray<string>
  readonly set?: ReadonlyArray<string>
}

const ROOT = resolve('../shared/conformance')
const HELM = join(process.env.CONFORMANCE_CACHE ?? join(tmpdir(), 'helm-conformance'), 'bin', 'helm')
const WORK = mkdtempSync(join(tmpdir(), 'values-conformance-'))
const only = process.argv[2]

const probeTemplates = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (!statSync(p).isDirectory()) continue
    if (name === 'templates' && existsSync(join(dir, 'Chart.yaml'))) {
      rmSync(p, { recursive: true })
      mkdirSync(p)
      writeFileSync(join(p, 't.yaml'), '{{ .Template.BasePath }}: {{ toJson .Values }}\n')
    } else probeTemplates(p)
  }
}

const reference = (c: Case, chartDir: string): { code: number; charts: Record<string, unknown> } => {
  const args = ['template', c.release, chartDir]
  for (const f of c.values ?? []) args.push('-f', join(ROOT, f))
  for (const s of c.set ?? []) args.push('--set', s)
  const p = spawnSync(HELM, args, { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: WORK } })
  const charts: Record<string, unknown> = {}
  if (p.status === 0)
    for (const line of p.stdout.split('\n')) {
      if (line === '' || line === '---' || line.startsWith('#')) continue
      const at = line.indexOf(': ')
      charts[line.slice(0, at)] = JSON.parse(line.slice(at + 2))
    }
  return { code: p.status ?? 1, charts }
}

const ours = async (
  c: Case,
  chartDir: string,
): Promise<{ code: number; charts: Record<string, unknown>; error?: string }> => {
  const chart = await loadChartPath(chartDir)()
  const user = await readValues(
    { valueFiles: (c.values ?? []).map((f) => join(ROOT, f)), values: c.set ?? [] },
    { cwd: ROOT, readStdin: async () => '' },
  )()
  const processed = E.isLeft(chart) ? chart : E.isLeft(user) ? user : processDependencies(chart.right, user.right)
  const values = E.isLeft(processed) ? processed : coalesceValues(processed.right, (user as E.Right<never>).right)
  const valid = E.isLeft(values) ? values : validateSchema((processed as E.Right<Chart>).right, values.right)
  if (E.isLeft(valid)) return { code: 1, charts: {}, error: message(valid.left) }
  const charts: Record<string, unknown> = {}
  const walk = (ch: Chart, base: string, path: ReadonlyArray<string>): void => {
    if (ch.templates.length > 0)
      charts[`${base}/templates`] = plain(valuesForChart((values as E.Right<never>).right, path))
    for (const d of ch.dependencies) walk(d, `${base}/charts/${d.metadata.name}`, [...path, d.metadata.name])
  }
  const root = (processed as E.Right<Chart>).right
  walk(root, root.metadata.name, [])
  return { code: 0, charts }
}

const cases = (JSON.parse(readFileSync(join(ROOT, 'cases.json'), 'utf8')) as Case[]).filter(
  (c) => !only || c.name === only,
)
let matched = 0
for (const c of cases) {
  const chartDir = join(WORK, c.chart)
  if (!existsSync(chartDir)) {
    cpSync(join(ROOT, c.chart), chartDir, { recursive: true })
    probeTemplates(chartDir)
  }
  const want = reference(c, chartDir)
  const got = await ours(c, chartDir)
  if (want.code !== got.code)
    console.log(`mismatch ${c.name}: helm exit ${want.code}, ours ${got.code} ${got.error ?? ''}`)
  else if (!isDeepStrictEqual(want.charts, got.charts)) {
    const keys = new Set([...Object.keys(want.charts), ...Object.keys(got.charts)])
    for (const k of keys) if (!isDeepStrictEqual(want.charts[k], got.charts[k])) console.log(`mismatch ${c.name}: ${k}`)
  } else matched++
}
rmSync(WORK, { recursive: true, force: true })
console.log(`values: ${matched}/${cases.length} cases match (${basename(ROOT)})`)
