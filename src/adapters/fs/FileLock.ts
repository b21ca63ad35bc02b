import { open, rm, stat } from 'node:fs/promises'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnwritable } from '../../domain/GeneralError'

const STALE_MS = 60_000
const WAIT_MS = 30_000

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * Runs `task` holding `<path>.lock` (created exclusively; a lock older than a minute is taken as left by a
 * crashed process), so concurrent `repo add`/`repo remove` never lose each other's read-modify-write.
 * Left FileUnwritable when the lock cannot be taken within 30 s; otherwise the task's result.
 */
export const withFileLock =
  <A>(path: string, task: TE.TaskEither<HelmError, A>): TE.TaskEither<HelmError, A> =>
  async () => {
    const lock = `${path}.lock`
    const deadline = Date.now() + WAIT_MS
    for (;;) {
      try {
        const fh = await open(lock, 'wx', 0o600)
        await fh.write(`${process.pid}\n`)
        await fh.close()
        break
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
          return E.left(fileUnwritable(lock, err instanceof Error ? err.message : String(err)))
        const st = await stat(lock).catch(() => undefined)
        if (st && Date.now() - st.mtimeMs > STALE_MS) await rm(lock, { force: true })
        else if (Date.now() > deadline) return E.left(fileUnwritable(lock, 'timed out waiting for the lock'))
        else await sleep(20 + Math.random() * 30)
      }
    }
    try {
      return await task()
    } finally {
      await rm(lock, { force: true })
    }
  }
