import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Chart } from '../../domain/chart/Chart'
import { chartNotFound } from '../../domain/chart/ChartError'
import { loadChartArchive, loadChartFromFiles } from '../../domain/chart/Load'
import type { HelmError } from '../../domain/errors'
import type { ChartFiles } from '../../ports/ChartFiles'

/**
 * Loads a chart from a folder (walked as Helm walks it) or a `.tgz`. Errors: ChartNotFound (nothing at `path`),
 * FileUnreadable, and the loader's (InvalidChartFile, InvalidChartMetadata, YAML errors, UnsafeArchive,
 * ChartTooLarge, ChartFileTooLarge).
 */
export const loadChart =
  (path: string) =>
  (d: { readonly files: ChartFiles }): TE.TaskEither<HelmError, Chart> =>
    pipe(
      d.files.stat(path),
      TE.chain(
        O.match(
          () => TE.left<HelmError, Chart>(chartNotFound(path)),
          (st) =>
            st.kind === 'directory'
              ? pipe(
                  d.files.readChartDir(path),
                  TE.chainEitherKW((files) => loadChartFromFiles(files, path.replace(/\/+$/, ''))),
                )
              : pipe(
                  d.files.read(path),
                  TE.chainEitherKW((bytes) => loadChartArchive(bytes, path)),
                ),
        ),
      ),
    )
