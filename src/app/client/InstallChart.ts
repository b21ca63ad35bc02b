import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type {
  GetReleaseStatusResponse,
  InstallReleaseRequest,
  ReleaseResponse,
} from '../../domain/release/ReleaseService'
import type { ValueOptions } from '../../domain/values/ValueOptions'
import { toYamlString } from '../../domain/yaml/Write'
import type { ClientDeps, UseCase } from './Deps'
import { type ChartRequest, prepareChart } from './PrepareChart'
import type { TemplateDeps } from './ChartDependencies'

export type ReleaseDeps = TemplateDeps & Pick<ClientDeps, 'tiller'>

/** `helm install`: the chart, the value flags, and the release settings sent to Tiller. */
export interface InstallRequest {
  readonly chart: ChartRequest
  readonly values: ValueOptions
  readonly release: Omit<InstallReleaseRequest, 'chart' | 'values'>
}

/** What Tiller answered, and the release's status after a real (not dry) run. */
export interface ReleaseAnswer {
  readonly response: ReleaseResponse
  readonly status?: GetReleaseStatusResponse | undefined
}

/** The user's values as a release Config (raw YAML; `{}\n` when none). */
export const config =
  (values: ValueOptions) =>
  (d: Pick<ClientDeps, 'values'>): TE.TaskEither<import('../../domain/errors').HelmError, { readonly raw: string }> =>
    pipe(
      d.values(values),
      TE.map((v) => ({ raw: toYamlString(v) })),
    )

/** The status Helm v2 prints after a release changed (none for a dry run). */
export const statusAfter =
  (dryRun: boolean | undefined) =>
  (d: Pick<ClientDeps, 'tiller'>) =>
  (response: ReleaseResponse): TE.TaskEither<import('../../domain/errors').HelmError, ReleaseAnswer> =>
    dryRun
      ? TE.right({ response })
      : pipe(
          d.tiller.getReleaseStatus({ name: response.release.name }),
          TE.map((status) => ({ response, status })),
        )

/**
 * `helm install`: prepares the chart (locate, load, dependencies), reads the values, asks Tiller to install, then
 * reads the status. Errors: the chart's, the values', and whatever Tiller reports.
 */
export const installChart =
  (req: InstallRequest): UseCase<ReleaseDeps, ReleaseAnswer> =>
  (d) =>
    pipe(
      TE.Do,
      TE.bind('chart', () => prepareChart(req.chart)(d)),
      TE.bind('values', () => config(req.values)(d)),
      TE.chain(({ chart, values }) => d.tiller.installRelease({ ...req.release, chart, values })),
      TE.chain(statusAfter(req.release.dryRun)(d)),
    )
