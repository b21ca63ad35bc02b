import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { chartFromStarter, scaffoldChart } from '../../domain/chart/Create'
import { fileNotFound, invalidArgument } from '../../domain/GeneralError'
import { joinPath, splitPath } from '../../domain/path/SafePath'
import { loadChart } from './Charts'
import type { ClientDeps, UseCase } from './Deps'

/** `helm create NAME`: the chart folder (absolute) and `--starter` (a name under $HELM_HOME/starters, or a path). */
export interface CreateRequest {
  readonly dir: string
  readonly starter?: string | undefined
}

/**
 * `helm create`: scaffolds a chart named after the folder (or copies a starter, renamed), writing into `dir`: the
 * parent folder must exist (FileNotFound), `dir` must not be a file, an empty charts/ is made, and every file that
 * existed is named on `warn` as Helm does. Returns the folder.
 */
export const createChart =
  (req: CreateRequest): UseCase<Pick<ClientDeps, 'files' | 'home' | 'warn'>, string> =>
  (d) => {
    const [parent, name] = splitPath(req.dir)
    return pipe(
      req.starter === undefined
        ? TE.fromEither(scaffoldChart(name))
        : pipe(
            loadChart(joinPath(d.home.layout.starters, req.starter))(d),
            TE.chainEitherKW((starter) => chartFromStarter(starter, name)),
          ),
      TE.chainFirst(() =>
        pipe(
          d.files.stat(parent),
          TE.filterOrElseW(O.isSome, () => fileNotFound(parent)),
        ),
      ),
      TE.chainFirst(() =>
        pipe(
          d.files.stat(req.dir),
          TE.filterOrElseW(
            (st) => O.isNone(st) || st.value.kind === 'directory',
            () => invalidArgument(`file ${req.dir} already exists and is not a directory`),
          ),
        ),
      ),
      TE.chainFirst(() => d.files.makeDir(joinPath(req.dir, 'charts'))),
      TE.chain((files) => d.files.writeTree(req.dir, files)),
      TE.map((existed) => {
        for (const f of existed) d.warn(`WARNING: File "${f}" already exists. Overwriting.`)
        return req.dir
      }),
    )
  }
