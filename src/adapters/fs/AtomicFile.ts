import { randomBytes } from 'node:crypto'
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnwritable } from '../../domain/GeneralError'

/**
 * Writes a file whole or not at all: a temporary file in the same folder, then rename over the target. A private
 * `mode` (no group or other bits, e.g. 0600 for files holding credentials) is set exactly, whatever the umask and
 * whatever mode an earlier version of the file had; other modes are left to the umask, as Go's WriteFile does.
 */
export const writeFileAtomic = (
  path: string,
  data: string | Uint8Array,
  mode = 0o644,
): TE.TaskEither<HelmError, void> =>
  TE.tryCatch(
    async () => {
      await mkdir(dirname(path), { recursive: true })
      const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
      try {
        await writeFile(tmp, data, { mode })
        if ((mode & 0o077) === 0) await chmod(tmp, mode)
        await rename(tmp, path)
      } catch (err) {
        await rm(tmp, { force: true })
        throw err
      }
    },
    (err) => fileUnwritable(path, err instanceof Error ? err.message : String(err)),
  )

/** The mode of files that hold credentials (repositories.yaml: repository passwords), as Helm 3+ writes them. */
export const PRIVATE_FILE_MODE = 0o600
