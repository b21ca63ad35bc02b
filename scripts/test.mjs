// Runs every uvu suite (test/**/*.test.ts) in one process under tsx and ends with the line
// `N passed, N failed` that CI reads. Usage: node scripts/test.mjs [PATTERN]
import { spawn } from 'node:child_process'

const pattern = process.argv[2] ?? '\\.test\\.ts$'
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0' },
})
let out = ''
child.stdout.on('data', (chunk) => {
  out += chunk
  process.stdout.write(chunk)
})
child.on('close', (code) => {
  const total = /Total:\s+(\d+)/.exec(out)
  const passed = /Passed:\s+(\d+)/.exec(out)
  const t = total ? Number(total[1]) : 0
  const p = passed ? Number(passed[1]) : 0
  // uvu stops counting a file that throws at load time; a non-zero exit with no failures counted is one failure
  const failed = Math.max(t - p, code !== 0 && t === p ? 1 : 0)
  process.stdout.write(`\n${p} passed, ${failed} failed\n`)
  process.exit(code === 0 && failed === 0 ? 0 : 1)
})
