import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { UpdateReleaseRequest } from '../../domain/release/ReleaseService'
import type { ValueOptions } from '../../domain/values/ValueOptions'
import type { UseCase } from './Deps'
import {
  config,
  installChart,
  type InstallRequest,
  type ReleaseAnswer,
  type ReleaseDeps,
  statusAfter,
} from './InstallChart'
import { type ChartRequest, prepareChart } from './PrepareChart'

/** `helm upgrade RELEASE CHART`: the chart, the value flags, the update sent to Tiller, and `--install`'s install. */
export interface UpgradeRequest {
  readonly chart: ChartRequest
  readonly values: ValueOptions
  readonly release: Omit<UpdateReleaseRequest, 'chart' | 'values'>
  /** `--install`: what to install when there is no such release */
  readonly install?: InstallRequest['release'] | undefined
}

/** What Tiller answered (and the status after a real run), and whether `--install` installed the release. */
export interface UpgradeAnswer extends ReleaseAnswer {
  readonly installed: boolean
}

/**
 * `helm upgrade`: with `install` and no such release, installs it (saying so first, as Helm v2 does; any other
 * error of that check is ignored, as Helm v2 ignores it); else prepares the chart, reads the values and asks Tiller
 * to update, then reads the status.
 */
export const upgradeChart =
  (req: UpgradeRequest): UseCase<ReleaseDeps, UpgradeAnswer> =>
  (d) => {
    const upgrade = pipe(
      TE.Do,
      TE.bind('chart', () => prepareChart(req.chart)(d)),
      TE.bind('values', () => config(req.values)(d)),
      TE.chain(({ chart, values }) => d.tiller.updateRelease({ ...req.release, chart, values })),
      TE.chain(statusAfter(req.release.dryRun)(d)),
      TE.map((a) => ({ ...a, installed: false })),
    )
    const install = req.install
    if (!install) return upgrade
    return pipe(
      d.tiller.getHistory({ name: req.release.name, max: 1 }),
      TE.match(
        (e) => e._tag === 'ReleaseNotFound',
        () => false,
      ),
      TE.fromTask,
      TE.chain((missing) =>
        missing
          ? pipe(
              TE.fromIO(() => d.out(`Release "${req.release.name}" does not exist. Installing it now.`)),
              TE.chain(() =>
                installChart({ chart: { ...req.chart, depUp: false }, values: req.values, release: install })(d),
              ),
              TE.map((a) => ({ ...a, installed: true })),
            )
          : upgrade,
      ),
    )
  }
