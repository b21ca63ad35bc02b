import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { readChartArchive } from '../../domain/chart/archive/Archive'
import { fileIn } from '../../domain/path/SafePath'
import type { ClientDeps, UseCase } from './Deps'
import { type DownloadOptions, downloadChart, downloadChartTo } from './DownloadChart'
import type { Verification } from './Verify'

/** `helm fetch CHART` (`pull`): where to, and `--untar` into which folder (both absolute). */
export interface FetchRequest extends DownloadOptions {
  readonly chart: string
  readonly destination: string
  /** `--untar`: expand the chart under this folder instead of keeping the archive */
  readonly untarDir?: string | undefined
}

/** What a fetch left: the archive's path, or the folder the chart was expanded into; and the verification. */
export interface Fetched {
  readonly path: string
  readonly verification?: Verification | undefined
}

/**
 * `helm fetch`: downloads the chart into `destination`, or with `untarDir` expands it into `untarDir/NAME` (every
 * entry resolved inside it before the first write; the archive itself is not kept, as Helm v2 fetches into a
 * temporary folder). Left as downloadChart, UnsafeArchive, UnsafeFileName, PathOutsideFolder.
 */
export const fetchChart =
  (req: FetchRequest): UseCase<Pick<ClientDeps, 'home' | 'repos' | 'signatory' | 'files' | 'out'>, Fetched> =>
  (d) =>
    req.untarDir === undefined
      ? pipe(
          downloadChartTo(req.chart, req.destination, req)(d),
          TE.map(({ path, verification }) => ({ path, verification })),
        )
      : pipe(
          downloadChart(req.chart, req)(d),
          TE.chainEitherKW((got) =>
            pipe(
              E.Do,
              E.apS('root', fileIn('chart folder', req.untarDir ?? '', got.chart.metadata.name)),
              E.apSW('files', readChartArchive(got.bytes, got.fileName)),
              E.map((x) => ({ ...x, verification: got.verification })),
            ),
          ),
          TE.chainFirst(({ root, files }) => d.files.writeTree(root, files)),
          TE.map(({ root, verification }) => ({ path: root, verification })),
        )
