// The issue-11 table: whole-process figures of bin/helm against the real Helm binary, measured in the same run
// with the commands interleaved round by round (bench/ab.py: wall and CPU time from wait4, peak RSS), medians.
// Rows: the runtime's floor (`node -e 0`), `helm template` on the `helm create` chart, stable/mysql and
// stable/prometheus-operator, the median ratio over the conformance charts, `helm version -c`, the peak memory
// of `helm template`, and `helm install` of a small chart through bin/tiller into kube-sandbox against real
// Helm 4 installing straight into the same sandbox. BENCH_RUNS (default 11) rounds per row; BENCH_CHARTS (default
// 40, 0 = all) conformance charts, 3 rounds each; BENCH_INSTALLS (default 10) installs per side. BENCH_BASE names
// another built checkout (the tree before a change): its bin/helm runs in the same rounds and each client row is
// printed for it too ("base: ..."), so before and after come from one run under one load.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { referenceHelm } from '../scripts/reference-helm.mjs'
import { ab, benchHome, type Cmd, median, type Sample } from './ab'
import { benchInstall } from './install'

const root = resolve(import.meta.dirname, '..')
const helm = join(root, 'bin/helm')
// the team's layout: ../shared next to the checkout (or next to the worktrees' folder)
const conformance =
  [process.env.CONFORMANCE_DIR, join(root, '../shared/conformance'), join(root, '../../shared/conformance')]
    .filter((d): d is string => d !== undefined)
    .map((d) => resolve(d))
    .find((d) => existsSync(join(d, 'cases.json'))) ?? resolve(root, '../shared/conformance')
const RUNS = Number(process.env.BENCH_RUNS ?? '11')
const base = process.env.BENCH_BASE ? resolve(process.env.BENCH_BASE, 'bin/helm') : undefined

const ms = (x: number): string => `${x.toFixed(1)} ms`
const failed = (s: Sample): boolean => s.codes.some((c) => c !== 0)

/** One table row: ours against theirs, wall and CPU medians and their ratios. */
const row = (label: string, ours: Sample, theirs: Sample): string =>
  `${label}: wall ${ms(median(ours.wall))} vs ${ms(median(theirs.wall))} = ${(median(ours.wall) / median(theirs.wall)).toFixed(2)}x; ` +
  `CPU ${ms(median(ours.cpu))} vs ${ms(median(theirs.cpu))} = ${(median(ours.cpu) / median(theirs.cpu)).toFixed(2)}x; ` +
  `peak RSS ${(Math.max(...ours.rss) / 1024).toFixed(1)} MB vs ${(Math.max(...theirs.rss) / 1024).toFixed(1)} MB` +
  (failed(ours) || failed(theirs) ? ` (exit codes ${[...new Set(ours.codes)]} / ${[...new Set(theirs.codes)]})` : '')

export const benchTable = async (): Promise<string[]> => {
  const ref = await referenceHelm()
  if (ref === undefined) return ['table: skipped (no reference helm; `node scripts/reference-helm.mjs`)']
  const { home, env } = benchHome('bench-table-')
  const lines: string[] = [
    `table: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} CPUs`,
  ]
  try {
    const created = spawnSync(process.execPath, [helm, 'create', 'demo'], {
      cwd: home,
      env: { ...process.env, ...env },
    })
    if (created.status !== 0) throw new Error(`helm create failed: ${created.stderr}`)
    const demo = join(home, 'demo')
    const chart = (name: string) => join(conformance, 'charts/stable', name)
    // ours, real Helm's, then the base's when there is one: `width` commands per chart
    const width = base === undefined ? 2 : 3
    const pair = (dir: string): Cmd[] => [
      { argv: [process.execPath, helm, 'template', 'x', dir], env },
      { argv: [ref, 'template', 'x', dir], env },
      ...(base === undefined ? [] : [{ argv: [process.execPath, base, 'template', 'x', dir], env }]),
    ]
    const [floor, refVersion, version, baseVersion, ...templates] = ab(
      [
        { argv: [process.execPath, '-e', '0'], env },
        { argv: [ref, 'version'], env },
        { argv: [process.execPath, helm, 'version', '-c'], env },
        { argv: [process.execPath, base ?? helm, 'version', '-c'], env },
        ...pair(demo),
        ...(existsSync(chart('mysql')) ? pair(chart('mysql')) : []),
        ...(existsSync(chart('prometheus-operator')) ? pair(chart('prometheus-operator')) : []),
      ],
      RUNS,
    ) as [Sample, Sample, Sample, Sample, ...Sample[]]
    lines.push(row('table: floor (node -e 0 vs real helm version)', floor, refVersion))
    lines.push(row('table: helm version -c', version, refVersion))
    if (base !== undefined) lines.push(row('table: base: helm version -c', baseVersion, refVersion))
    const names = [
      'helm template x demo (helm create chart)',
      'helm template stable/mysql',
      'helm template stable/prometheus-operator',
    ]
    for (let i = 0; i + 1 < templates.length; i += width) {
      lines.push(row(`table: ${names[i / width]}`, templates[i]!, templates[i + 1]!))
      if (base !== undefined) lines.push(row(`table: base: ${names[i / width]}`, templates[i + 2]!, templates[i + 1]!))
    }

    if (existsSync(join(conformance, 'cases.json'))) {
      const cases = JSON.parse(readFileSync(join(conformance, 'cases.json'), 'utf8')) as Array<{ chart: string }>
      const limit = Number(process.env.BENCH_CHARTS ?? '40')
      const all = [...new Set(cases.map((c) => join(conformance, c.chart)))]
      const dirs = limit > 0 ? all.slice(0, limit) : all
      const samples = ab(dirs.flatMap(pair), 3)
      const corpusRow = (label: string, at: number): string => {
        const wall: number[] = []
        const cpu: number[] = []
        let disagree = 0
        for (let i = 0; i < dirs.length; i++) {
          const [o, t] = [samples[width * i + at]!, samples[width * i + 1]!]
          if (failed(o) !== failed(t)) disagree++
          wall.push(median(o.wall) / median(t.wall))
          cpu.push(median(o.cpu) / median(t.cpu))
        }
        return `table: ${label}helm template over ${dirs.length} conformance charts: median ratio wall ${median(wall).toFixed(2)}x, CPU ${median(cpu).toFixed(2)}x (${disagree} exit-status disagreements)`
      }
      lines.push(corpusRow('', 0))
      if (base !== undefined) lines.push(corpusRow('base: ', 2))
    }

    // installs: bench/install.ts's install row (our client through bin/tiller against real Helm 4 direct)
    for (const l of await benchInstall(['install'])) if (!l.includes('load average')) lines.push(`table: ${l}`)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
  lines.push(
    `table: load average after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  return lines
}
