import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as T from 'fp-ts/Task'
import * as TE from 'fp-ts/TaskEither'
import type { Chart, Dependency } from '../../domain/chart/Chart'
import { joinPath } from '../../domain/path/SafePath'
import { parseConstraint, satisfiesText } from '../../domain/semver/Constraint'
import type { FileEntry } from '../../ports/ChartFiles'
import { loadChart } from './Charts'
import type { ClientDeps, UseCase } from './Deps'

type ListDeps = Pick<ClientDeps, 'files'>

/** One row of `helm dependency list`. */
export interface DependencyRow {
  readonly dependency: Dependency
  readonly status: string
}

/** The chart's dependencies with their status, and the warnings about stray entries of charts/. */
export interface DependencyListing {
  readonly chart: Chart
  readonly rows: ReadonlyArray<DependencyRow>
  readonly warnings: ReadonlyArray<string>
}

const versionStatus = (dep: Dependency, found: Chart, okText: string): string => {
  if (found.metadata.name !== dep.name) return 'misnamed'
  if (found.metadata.version === dep.version) return okText
  const c = parseConstraint(dep.version ?? '')
  if (E.isLeft(c)) return 'invalid version'
  return satisfiesText(c.right, found.metadata.version) ? okText : 'wrong version'
}

const entriesOf =
  (dir: string) =>
  (d: ListDeps): T.Task<ReadonlyArray<FileEntry>> =>
    pipe(
      d.files.list(dir),
      TE.getOrElse(() => T.of<ReadonlyArray<FileEntry>>([])),
    )

/**
 * The STATUS of one dependency, decided as Helm v2 does: an archive `charts/NAME-*.tgz` ("ok", "wrong version",
 * "misnamed", "corrupt", "too many matches"), else a folder `charts/NAME` ("unpacked", ..., "mispackaged"),
 * else "missing".
 */
const statusOf =
  (dir: string, dep: Dependency) =>
  (d: ListDeps): T.Task<string> => {
    const charts = joinPath(dir, 'charts')
    return pipe(
      entriesOf(charts)(d),
      T.chain((entries) => {
        const archives = entries.filter((e) => e.name.startsWith(`${dep.name}-`) && e.name.endsWith('.tgz'))
        if (archives.length > 1) return T.of('too many matches')
        const archive = archives[0]
        if (archive)
          return pipe(
            loadChart(joinPath(charts, archive.name))(d),
            TE.match(
              () => 'corrupt',
              (c) => versionStatus(dep, c, 'ok'),
            ),
          )
        const folder = entries.find((e) => e.name === dep.name)
        if (!folder) return T.of('missing')
        if (folder.kind !== 'directory') return T.of('mispackaged')
        return pipe(
          loadChart(joinPath(charts, dep.name))(d),
          TE.match(
            () => 'corrupt',
            (c) => versionStatus(dep, c, 'unpacked'),
          ),
        )
      }),
    )
  }

/** Warnings for entries of charts/ (folders and .tgz) that are not charts or not declared, in Helm v2's words. */
const strayCharts =
  (dir: string, chart: Chart) =>
  (d: ListDeps): T.Task<ReadonlyArray<string>> => {
    const charts = joinPath(dir, 'charts')
    const declaredIn = chart.metadata.apiVersion === 'v2' ? 'Chart.yaml' : 'requirements.yaml'
    return pipe(
      entriesOf(charts)(d),
      T.chain((entries) =>
        T.sequenceSeqArray(
          entries
            .filter((e) => e.kind === 'directory' || e.name.endsWith('.tgz'))
            .map((e) => {
              const f = joinPath(charts, e.name)
              return pipe(
                loadChart(f)(d),
                TE.match(
                  () => [`WARNING: "${f}" is not a chart.`],
                  (c) =>
                    chart.requirements.some((r) => r.name === c.metadata.name)
                      ? []
                      : [`WARNING: "${f}" is not in ${declaredIn}.`],
                ),
              )
            }),
        ),
      ),
      T.map((lists) => lists.flat()),
    )
  }

/** `helm dependency list DIR`: the chart's declared dependencies with their status. Left: the chart's load errors. */
export const dependencyList =
  (dir: string): UseCase<ListDeps, DependencyListing> =>
  (d) =>
    pipe(
      loadChart(dir)(d),
      TE.chain((chart) =>
        TE.fromTask(
          pipe(
            T.Do,
            T.bind('rows', () =>
              T.sequenceSeqArray(
                chart.requirements.map((dependency) =>
                  pipe(
                    statusOf(dir, dependency)(d),
                    T.map((status) => ({ dependency, status })),
                  ),
                ),
              ),
            ),
            T.bind('warnings', () => (chart.requirements.length === 0 ? T.of([]) : strayCharts(dir, chart)(d))),
            T.map(({ rows, warnings }) => ({ chart, rows, warnings })),
          ),
        ),
      ),
    )
