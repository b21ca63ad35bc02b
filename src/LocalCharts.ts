// The embedding API's chart helpers on the local disk (what src/index.ts exports): the client use cases run on the
// local adapters, for programs that load, package or fetch charts without the helm CLI.
import { pipe } from 'fp-ts/function'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { localChartFiles } from './adapters/fs/LocalChartFiles'
import { localHelmHome } from './adapters/fs/LocalHelmHome'
import { httpRepository } from './adapters/http-repo/HttpRepository'
import { openPgpSignatory } from './adapters/openpgp/OpenPgpSignatory'
import { systemClock } from './adapters/system/System'
import { loadChart } from './app/client/Charts'
import { locateChart } from './app/client/LocateChart'
import type { ChartRefOptions } from './app/client/ResolveChart'
import { routeByScheme } from './app/client/Transports'
import { readChartArchive } from './domain/chart/archive/Archive'
import type { Chart } from './domain/chart/Chart'
import { loadChartArchive } from './domain/chart/Load'
import { chartArchiveBytes, chartArchiveName } from './domain/chart/Save'
import type { HelmError } from './domain/errors'
import { fileIn, joinPath } from './domain/path/SafePath'
import { goTime } from './domain/repo/Index'

/** Loads a chart from a folder or a `.tgz` (see app/client/Charts.loadChart). */
export const loadChartPath = (path: string): TE.TaskEither<HelmError, Chart> =>
  loadChart(joinPath(process.cwd(), path))({ files: localChartFiles() })

/** Options of `packageChart`. */
export interface PackageOptions {
  readonly destination: string
  readonly version?: string
  readonly appVersion?: string
}

/** `helm package` of a folder without HELM_HOME: writes the reproducible NAME-VERSION.tgz; returns its path. */
export const packageChart = (dir: string, opts: PackageOptions): TE.TaskEither<HelmError, string> => {
  const files = localChartFiles()
  const destination = joinPath(process.cwd(), opts.destination)
  return pipe(
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
    TE.chainFirstEitherKW((chart) => fileIn('chart archive', destination, chartArchiveName(chart.metadata))),
    TE.chain((chart) => files.write(destination, chartArchiveName(chart.metadata), chartArchiveBytes(chart))),
  )
}

/** Unpacks a chart archive under `destDir/NAME` (as `helm fetch --untar`), every entry resolved inside it first. */
export const expandChartArchive = (
  bytes: Uint8Array,
  origin: string,
  destDir: string,
): TE.TaskEither<HelmError, string> =>
  pipe(
    E.Do,
    E.apS('chart', loadChartArchive(bytes, origin)),
    E.bindW('root', ({ chart }) => fileIn('chart folder', joinPath(process.cwd(), destDir), chart.metadata.name)),
    E.bindW('files', () => readChartArchive(bytes, origin)),
    TE.fromEither,
    TE.chainFirst(({ root, files }) => localChartFiles().writeTree(root, files)),
    TE.map(({ root }) => root),
  )

/** How `resolveChartRef` finds a chart: Helm's `--version`, `--devel`, `--repo`, credentials and `--verify`. */
export interface ResolveOptions extends ChartRefOptions {
  readonly verify?: boolean | undefined
  readonly keyring?: string | undefined
}

/**
 * Turns what a user typed for CHART into a local path, as `helm install` does: an existing folder or archive, a chart
 * under `<home>/repository`, else `repo/chart`, a URL or `--repo` downloaded into `<home>/cache/archive`.
 */
export const resolveChartRef = (
  home: string,
  ref: string,
  opts: ResolveOptions = {},
): TE.TaskEither<HelmError, string> =>
  locateChart({ ref, cwd: process.cwd(), ...opts })({
    files: localChartFiles(),
    home: localHelmHome(home, () => goTime(systemClock.now().toISOString())),
    repos: routeByScheme([httpRepository()]),
    signatory: openPgpSignatory(),
    // the download's warnings (none when verifying: locating asks for a .prov only with --verify)
    out: (line) => void process.stderr.write(`${line}\n`),
  })
