// repositories.yaml's lock: a lock left by a killed helm is taken at once (Helm's flock dies with its holder); a lock a
// live helm holds is waited for, saying every 5 s who holds it.
import { spawnSync } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { withFileLock } from '../../../src/adapters/fs/FileLock'
import { tempDir } from '../http-repo/fixtures'

const lock = suite('withFileLock')
lock('should take at once a lock whose process is gone', async () => {
  const dir = await tempDir('wh-lock-')
  const file = join(dir, 'repositories.yaml')
  // a process that has ended: its pid names no process any more
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
  await writeFile(`${file}.lock`, `${gone}\n`)
  const started = Date.now()
  const r = await withFileLock(file, TE.right('ran'))()
  assert.equal(r, E.right('ran'))
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`)
  assert.is(await readFile(`${file}.lock`, 'utf8').catch(() => 'released'), 'released')
})
lock('should say who holds a live lock while it waits, then run when it is released', async () => {
  const dir = await tempDir('wh-lock-')
  const file = join(dir, 'repositories.yaml')
  // this very process holds it
  await writeFile(`${file}.lock`, `${process.pid}\n`)
  const lines: string[] = []
  const waiting = withFileLock(file, TE.right('ran'), (l) => {
    lines.push(l)
    void rm(`${file}.lock`, { force: true })
  })()
  const r = await waiting
  assert.equal(r, E.right('ran'))
  assert.equal(lines, [`waiting for the lock ${file}.lock held by process ${process.pid} (5s of 30s)\n`])
})
lock.run()
