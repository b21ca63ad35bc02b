import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { type ArchiveLimits, defaultArchiveLimits, readChartArchive } from '../../domain/chart/archive/Archive'
import type { Chart, ChartFile } from '../../domain/chart/Chart'
import { chartFileTooLarge, chartNotFound, invalidChartFile } from '../../domain/chart/ChartError'
import { defaultIgnoreRules, type IgnoreRules, isIgnored, parseHelmIgnore } from '../../domain/chart/HelmIgnore'
import { loadChartArchive, loadChartFromFiles } from '../../domain/chart/Load'
import { chartArchiveBytes, chartArchiveName } from '../../domain/chart/Save'
import type { HelmError } from '../../domain/errors'
import { fileIn, pathIn } from '../../domain/path/SafePath'
import { fileNotFound, fileUnreadable, fileUnwritable, invalidArgument } from '../../domain/GeneralError'

export { chartArchiveBytes, loadChartArchive }

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * Reads the files of a chart folder, walking as Helm does: `.helmignore` applied during the walk (an
 * ignored folder is never entered), symlinks followed, irregular files (devices, sockets) refused.
 * Errors: ChartNotFound, FileUnreadable, InvalidChartFile.
 */
export const readChartDir = (dir: string): TE.TaskEither<HelmError, ReadonlyArray<ChartFile>> =>
  TE.tryCatch(
    async () => {
      let rules: IgnoreRules = defaultIgnoreRules
      const ignoreText = await fs.readFile(path.join(dir, '.helmignore'), 'utf8').catch(() => undefined)
      if (ignoreText !== undefined) {
        const r = parseHelmIgnore(ignoreText)
        if (E.isLeft(r)) throw r.left
        rules = r.right
      }
      const out: ChartFile[] = []
      const seen = new Set<string>()
      const walk = async (abs: string, rel: string): Promise<void> => {
        // A symlink back to an enclosing folder would make the walk endless: visit each real folder once.
        const real = await fs.realpath(abs)
        if (seen.has(real)) return
        seen.add(real)
        const names = (await fs.readdir(abs)).sort()
        for (const name of names) {
          const childAbs = path.join(abs, name)
          const childRel = rel === '' ? name : `${rel}/${name}`
          const st = await fs.stat(childAbs).catch(() => undefined)
          // A dangling symlink: Helm's walk reports it; skip it rather than fail the chart.
          if (st === undefined) continue
          if (st.isDirectory()) {
            if (!isIgnored(rules, childRel, true)) await walk(childAbs, childRel)
          } else if (!isIgnored(rules, childRel, false)) {
            if (!st.isFile())
              throw invalidChartFile(childAbs, [
                `cannot load irregular file ${childAbs} as it has file mode type bits set`,
              ])
            if (st.size > defaultArchiveLimits.maxFileBytes)
              throw chartFileTooLarge(childAbs, name, defaultArchiveLimits.maxFileBytes, false)
            const data = new Uint8Array(await fs.readFile(childAbs))
            // Helm's loader drops a UTF-8 byte order mark at the start of every file.
            const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf
            out.push({ path: childRel, data: bom ? data.subarray(3) : data })
          }
        }
      }
      await walk(dir, '')
      return out
    },
    (e) => (isHelmError(e) ? e : fileUnreadable(dir, errText(e))),
  )

const isHelmError = (e: unknown): e is HelmError => typeof e === 'object' && e !== null && '_tag' in e

/**
 * Loads a chart from a folder or a `.tgz` file. Errors: ChartNotFound (no such path), FileUnreadable,
 * and the loader's errors (InvalidChartFile, YamlParseError, YamlTypeError, UnsafeArchive).
 */
export const loadChartPath = (
  p: string,
  limits: ArchiveLimits = defaultArchiveLimits,
): TE.TaskEither<HelmError, Chart> =>
  pipe(
    TE.tryCatch(
      () => fs.stat(p),
      (): HelmError => chartNotFound(p),
    ),
    TE.chain((st) =>
      st.isDirectory()
        ? pipe(
            readChartDir(p),
            TE.chainEitherKW((files) => loadChartFromFiles(files, p.replace(/\/+$/, ''))),
          )
        : pipe(
            TE.tryCatch(
              () => fs.readFile(p),
              (e): HelmError => fileUnreadable(p, errText(e)),
            ),
            TE.chainEitherKW((bytes) => loadChartArchive(new Uint8Array(bytes), p, limits)),
          ),
    ),
  )

/** Options of `packageChart`. */
export interface PackageOptions {
  readonly destination: string
  readonly version?: string
  readonly appVersion?: string
}

/**
 * `helm package`: loads the chart folder (or archive) at `dir`, applies `--version`/`--app-version`,
 * and writes the reproducible `NAME-VERSION.tgz` into `destination` (created if needed).
 * Returns the archive's path. Errors: as `loadChartPath`, InvalidArgument, FileUnwritable.
 */
export const packageChart = (dir: string, opts: PackageOptions): TE.TaskEither<HelmError, string> =>
  pipe(
    loadChartPath(dir),
    TE.map(
      (chart): Chart => ({
        ...chart,
        metadata: {
          ...chart.metadata,
          ...(opts.version ? { version: opts.version } : {}),
          ...(opts.appVersion ? { appVersion: opts.appVersion } : {}),
        },
      }),
    ),
    TE.chain((chart) => writeChartArchiveFile(chart, opts.destination)),
  )

/** Writes `chartArchiveBytes(chart)` as `<destination>/NAME-VERSION.tgz`; returns the path. Errors: InvalidArgument, FileUnwritable. */
export const writeChartArchiveFile = (chart: Chart, destination: string): TE.TaskEither<HelmError, string> => {
  const named = fileIn('chart archive', destination, chartArchiveName(chart.metadata))
  if (E.isLeft(named)) return TE.left(named.left)
  const target = named.right
  return TE.tryCatch(
    async () => {
      await fs.mkdir(destination, { recursive: true })
      await fs.writeFile(target, chartArchiveBytes(chart))
      return target
    },
    (e) => fileUnwritable(target, errText(e)),
  )
}

/**
 * Unpacks a chart archive under `destDir/<top folder>` (as `helm fetch --untar` does), after the
 * archive passed every safety check of `readChartArchive`: nothing is written outside `destDir`.
 * Returns the chart folder. Errors: UnsafeArchive, InvalidChartFile, FileUnwritable.
 */
export const expandChartArchive = (
  bytes: Uint8Array,
  origin: string,
  destDir: string,
): TE.TaskEither<HelmError, string> =>
  pipe(
    TE.fromEither<HelmError, Chart>(loadChartArchive(bytes, origin)),
    TE.chain((chart) =>
      pipe(
        TE.fromEither<HelmError, ReadonlyArray<ChartFile>>(readChartArchive(bytes, origin)),
        TE.chain((files): TE.TaskEither<HelmError, string> => {
          // every target is resolved inside destDir/NAME before the first file is written
          const planned = pipe(
            fileIn('chart folder', path.resolve(destDir), chart.metadata.name),
            E.chain((root) =>
              pipe(
                files,
                E.traverseArray((f) =>
                  pipe(
                    pathIn('chart file', root, f.path),
                    E.map((to) => [to, f.data] as const),
                  ),
                ),
                E.map((targets) => ({ root, targets })),
              ),
            ),
          )
          if (E.isLeft(planned)) return TE.left(planned.left)
          const { root, targets } = planned.right
          return TE.tryCatch(
            async () => {
              for (const [target, data] of targets) {
                await fs.mkdir(path.dirname(target), { recursive: true })
                await fs.writeFile(target, data)
              }
              return root
            },
            (e): HelmError => fileUnwritable(root, errText(e)),
          )
        }),
      ),
    ),
  )

/**
 * Writes a new chart's files into `dir` as `helm create` does: the parent folder must exist, `dir` must
 * not be a file, an empty `charts/` is created, and `onOverwrite` hears of every file that existed.
 * Errors: FileNotFound (no parent), FileUnwritable.
 */
export const writeChartFiles = (
  dir: string,
  files: ReadonlyArray<ChartFile>,
  onOverwrite: (file: string) => void,
): TE.TaskEither<HelmError, string> =>
  TE.tryCatch(
    async () => {
      const parent = path.dirname(dir)
      if (!(await fs.stat(parent).catch(() => undefined))) throw fileNotFound(parent)
      const st = await fs.stat(dir).catch(() => undefined)
      if (st && !st.isDirectory()) throw invalidArgument(`file ${dir} already exists and is not a directory`)
      await fs.mkdir(path.join(dir, 'charts'), { recursive: true })
      for (const f of files) {
        const inside = pathIn('chart file', dir, f.path)
        if (E.isLeft(inside)) throw inside.left
        const target = inside.right
        if (await fs.stat(target).catch(() => undefined)) onOverwrite(target)
        await fs.mkdir(path.dirname(target), { recursive: true })
        await fs.writeFile(target, f.data, { mode: 0o644 })
      }
      return dir
    },
    (e) => (isHelmError(e) ? e : fileUnwritable(dir, errText(e))),
  )
