import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { chartNotFound } from '../../domain/chart/ChartError'
import { invalidArgument } from '../../domain/GeneralError'
import { joinPath, pathIn } from '../../domain/path/SafePath'
import * as E from 'fp-ts/Either'
import type { Chart } from '../../domain/chart/Chart'
import { loadChart } from './Charts'
import type { ClientDeps, UseCase } from './Deps'
import type { ChartRefOptions } from './ResolveChart'

/** CHART as typed for install, upgrade, template, show: the reference, the working folder, and how to find it. */
export interface LocateRequest extends ChartRefOptions {
  readonly ref: string
  readonly cwd: string
  /** `--verify`: the archive must have a .prov signed by a key of `keyring` */
  readonly verify?: boolean | undefined
  readonly keyring?: string | undefined
}

/**
 * Turns CHART into a local path as Helm v2's locateChartPath does: an existing folder or archive as is (verified
 * when asked; a folder cannot be); else a chart under $HELM_HOME/repository; else `repo/chart`, a URL or `--repo`
 * downloaded into $HELM_HOME/cache/archive. Left ChartNotFound (a path that is not there), InvalidArgument, and
 * the download's and verification's errors.
 */
export const locateChart =
  (req: LocateRequest): UseCase<Pick<ClientDeps, 'files' | 'home' | 'repos' | 'signatory' | 'out'>, string> =>
  (d) => {
    const local = joinPath(req.cwd, req.ref)
    return pipe(
      d.files.stat(local),
      TE.chain((st) => {
        if (O.isSome(st) && !req.repoUrl) {
          if (!req.verify) return TE.right(local)
          if (st.value.kind === 'directory') return TE.left(invalidArgument('cannot verify a directory'))
          return pipe(
            TE.fromTask(() => import('./Verify')),
            TE.chain(({ verifyChart }) => verifyChart(local, req.keyring ?? '')(d)),
            TE.map(() => local),
          )
        }
        if (O.isNone(st) && (req.ref.startsWith('.') || req.ref.startsWith('/'))) return TE.left(chartNotFound(req.ref))
        // the repository code loads only for a chart that is not a local path
        const download = pipe(
          TE.fromTask(() => import('./DownloadChart')),
          TE.chain(({ downloadChartTo }) =>
            downloadChartTo(req.ref, d.home.layout.archive, { ...req, prov: req.verify })(d),
          ),
          TE.map((got) => got.path),
        )
        // Helm v2 looks in $HELM_HOME/repository first (a reference that would leave it is not looked up there)
        const inHome = pathIn('chart', d.home.layout.repository, req.ref)
        if (req.repoUrl || E.isLeft(inHome)) return download
        return pipe(
          d.files.stat(inHome.right),
          TE.chain(
            O.match(
              () => download,
              () => TE.right(inHome.right),
            ),
          ),
        )
      }),
    )
  }

/** `helm show` / `helm inspect`: the chart CHART names, located then loaded. */
export const loadChartRef =
  (req: LocateRequest): UseCase<Pick<ClientDeps, 'files' | 'home' | 'repos' | 'signatory' | 'out'>, Chart> =>
  (d) =>
    pipe(
      locateChart(req)(d),
      TE.chain((path) => loadChart(path)(d)),
    )
