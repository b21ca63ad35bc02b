import { open, readFile, rm, stat } from 'node:fs/promises'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnwritable } from '../../domain/GeneralError'

const STALE_MS = 60_000
const WAIT_MS = 30_000
const PROGRESS_MS = 5000

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** The process id a lock file names, if any. */
const holderOf = async (lock: string): Promise<number | undefined> => {
  const text = await readFile(lock, 'utf8').catch(() => '')
  const pid = Number(text.trim())
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
}

/** Whether process `pid` runs on this machine (EPERM: it does, as another user). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Runs `task` holding `<path>.lock` (created exclusively, naming its process), so concurrent `repo add`/`repo
 * remove` never lose each other's read-modify-write. A lock whose process is gone (killed) is taken at once, as
 * Helm's flock is released by the kernel when its holder dies; one older than a minute is taken as stale. While it
 * waits, `progress` hears every 5 s who holds the lock. Left FileUnwritable when the lock cannot be taken within
 * 30 s (naming the holder); otherwise the task's result.
 */
export const withFileLock =
  <A>(
    path: string,
    task: TE.TaskEither<HelmError, A>,
    progress?: (line: string) => void,
  ): TE.TaskEither<HelmError, A> =>
  async () => {
    const lock = `${path}.lock`
    const started = Date.now()
    const deadline = started + WAIT_MS
    let told = started
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
        const holder = await holderOf(lock)
        const by = holder === undefined ? '' : ` held by process ${holder}`
        if (st && (Date.now() - st.mtimeMs > STALE_MS || (holder !== undefined && !alive(holder)))) {
          // taken only if it still names the same holder (another waiter may have taken it meanwhile)
          if ((await holderOf(lock)) === holder) await rm(lock, { force: true })
        } else if (Date.now() > deadline) return E.left(fileUnwritable(lock, `timed out waiting for the lock${by}`))
        else {
          if (progress && Date.now() - told >= PROGRESS_MS) {
            told = Date.now()
            progress(
              `waiting for the lock ${lock}${by} (${Math.round((told - started) / 1000)}s of ${WAIT_MS / 1000}s)\n`,
            )
          }
          await sleep(20 + Math.random() * 30)
        }
      }
    }
    try {
      return await task()
    } finally {
      await rm(lock, { force: true })
    }
  }
