// Repository benchmark: `search` and `fetch --version` on a generated 20,000-entry index, against real Helm's
// `search repo` (and `pull --version`) on the same index in the same run. Figures are ratios (ours / theirs).
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { referenceHelm } from '../scripts/reference-helm.mjs'

const ENTRIES = 20_000
const CHARTS = 2_000
const root = resolve(import.meta.dirname, '..')

const chartArchive = (dir: string): Buffer => {
  const src = join(dir, 'src', 'target')
  mkdirSync(join(src, 'templates'), { recursive: true })
  writeFileSync(join(src, 'Chart.yaml'), 'apiVersion: v1\nname: chart-1234\nversion: 3.0.2\n')
  writeFileSync(join(src, 'values.yaml'), 'a: 1\n')
  writeFileSync(join(src, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n')
  const r = spawnSync(process.execPath, [
    join(root, 'bin/helm'),
    'package',
    join(dir, 'src', 'target'),
    '-d',
    join(dir, 'pkg'),
    '--home',
    join(dir, 'pkghome'),
  ])
  if (r.status !== 0) throw new Error(`package failed: ${r.stderr}`)
  return readFileSync(join(dir, 'pkg', 'chart-1234-3.0.2.tgz'))
}

/** index.yaml with CHARTS charts × 10 versions, each entry shaped like a public index's. */
const generateIndex = (baseUrl: string, targetDigest: string): string => {
  const out: string[] = ['apiVersion: v1', 'entries:']
  const per = ENTRIES / CHARTS
  for (let c = 0; c < CHARTS; c++) {
    out.push(`  chart-${c}:`)
    for (let v = per - 1; v >= 0; v--) {
      const version = `${Math.floor(v / 3)}.${v % 3}.${c % 7}`
      const digest =
        c === 1234 && version === '3.0.2' ? targetDigest : createHash('sha256').update(`${c}-${v}`).digest('hex')
      out.push(
        `  - apiVersion: v1`,
        `    appVersion: "${v}.${c % 10}"`,
        `    created: "2024-0${1 + (v % 9)}-1${v % 10}T10:00:00.123456789Z"`,
        `    description: Chart number ${c} deploys service ${c % 97} with ${v % 5} replicas and sane defaults`,
        `    digest: ${digest}`,
        `    home: https://example.com/chart-${c}`,
        `    keywords:`,
        `    - kw${c % 50}`,
        `    - service`,
        `    maintainers:`,
        `    - email: team${c % 13}@example.com`,
        `      name: Team ${c % 13}`,
        `    name: chart-${c}`,
        `    sources:`,
        `    - https://github.com/example/chart-${c}`,
        `    urls:`,
        `    - ${baseUrl}/chart-${c}-${version}.tgz`,
        `    version: ${version}`,
      )
    }
  }
  out.push('generated: "2024-06-01T00:00:00Z"', '')
  return out.join('\n')
}

const runOnce = (cmd: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (c) => (err += c))
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err}`))
      else resolve(ms)
    })
  })

/** Median wall time of `runs` sequential runs (a server in this process must keep answering, so never spawnSync). */
const timeIt = async (
  cmd: string,
  args: ReadonlyArray<string>,
  env: NodeJS.ProcessEnv,
  runs: number,
): Promise<number> => {
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await runOnce(cmd, args, env))
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? 0
}

/** Runs the repository benchmark; returns printable lines. */
export const benchRepo = async (): Promise<string[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'wh-bench-repo-'))
  const tgz = chartArchive(dir)
  const server = http.createServer((req, res) => {
    if (req.url?.endsWith('/chart-1234-3.0.2.tgz')) res.writeHead(200).end(tgz)
    else res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/charts`
  const lines: string[] = []
  try {
    const index = generateIndex(url, createHash('sha256').update(tgz).digest('hex'))
    // our $HELM_HOME
    const home = join(dir, 'home')
    mkdirSync(join(home, 'repository', 'cache'), { recursive: true })
    writeFileSync(join(home, 'repository', 'cache', 'big-index.yaml'), index)
    writeFileSync(
      join(home, 'repository', 'repositories.yaml'),
      `apiVersion: v1\nrepositories:\n- name: big\n  url: ${url}\n  cache: ${join(home, 'repository', 'cache', 'big-index.yaml')}\n`,
    )
    // real Helm's config and cache
    const env = {
      HELM_CONFIG_HOME: join(dir, 'cfg'),
      HELM_CACHE_HOME: join(dir, 'cache'),
      HELM_DATA_HOME: join(dir, 'data'),
    }
    mkdirSync(join(dir, 'cfg'), { recursive: true })
    mkdirSync(join(dir, 'cache', 'repository'), { recursive: true })
    writeFileSync(join(dir, 'cfg', 'repositories.yaml'), `apiVersion: ""\nrepositories:\n- name: big\n  url: ${url}\n`)
    writeFileSync(join(dir, 'cache', 'repository', 'big-index.yaml'), index)
    writeFileSync(join(dir, 'cache', 'repository', 'big-charts.txt'), '')
    const helm = join(root, 'bin', 'helm')
    const node = process.execPath
    const ours = (args: string[]) => [helm, ...args, '--home', home]
    const dest = join(dir, 'dest')
    mkdirSync(dest)
    lines.push(`index: ${ENTRIES} entries, ${(index.length / 1e6).toFixed(1)} MB`)
    const cold = await timeIt(node, ours(['search', 'service 42']), {}, 1)
    const search = await timeIt(node, ours(['search', 'service 42']), {}, 5)
    const fetch = await timeIt(node, ours(['fetch', 'big/chart-1234', '--version', '~3.0', '-d', dest]), {}, 5)
    lines.push(
      `ours: search ${search.toFixed(0)} ms (first run, building the cache: ${cold.toFixed(0)} ms), fetch --version ${fetch.toFixed(0)} ms`,
    )
    const real = await referenceHelm()
    if (!real) {
      lines.push('real Helm not available: no ratios')
      return lines
    }
    const theirSearch = await timeIt(real, ['search', 'repo', 'service 42'], env, 5)
    const theirPull = await timeIt(real, ['pull', 'big/chart-1234', '--version', '~3.0', '-d', dest], env, 3)
    lines.push(`real Helm: search repo ${theirSearch.toFixed(0)} ms, pull --version ${theirPull.toFixed(0)} ms`)
    lines.push(`ratio search / real search repo: ${(search / theirSearch).toFixed(2)}`)
    lines.push(`ratio fetch --version / real search repo: ${(fetch / theirSearch).toFixed(2)}`)
    lines.push(`ratio fetch --version / real pull --version: ${(fetch / theirPull).toFixed(2)}`)
    return lines
  } finally {
    server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
