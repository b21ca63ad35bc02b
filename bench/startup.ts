// Startup benchmark: whole-process wall time of `bin/helm version -c` and `bin/helm inspect chart CHART`
// (the median of several runs, after a warm-up), with real Helm's `version` and `show chart` in the same
// run for context. Aim: under 150 ms for ours.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { referenceHelm } from '../scripts/reference-helm.mjs'

const root = resolve(import.meta.dirname, '..')
const helm = resolve(root, 'bin/helm')
const chart = resolve(root, 'test/fixtures/charts-basic/alpine')
const RUNS = 11

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

/** Median wall time in ms of running `cmd args` RUNS times (after one warm-up run); throws if it fails. */
const time = (cmd: string, args: ReadonlyArray<string>): number => {
  const run = (): number => {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HELM_HOME: '/nonexistent' },
    })
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`)
    return ms
  }
  run()
  return median(Array.from({ length: RUNS }, run))
}

const TIME = '/usr/bin/time'

/** Median CPU time (user + system, ms) of the process, measured by /usr/bin/time: steadier than wall time on a loaded machine. */
const cpu = (cmd: string, args: ReadonlyArray<string>): number | undefined => {
  if (!existsSync(TIME)) return undefined
  const run = (): number => {
    const r = spawnSync(TIME, ['-f', '%U %S', cmd, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HELM_HOME: '/nonexistent' },
    })
    const [user = 0, sys = 0] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number)
    return (user + sys) * 1000
  }
  run()
  return median(Array.from({ length: RUNS }, run))
}

/** Printable lines: the medians of our two commands and, when available, real Helm's. */
export const benchStartup = async (): Promise<string[]> => {
  const lines: string[] = []
  const version = time(helm, ['version', '-c'])
  const inspect = time(helm, ['inspect', 'chart', chart])
  lines.push(`startup: helm version -c median ${version.toFixed(1)} ms (aim < 150 ms) over ${RUNS} runs`)
  lines.push(`startup: helm inspect chart median ${inspect.toFixed(1)} ms (aim < 150 ms) over ${RUNS} runs`)
  // A bare `node -e ''` in the same run shows how much of that is the runtime and the machine's load.
  lines.push(`startup: bare node process median ${time(process.execPath, ['-e', '']).toFixed(1)} ms`)
  const cv = cpu(helm, ['version', '-c'])
  const ci = cpu(helm, ['inspect', 'chart', chart])
  const cn = cpu(process.execPath, ['-e', ''])
  if (cv !== undefined && ci !== undefined && cn !== undefined)
    lines.push(
      `startup: CPU (user+sys) medians: version -c ${cv.toFixed(0)} ms, inspect chart ${ci.toFixed(0)} ms, bare node ${cn.toFixed(0)} ms`,
    )
  const ref = await referenceHelm()
  if (ref !== undefined) {
    const rv = time(ref, ['version', '--short'])
    const rs = time(ref, ['show', 'chart', chart])
    lines.push(
      `startup: real helm version ${rv.toFixed(1)} ms, show chart ${rs.toFixed(1)} ms (ratios ${(version / rv).toFixed(2)}x, ${(inspect / rs).toFixed(2)}x)`,
    )
  }
  return lines
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename))
  for (const l of await benchStartup()) console.log(l)
