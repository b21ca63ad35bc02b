// Runs every uvu suite (test/**/*.test.ts) in one process under tsx and ends with the line
// `N passed, N failed` that CI reads. Usage: node scripts/test.mjs [PATTERN]
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const pattern = process.argv[2] ?? '\\.test\\.ts$'
// The whole run (no pattern) first checks the build: types (tsc) and lint + format (biome). Each check counts as one test.
const checks =
  process.argv[2] === undefined
    ? [
        ['typecheck (tsc --noEmit)', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']],
        [
          'lint and format (biome ci)',
          ['node_modules/@biomejs/biome/bin/biome', 'ci', '--colors=off', '--error-on-warnings'],
        ],
      ]
    : []
let checksFailed = 0
for (const [title, argv] of checks) {
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' })
  const ok = r.status === 0
  if (!ok) checksFailed++
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${title}\n`)
  if (!ok) process.stdout.write(`${r.stdout}${r.stderr}\n`)
}
// every temporary file and folder the suites make goes under one folder of this run, removed at the end
const scratch = mkdtempSync(join(tmpdir(), 'wheelhouse-test-'))
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0', TMPDIR: scratch },
})
let out = ''
let hung = false
let armed = false
child.stdout.on('data', (chunk) => {
  out += chunk
  process.stdout.write(chunk)
  // uvu prints its totals when every suite has run; a process still alive long after that has a leaked handle
  // (a server or socket a test did not close): end it and count it as a failure rather than hang CI
  if (!armed && /Duration:/.test(out)) {
    armed = true
    setTimeout(() => {
      hung = true
      process.stderr.write(
        'test: the test process did not exit 30 s after its last suite (a test left a handle open)\n',
      )
      child.kill('SIGKILL')
    }, 30_000).unref()
  }
})
child.on('close', (code) => {
  const total = /Total:\s+(\d+)/.exec(out)
  const passed = /Passed:\s+(\d+)/.exec(out)
  const t = total ? Number(total[1]) : 0
  const p = passed ? Number(passed[1]) : 0
  // uvu stops counting a file that throws at load time; a non-zero exit with no failures counted is one failure
  const failed = Math.max(t - p, (code !== 0 || hung) && t === p ? 1 : 0)
  rmSync(scratch, { recursive: true, force: true })
  const checksPassed = checks.length - checksFailed
  process.stdout.write(`\n${p + checksPassed} passed, ${failed + checksFailed} failed\n`)
  process.exit(code === 0 && failed === 0 && checksFailed === 0 && !hung ? 0 : 1)
})
