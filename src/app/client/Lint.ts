import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { readChartArchive } from '../../domain/chart/archive/Archive'
import type { ChartFile } from '../../domain/chart/Chart'
import { type HelmError, message } from '../../domain/errors'
import { type LintResult, lintChartFiles } from '../../domain/lint/Lint'
import { joinPath } from '../../domain/path/SafePath'
import type { ValueOptions } from '../../domain/values/ValueOptions'
import type { ClientDeps, UseCase } from './Deps'

/** `helm lint [CHART...]`: the charts as typed (relative to `cwd`), the value flags and the lint options. */
export interface LintRequest {
  readonly cwd: string
  readonly charts: ReadonlyArray<string>
  readonly withSubcharts: boolean
  readonly values: ValueOptions
  readonly namespace: string
  readonly strict: boolean
  readonly kubeVersion?: string | undefined
}

/** The lint of one chart, named as typed. */
export interface LintedChart {
  readonly target: string
  readonly result: LintResult
}

type LintDeps = Pick<ClientDeps, 'files' | 'values' | 'clock' | 'random' | 'warn'>

/** Helm 4: every Chart.yaml folder and archive under a chart's charts/, walked in name order. */
const subchartsOf =
  (cwd: string, target: string) =>
  (d: LintDeps): TE.TaskEither<HelmError, ReadonlyArray<string>> => {
    const walk = (dir: string, shown: string): TE.TaskEither<HelmError, ReadonlyArray<string>> =>
      pipe(
        d.files.list(dir),
        TE.orElse(() => TE.right<HelmError, ReadonlyArray<import('../../ports/ChartFiles').FileEntry>>([])),
        TE.chain((entries) =>
          TE.sequenceSeqArray(
            entries.map((e) => {
              const here =
                e.name === 'Chart.yaml' ? [shown] : /\.(tgz|tar\.gz)$/.test(e.name) ? [joinPath(shown, e.name)] : []
              return e.kind === 'directory'
                ? pipe(
                    walk(joinPath(dir, e.name), joinPath(shown, e.name)),
                    TE.map((inner) => [...here, ...inner]),
                  )
                : TE.right(here)
            }),
          ),
        ),
        TE.map((lists) => lists.flat()),
      )
    return walk(joinPath(cwd, joinPath(target, 'charts')), joinPath(target, 'charts'))
  }

/**
 * `helm lint`: each chart folder or archive linted as Helm 4 does (`withSubcharts` adds the charts under charts/).
 * A chart that cannot be read is a fatal finding, never a failure of the run. Left: the value flags' errors.
 */
export const lintCharts =
  (req: LintRequest): UseCase<LintDeps, ReadonlyArray<LintedChart>> =>
  (d) =>
    pipe(
      TE.Do,
      TE.bind('values', () => d.values(req.values)),
      TE.bind('targets', (): TE.TaskEither<HelmError, ReadonlyArray<string>> => {
        const given = req.charts.length > 0 ? req.charts : ['.']
        return req.withSubcharts
          ? pipe(
              TE.sequenceSeqArray(given.map((t) => subchartsOf(req.cwd, t)(d))),
              TE.map((subs) => [...given, ...subs.flat()]),
            )
          : TE.right(given)
      }),
      TE.chainW(({ values, targets }) =>
        TE.sequenceSeqArray(
          targets.map((target) => {
            const abs = joinPath(req.cwd, target)
            return pipe(
              d.files.stat(abs),
              TE.chain(
                O.match(
                  () =>
                    TE.right<HelmError, { files: ReadonlyArray<ChartFile>; dir: boolean }>({ files: [], dir: false }),
                  (st) =>
                    st.kind === 'directory'
                      ? pipe(
                          d.files.readChartDir(abs),
                          TE.map((files) => ({ files, dir: true })),
                        )
                      : pipe(
                          d.files.read(abs),
                          TE.chainEitherKW((bytes) => readChartArchive(bytes, target)),
                          TE.map((files) => ({ files, dir: false })),
                        ),
                ),
              ),
              TE.match(
                (e): LintResult => ({ messages: [], fatal: `Error unable to load chart ${target}: ${message(e)}` }),
                ({ files, dir }) => {
                  const result = lintChartFiles(
                    files,
                    dir ? abs : target,
                    values,
                    {
                      namespace: req.namespace,
                      strict: req.strict,
                      ...(req.kubeVersion !== undefined ? { kubeVersion: req.kubeVersion } : {}),
                    },
                    { now: d.clock.now, randomBytes: d.random.bytes, warn: d.warn },
                  )
                  return result.fatal === undefined
                    ? result
                    : { ...result, fatal: result.fatal.replace(`${abs}/Chart.yaml`, `${target}/Chart.yaml`) }
                },
              ),
              TE.fromTask,
              TE.map((result) => ({ target, result })),
            )
          }),
        ),
      ),
    )
