import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { invalidArgument } from '../../domain/GeneralError'
import type { ClientDeps, UseCase } from './Deps'
import { uninstallTiller } from './TillerInstall'

/** `helm reset`: Tiller's namespace, `--force` (skip the check for deployed releases) and `--remove-helm-home`. */
export interface ResetRequest {
  readonly namespace: string
  readonly force: boolean
  readonly removeHelmHome: boolean
}

/**
 * `helm reset`: unless `force`, refuses while releases are deployed (Helm v2's words); removes Tiller's objects and,
 * when asked, the whole $HELM_HOME ("Deleting PATH" on `out`).
 */
export const resetTiller =
  (req: ResetRequest): UseCase<Pick<ClientDeps, 'tiller' | 'kube' | 'home' | 'out'>, void> =>
  (d) =>
    pipe(
      req.force
        ? TE.right(undefined)
        : pipe(
            d.tiller.listReleases({ statusCodes: ['DEPLOYED'] }),
            TE.filterOrElseW(
              (res) => res.releases.length === 0,
              (res) =>
                invalidArgument(
                  `there are still ${res.releases.length} deployed releases (Tip: use --force to remove Tiller. Releases will not be deleted.)`,
                ),
            ),
            TE.map(() => undefined),
          ),
      TE.chain(() => uninstallTiller(req.namespace)(d)),
      TE.chain(() =>
        req.removeHelmHome
          ? pipe(
              TE.fromIO(() => d.out(`Deleting ${d.home.layout.root} `)),
              TE.chain(() => d.home.remove()),
            )
          : TE.right(undefined),
      ),
    )
