// Render benchmark: (a) whole-process `bin/helm template` vs the real Helm binary over the conformance charts,
// measured in the same run, alternating the two per chart (medians and their ratio); (b) in-process
// renderChart calls per second over the same charts. BENCH_RENDER_CHARTS=N limits the charts (default 60, 0 = all);
// CONFORMANCE_DIR overrides where the conformance charts are (default ../shared/conformance).
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import { loadChartPath } from '../src/LocalCharts'
import type { Chart } from '../src/domain/chart/Chart'
import { renderChart } from '../src/domain/render/Render'

const conformance = resolve(process.env.CONFORMANCE_DIR ?? '../shared/conformance')
const reference = [process.env.HELM_REFERENCE, '/tmp/helm-conformance/bin/helm', '.cache/helm/helm'].find(
  (p) => p && existsSync(p),
)

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const timeRun = (cmd: string, args: string[], env: NodeJS.ProcessEnv): { ms: number; ok: boolean } => {
  const t = process.hrtime.bigint()
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'ignore'] })
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, ok: r.status === 0 }
}

const chartDirs = (): string[] => {
  const cases = JSON.parse(readFileSync(join(conformance, 'cases.json'), 'utf8')) as Array<{
    chart: string
    set?: string[]
    values?: string
  }>
  const dirs = [...new Set(cases.map((c) => join(conformance, c.chart)))]
  const limit = Number(process.env.BENCH_RENDER_CHARTS ?? '60')
  return limit > 0 ? dirs.slice(0, limit) : dirs
}

export const benchRender = async (): Promise<string[]> => {
  if (!existsSync(join(conformance, 'cases.json'))) return ['render: skipped (../shared/conformance not found)']
  const dirs = chartDirs()
  const lines: string[] = []
  const home = mkdtempSync(join(tmpdir(), 'bench-render-'))
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    KUBECONFIG: join(home, 'none'),
    HELM_CACHE_HOME: home,
    HELM_CONFIG_HOME: home,
    HELM_DATA_HOME: home,
  }
  if (reference) {
    const ours: number[] = []
    const theirs: number[] = []
    let failures = 0
    for (const dir of dirs) {
      const a = timeRun(process.execPath, ['bin/helm', 'template', 'rel', dir], env)
      const b = timeRun(reference, ['template', 'rel', dir], env)
      ours.push(a.ms)
      theirs.push(b.ms)
      if (a.ok !== b.ok) failures++
    }
    const mo = median(ours)
    const mt = median(theirs)
    lines.push(
      `render whole-process: bin/helm template median ${mo.toFixed(1)} ms, real helm ${mt.toFixed(1)} ms, ratio ${(mo / mt).toFixed(2)} over ${dirs.length} charts (${failures} exit-status disagreements)`,
    )
  } else lines.push('render whole-process: skipped (no reference helm; set HELM_REFERENCE)')

  const charts: Chart[] = []
  for (const dir of dirs) {
    const c = await loadChartPath(dir)()
    if (E.isRight(c)) charts.push(c.right)
  }
  const env2 = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(randomBytes(n)) }
  const opts = { releaseName: 'rel', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false }
  let renders = 0
  let ok = 0
  const start = Date.now()
  while (Date.now() - start < 3000) {
    for (const c of charts) {
      if (E.isRight(renderChart(c, {}, opts, env2))) ok++
      renders++
    }
  }
  const secs = (Date.now() - start) / 1000
  lines.push(
    `render in-process: ${(renders / secs).toFixed(1)} renders/s (${charts.length} charts, ${renders} renders, ${ok} succeeded, ${secs.toFixed(1)} s)`,
  )
  return lines
}
