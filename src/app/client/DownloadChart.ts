import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Chart } from '../../domain/chart/Chart'
import { loadChartArchive } from '../../domain/chart/Load'
import { chartArchiveName } from '../../domain/chart/Save'
import { type HelmError, message } from '../../domain/errors'
import { isOci, ociArchiveName } from '../../domain/oci/Reference'
import { fileIn, urlFileName } from '../../domain/path/SafePath'
import { digestMismatch, notAChart } from '../../domain/repo/RepoError'
import { sha256Hex } from '../../domain/repo/RepoUrl'
import type { ClientDeps, UseCase } from './Deps'
import { type ChartRefOptions, resolveChart } from './ResolveChart'
import { type Verification, verifyProvenance } from './Verify'

/** What to download besides the chart: its `.prov`, and whether to verify against `keyring`. */
export interface DownloadOptions extends ChartRefOptions {
  /** also download `<url>.prov` */
  readonly prov?: boolean | undefined
  /** download the .prov and verify the archive against `keyring` */
  readonly verify?: boolean | undefined
  readonly keyring?: string | undefined
}

/** A downloaded chart: its file name (Go's Base of the URL path), bytes, loaded chart, `.prov` and verification. */
export interface Download {
  readonly fileName: string
  readonly bytes: Uint8Array
  readonly chart: Chart
  readonly prov?: Uint8Array | undefined
  readonly verification?: Verification | undefined
}

/**
 * Downloads the chart `ref` without writing anything: refuses an archive whose sha256 differs from the index's
 * (DigestMismatch) or that does not load as a chart (NotAChart); names it as Helm does (the URL's decoded last
 * segment, else NAME-VERSION.tgz); with `prov`/`verify` fetches the .prov (`prov` alone: a missing one is Helm's warning), with `verify` checks it.
 */
export const downloadChart =
  (ref: string, opts: DownloadOptions): UseCase<Pick<ClientDeps, 'home' | 'repos' | 'signatory' | 'out'>, Download> =>
  (d) =>
    pipe(
      resolveChart(ref, opts)(d),
      TE.bindTo('resolved'),
      TE.bind('bytes', ({ resolved }) => d.repos.get(resolved.url, resolved.auth)),
      TE.chainFirstEitherK(({ resolved, bytes }) => {
        const want = resolved.digest?.replace(/^sha256:/, '')
        const sum = sha256Hex(bytes)
        return want && want !== sum ? E.left(digestMismatch(resolved.url, want, sum)) : E.right(undefined)
      }),
      TE.bind('chart', ({ resolved, bytes }) =>
        TE.fromEither(
          pipe(
            loadChartArchive(bytes, resolved.url),
            // the loader's message names the archive too: keep the reason only
            E.mapLeft((e): HelmError => notAChart(resolved.url, message(e).replace(`${resolved.url}: `, ''))),
          ),
        ),
      ),
      // Go's filepath.Base(url.Path): the path decoded, then its last segment (checked where it is written)
      // an OCI chart is named NAME-TAG.tgz (Helm 4's ChartDownloader)
      TE.let('fileName', ({ resolved, chart }) =>
        isOci(resolved.url)
          ? ociArchiveName(resolved.url)
          : urlFileName(resolved.url) || chartArchiveName(chart.metadata),
      ),
      // Helm's VerifyLater (`--prov` alone): a missing .prov is a warning on stdout and the chart is kept
      TE.bind('prov', ({ resolved }): TE.TaskEither<HelmError, Uint8Array | undefined> => {
        if (!opts.prov && !opts.verify) return TE.right(undefined)
        const prov = d.repos.get(`${resolved.url}.prov`, resolved.auth)
        if (opts.verify) return prov
        return pipe(
          prov,
          TE.orElse((e) => {
            d.out(`WARNING: Verification not found for ${ref}: ${message(e)}`)
            return TE.right<HelmError, Uint8Array | undefined>(undefined)
          }),
        )
      }),
      TE.bind('verification', ({ fileName, bytes, prov }) =>
        opts.verify && prov
          ? verifyProvenance(
              { archiveName: fileName, archive: bytes, prov, provPath: `${fileName}.prov` },
              opts.keyring ?? '',
            )(d)
          : TE.right(undefined),
      ),
      TE.map(({ fileName, bytes, chart, prov, verification }) => ({ fileName, bytes, chart, prov, verification })),
    )

/**
 * Downloads `ref` into the folder `dir` (as the URL's file name, its .prov beside it), verified first when asked:
 * nothing is written when any step fails, nor when the name is not one file name of `dir` (UnsafeFileName).
 */
export const downloadChartTo =
  (
    ref: string,
    dir: string,
    opts: DownloadOptions,
  ): UseCase<
    Pick<ClientDeps, 'home' | 'repos' | 'signatory' | 'files' | 'out'>,
    Download & { readonly path: string }
  > =>
  (d) =>
    pipe(
      downloadChart(ref, opts)(d),
      TE.bindTo('got'),
      TE.chainFirstEitherKW(({ got }) => fileIn('chart archive', dir, got.fileName)),
      TE.bind('path', ({ got }) => d.files.write(dir, got.fileName, got.bytes)),
      TE.chainFirst(({ got }) => (got.prov ? d.files.write(dir, `${got.fileName}.prov`, got.prov) : TE.right(''))),
      TE.map(({ got, path }) => ({ ...got, path })),
    )
