import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import * as path from 'node:path'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { defaultArchiveLimits } from '../../domain/chart/archive/Archive'
import type { ChartFile } from '../../domain/chart/Chart'
import { chartFileTooLarge, chartNotFound, invalidChartFile } from '../../domain/chart/ChartError'
import { defaultIgnoreRules, type IgnoreRules, isIgnored, parseHelmIgnore } from '../../domain/chart/HelmIgnore'
import type { HelmError } from '../../domain/errors'
import { fileNotFound, fileUnreadable, fileUnwritable } from '../../domain/GeneralError'
import { fileIn, pathIn } from '../../domain/path/SafePath'
import type { ChartFiles, FileEntry } from '../../ports/ChartFiles'
import { PRIVATE_FILE_MODE, writeFileAtomic } from './AtomicFile'

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e))
const isHelmError = (e: unknown): e is HelmError => typeof e === 'object' && e !== null && '_tag' in e
const isMissing = (e: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')

const entryOf = (name: string, st: import('node:fs').Stats): FileEntry => ({
  name,
  kind: st.isDirectory() ? 'directory' : 'file',
  size: st.size,
  mtimeMs: st.mtimeMs,
})

/**
 * Walks a chart folder as Helm's loader does: `.helmignore` applied during the walk (an ignored folder is never
 * entered), symlinks followed (each real folder once), irregular files refused, files over 5 MiB refused.
 */
const readChartDir = (dir: string): TE.TaskEither<HelmError, ReadonlyArray<ChartFile>> =>
  TE.tryCatch(
    // synchronous calls: a chart is a few dozen small files, read before anything else can run (no promise and
    // thread-pool round trip per file on the start-up path)
    async () => {
      const top = statOrUndefined(dir)
      if (!top?.isDirectory()) throw chartNotFound(dir)
      let rules: IgnoreRules = defaultIgnoreRules
      const ignoreText = readOrUndefined(path.join(dir, '.helmignore'))
      if (ignoreText !== undefined) {
        const r = parseHelmIgnore(ignoreText)
        if (E.isLeft(r)) throw r.left
        rules = r.right
      }
      const out: ChartFile[] = []
      const seen = new Set<string>()
      const walk = (abs: string, rel: string): void => {
        // a symlink back to an enclosing folder would make the walk endless: visit each real folder once
        const real = realpathSync(abs)
        if (seen.has(real)) return
        seen.add(real)
        for (const name of readdirSync(abs).sort()) {
          const childAbs = path.join(abs, name)
          const childRel = rel === '' ? name : `${rel}/${name}`
          const st = statOrUndefined(childAbs)
          // a dangling symlink: Helm's walk reports it; skip it rather than fail the chart
          if (st === undefined) continue
          if (st.isDirectory()) {
            if (!isIgnored(rules, childRel, true)) walk(childAbs, childRel)
          } else if (!isIgnored(rules, childRel, false)) {
            if (!st.isFile())
              throw invalidChartFile(childAbs, [
                `cannot load irregular file ${childAbs} as it has file mode type bits set`,
              ])
            if (st.size > defaultArchiveLimits.maxFileBytes)
              throw chartFileTooLarge(childAbs, name, defaultArchiveLimits.maxFileBytes, false)
            const data = new Uint8Array(readFileSync(childAbs))
            // Helm's loader drops a UTF-8 byte order mark at the start of every file
            const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf
            out.push({ path: childRel, data: bom ? data.subarray(3) : data })
          }
        }
      }
      walk(dir, '')
      return out
    },
    (e) => (isHelmError(e) ? e : fileUnreadable(dir, errText(e))),
  )

const statOrUndefined = (p: string): import('node:fs').Stats | undefined => {
  try {
    return statSync(p)
  } catch {
    return undefined
  }
}

const readOrUndefined = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8')
  } catch {
    return undefined
  }
}

/** The local file system as the ChartFiles port. */
export const localChartFiles = (): ChartFiles => ({
  name: 'local',
  // synchronous: a chart's location is one stat, and fs/promises costs a start ~1.5 ms of node's own loading
  stat: (p) => async () => {
    try {
      return E.right(O.some(entryOf(path.basename(p), statSync(p))))
    } catch (e) {
      return isMissing(e) ? E.right(O.none) : E.left(fileUnreadable(p, errText(e)))
    }
  },
  list: (dir) =>
    TE.tryCatch(
      async () => {
        const names = (await readdir(dir)).sort()
        const out: FileEntry[] = []
        for (const name of names) {
          const st = await stat(path.join(dir, name)).catch(() => undefined)
          if (st) out.push(entryOf(name, st))
        }
        return out
      },
      (e) => (isMissing(e) ? fileNotFound(dir) : fileUnreadable(dir, errText(e))),
    ),
  read: (p) =>
    TE.tryCatch(
      async () => new Uint8Array(await readFile(p)),
      (e) => (isMissing(e) ? fileNotFound(p) : fileUnreadable(p, errText(e))),
    ),
  readChartDir,
  write: (dir, name, data, opts) =>
    pipe(
      TE.fromEither(fileIn('file', dir, name)),
      TE.chainFirstW((target) => writeFileAtomic(target, data, opts?.private ? PRIVATE_FILE_MODE : undefined)),
    ),
  writeTree: (dir, files) =>
    pipe(
      TE.fromEither(
        pipe(
          files,
          E.traverseArray((f) =>
            pipe(
              pathIn('file', dir, f.path),
              E.map((target) => [target, f.data] as const),
            ),
          ),
        ),
      ),
      TE.chainW((targets) =>
        TE.tryCatch(
          async () => {
            const existed: string[] = []
            for (const [target, data] of targets) {
              if (await stat(target).catch(() => undefined)) existed.push(target)
              await mkdir(path.dirname(target), { recursive: true })
              await writeFile(target, data, { mode: 0o644 })
            }
            return existed
          },
          (e) => fileUnwritable(dir, errText(e)),
        ),
      ),
    ),
  makeDir: (dir) =>
    TE.tryCatch(
      async () => void (await mkdir(dir, { recursive: true })),
      (e) => fileUnwritable(dir, errText(e)),
    ),
  remove: (p) =>
    TE.tryCatch(
      () => rm(p, { recursive: true, force: true }),
      (e) => fileUnwritable(p, errText(e)),
    ),
})
