import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnwritable } from '../../domain/GeneralError'

/** Writes a file whole or not at all: a temporary file in the same folder, then rename over the target. */
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
        await rename(tmp, path)
      } catch (err) {
        await rm(tmp, { force: true })
        throw err
      }
    },
    (err) => fileUnwritable(path, err instanceof Error ? err.message : String(err)),
  )
