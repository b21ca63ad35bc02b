// Runs one uvu test file in this process: `node test-worker.mjs MODULE` (started by scripts/test.mjs with the file's
// own TMPDIR). MODULE is the file's bundle, or the .ts file itself when run under `--import tsx`.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const file = process.argv[2]
if (file === undefined) throw new Error('usage: node scripts/test-worker.mjs MODULE')

// uvu queues suites instead of running them at once when UVU_DEFER is set before it loads; exec() then runs the
// queue and prints its totals (Total / Passed / Skipped / Duration), which the parent reads.
globalThis.UVU_DEFER = 1
const uvu = await import('uvu')
globalThis.UVU_INDEX = 0
globalThis.UVU_QUEUE.push([null])
try {
  await import(pathToFileURL(resolve(file)).href)
} catch (err) {
  process.stdout.write(`\nthe file threw while loading:\n${err?.stack ?? err}\n`)
  process.exit(1)
}
// The CPU the file used, its own and that of the processes it started and waited for (Linux /proc), for the
// runner's summary of the most expensive files.
process.on('exit', () => {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
    const ticks = [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i]), 0)
    process.stdout.write(`\n  CPU:       ${(ticks / 100).toFixed(1)} s\n`)
  } catch {}
})
await uvu.exec(false)
