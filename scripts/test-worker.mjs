// Runs one uvu test file in this process (started by scripts/test.mjs as `node --import tsx test-worker.mjs FILE`).
// The file gets its own temporary folder: TMPDIR is switched here, after tsx has placed its transform cache under
// the shared one, so os.tmpdir() in the tests (and in the processes they start) points at the file's own folder.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const file = process.argv[2]
if (file === undefined) throw new Error('usage: node --import tsx scripts/test-worker.mjs FILE')
if (process.env.WHEELHOUSE_TEST_TMPDIR) process.env.TMPDIR = process.env.WHEELHOUSE_TEST_TMPDIR

// uvu queues suites instead of running them at once when UVU_DEFER is set before it loads; exec() then runs the
// queue and prints its totals (Total / Passed / Skipped / Duration), which the parent reads.
globalThis.UVU_DEFER = 1
const uvu = await import('uvu')
globalThis.UVU_INDEX = 0
globalThis.UVU_QUEUE.push([null])
try {
  await import(pathToFileURL(resolve(file)).href)
} catch (err) {
  process.stdout.write(`\n  FAIL ${file} threw while loading:\n${err?.stack ?? err}\n`)
  process.exit(1)
}
await uvu.exec(false)
