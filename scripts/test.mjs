// Runs the uvu suites (test/**/*.test.ts), each file in its own worker process with its own TMPDIR, several at a
// time, and ends with the line `N passed, N failed` that CI reads.
//
//   node scripts/test.mjs [PATTERN]     PATTERN: a regular expression over the file paths under test/
//
// The whole run (no pattern) also type-checks (tsc) and lints and checks the format (biome ci); each check counts
// as one test. Rules of the count: a failed assertion is one failure; a file that throws while loading, exits
// non-zero, hangs, or leaves a handle open after its last suite counts as (at least) one failure; a skipped test
// counts as a failure (no test may skip itself). Each file's output is printed whole when it ends.
//
// Environment: TEST_JOBS (workers; default from os.availableParallelism), TEST_FILE_TIMEOUT (seconds a file may run).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildTests } from './test-build.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(root)
const pattern = process.argv[2]
const wanted = new RegExp(pattern ?? '\\.test\\.ts$')
// Most suites wait on sockets, child processes and timers more than they compute, so a worker per core leaves the
// cores idle; two per core (at most 8) keeps them busy without starving the timing-sensitive suites.
const jobs = Math.max(1, Number(process.env.TEST_JOBS) || Math.min(8, 2 * availableParallelism()))
const fileTimeout = (Number(process.env.TEST_FILE_TIMEOUT) || 240) * 1000
// A worker still alive this long after uvu printed its totals has a handle a test left open (a server, a socket).
const exitGrace = 10_000

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (name === 'node_modules' || name === 'fixtures') return []
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
const files = walk('test')
  .filter((p) => p.endsWith('.test.ts'))
  .filter((p) => wanted.test(relative('test', p)))
  .sort()

// Longest first (durations of the previous run on this machine, else e2e and process-heavy folders first), so the
// slow files do not start last and hold the run open on one worker.
const timesFile = join(root, '.cache', 'test-times.json')
let previous = {}
try {
  previous = JSON.parse(readFileSync(timesFile, 'utf8'))
} catch {}
const guess = (f) => previous[f] ?? (/^test\/(e2e|sandbox|tiller)\//.test(f) ? 20_000 : 1_000)

const checks =
  pattern === undefined
    ? [
        { title: 'typecheck (tsc --noEmit)', argv: ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'] },
        {
          title: 'lint and format (biome ci)',
          argv: ['node_modules/@biomejs/biome/bin/biome', 'ci', '--colors=off', '--error-on-warnings'],
        },
      ]
    : []

// e2e suites run bin/helm, bin/tiller and bin/kube-sandbox, i.e. dist/: rebuild it when a source is newer.
const newest = (dir) =>
  readdirSync(dir).reduce((m, name) => {
    const p = join(dir, name)
    const st = statSync(p)
    return Math.max(m, st.isDirectory() ? newest(p) : st.mtimeMs)
  }, 0)
const distBuilt = (() => {
  try {
    return statSync('dist/helm.cjs').mtimeMs
  } catch {
    return 0
  }
})()
if (distBuilt < newest('src')) {
  process.stdout.write('build: dist/ is older than src/, rebuilding\n')
  const code = await new Promise((r) =>
    spawn(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).on('close', r),
  )
  if (code !== 0) {
    process.stdout.write('\n0 passed, 1 failed\n')
    process.exit(1)
  }
}

const print = (s) => process.stdout.write(s)
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const started = Date.now()
// every temporary file and folder the suites make goes under one folder of this run, removed at the end; the bundles
// of the test files under one folder inside the project (bare imports resolve from its node_modules)
const scratch = mkdtempSync(join(tmpdir(), 'wheelhouse-test-'))
const bundles = join(root, '.cache', `test-build-${process.pid}`)
// bundles of earlier runs that were killed before they could clean up (their process is gone)
mkdirSync(join(root, '.cache'), { recursive: true })
for (const name of readdirSync(join(root, '.cache'), { withFileTypes: true })) {
  const pid = Number(/^test-build-(\d+)$/.exec(name.name)?.[1])
  if (!pid) continue
  try {
    process.kill(pid, 0)
  } catch {
    rmSync(join(root, '.cache', name.name), { recursive: true, force: true })
  }
}
const cleanUp = () => {
  rmSync(scratch, { recursive: true, force: true })
  rmSync(bundles, { recursive: true, force: true })
}
const modules = await buildTests(root, files, bundles).catch(() => {
  print('test: bundling the test files failed (esbuild says why above); running them under tsx instead\n')
  return new Map()
})
print(`bundled ${modules.size} test files in ${seconds(Date.now() - started)}\n`)
const results = []

/** Runs one check (a process whose exit code is the verdict). */
const runCheck = ({ title, argv }) =>
  new Promise((done) => {
    const t0 = Date.now()
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    child.on('close', (code) => {
      const ok = code === 0
      print(`${ok ? 'ok  ' : 'FAIL'} ${title} (${seconds(Date.now() - t0)})\n${ok ? '' : `${out}\n`}`)
      results.push({ name: title, passed: ok ? 1 : 0, failed: ok ? 0 : 1, ms: Date.now() - t0, check: true })
      done()
    })
  })

const running = new Set()
process.on('SIGINT', () => {
  for (const child of running)
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {}
  cleanUp()
  process.exit(130)
})

/** Runs one test file in a worker process; prints its output whole when it ends. */
const runFile = (file) =>
  new Promise((done) => {
    const t0 = Date.now()
    const own = join(scratch, String(files.indexOf(file)))
    mkdirSync(own)
    const bundle = modules.get(file)
    const argv = bundle
      ? ['--enable-source-maps', 'scripts/test-worker.mjs', bundle]
      : ['--import', 'tsx', 'scripts/test-worker.mjs', file]
    const child = spawn(process.execPath, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', TMPDIR: own },
      detached: true, // its own process group, so that a kill also reaches what the file started
    })
    running.add(child)
    let out = ''
    let problem = ''
    const kill = (why) => {
      if (problem === '') problem = why
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }
    const timer = setTimeout(() => kill(`did not finish within ${seconds(fileTimeout)}`), fileTimeout)
    let grace
    const onData = (c) => {
      out += c
      if (grace === undefined && /Duration:/.test(out))
        grace = setTimeout(
          () => kill(`did not exit ${seconds(exitGrace)} after its last suite (a test left a handle open)`),
          exitGrace,
        )
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('close', (code, signal) => {
      running.delete(child)
      clearTimeout(timer)
      clearTimeout(grace)
      // processes the file started and did not end (same process group) go with it
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
      const ms = Date.now() - t0
      const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? 0)
      const total = num('Total')
      const passed = num('Passed')
      const skipped = num('Skipped')
      if (skipped > 0 && problem === '') problem = `${skipped} test(s) skipped (no test may skip itself)`
      if ((code !== 0 || signal) && problem === '')
        problem = /Duration:/.test(out)
          ? `exited with ${code ?? signal}`
          : `exited with ${code ?? signal} before its suites ended`
      const failed = Math.max(total - passed, 0) + skipped + (problem !== '' && total === passed ? 1 : 0)
      const ok = failed === 0
      const cpu = Number(/CPU:\s+([\d.]+) s/.exec(out)?.[1] ?? 0) * 1000
      const body = out
        .replace(/\n*\s*CPU:\s+\S+ s\n*/, '\n')
        .replace(/\n*\s*Total:[\s\S]*?Duration:\s+\S+\n*/, '\n')
        .replace(/^\n+/, '')
        .trimEnd()
      print(
        `${ok ? 'ok  ' : 'FAIL'} ${file} (${passed}/${total + skipped}, ${seconds(ms)}, CPU ${seconds(cpu)})${problem ? `: ${problem}` : ''}\n` +
          `${body.replace(/^(?=.)/gm, '  ')}\n\n`,
      )
      results.push({ name: file, passed, failed, ms, cpu, output: body })
      done()
    })
  })

const queue = [
  ...checks.map((c) => () => runCheck(c)),
  ...[...files].sort((a, b) => guess(b) - guess(a)).map((f) => () => runFile(f)),
]
print(`${files.length} test files, ${checks.length} checks, ${jobs} workers\n`)
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await next()
  }),
)
cleanUp()

if (results.length === 0) print(`no test file under test/ matches ${wanted}\n`)
const fileResults = results.filter((r) => !r.check)
try {
  mkdirSync(dirname(timesFile), { recursive: true })
  writeFileSync(
    timesFile,
    JSON.stringify({ ...previous, ...Object.fromEntries(fileResults.map((r) => [r.name, r.ms])) }),
  )
} catch {}
const slowest = [...fileResults].sort((a, b) => b.ms - a.ms).slice(0, 5)
if (slowest.length > 1) print(`\nslowest: ${slowest.map((r) => `${r.name} ${seconds(r.ms)}`).join(', ')}\n`)
const costliest = [...fileResults].sort((a, b) => b.cpu - a.cpu).slice(0, 5)
const cpuTotal = fileResults.reduce((n, r) => n + r.cpu, 0)
if (costliest.length > 1)
  print(
    `most CPU (of ${seconds(cpuTotal)} in all, processes they start included): ${costliest.map((r) => `${r.name} ${seconds(r.cpu)}`).join(', ')}\n`,
  )
const failedFiles = results.filter((r) => r.failed > 0)
if (failedFiles.length > 0) print(`failed: ${failedFiles.map((r) => r.name).join(', ')}\n`)
const passed = results.reduce((n, r) => n + r.passed, 0)
const failed = results.reduce((n, r) => n + r.failed, 0)
print(`wall time ${seconds(Date.now() - started)}\n\n${passed} passed, ${failed} failed\n`)
process.exit(failed === 0 && results.length > 0 ? 0 : 1)
