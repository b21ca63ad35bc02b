import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import { findVersion, type ChartVersion } from '../../domain/repo/Index'
import { chartVersionNotFound, repoNotFound } from '../../domain/repo/RepoError'
import { emptyRepoFile, findRepo, findRepoForUrl } from '../../domain/repo/RepoFile'
import { entryAuth, isUrl, resolveChartUrl } from '../../domain/repo/RepoUrl'
import { isOci } from '../../domain/oci/Reference'
import type { RepoAuth } from '../../ports/ChartRepository'
import { fetchIndex } from './RepoIndexes'
import { resolveOci } from './OciResolve'
import type { ClientDeps, UseCase } from './Deps'

/** How to find a chart: Helm's `--version`, `--devel`, `--repo` and the repository credentials flags. */
export interface ChartRefOptions {
  readonly version?: string | undefined
  readonly devel?: boolean | undefined
  /** `--repo URL`: look the chart up in this repository instead of the configured ones. */
  readonly repoUrl?: string | undefined
  readonly auth?: RepoAuth | undefined
}

/** A chart reference resolved to a download URL, with the credentials to send and what the index says of it. */
export interface ResolvedChart {
  readonly url: string
  readonly auth: RepoAuth
  /** the sha256 the index states for the archive, when it states one */
  readonly digest?: string | undefined
  readonly version?: string | undefined
}

const constraintOf = (o: ChartRefOptions): string => (o.version ? o.version : o.devel ? '>0.0.0-0' : '')

const resolvedFrom =
  (repoUrl: string, auth: RepoAuth, notFound: () => HelmError) =>
  (cv: ChartVersion | undefined): E.Either<HelmError, ResolvedChart> => {
    const url = cv?.urls[0]
    return cv && url
      ? E.right({ url: resolveChartUrl(repoUrl, url), auth, digest: cv.digest, version: cv.version })
      : E.left(notFound())
  }

/**
 * Resolves `repo/chart` (the cached index of a configured repository), `chart` with `--repo URL` (that repository's
 * index, downloaded), or a chart URL (sent with the credentials of the configured repository it lies under).
 * Left RepoNotFound, ChartVersionNotFound, InvalidConstraint, InvalidArgument (neither form), download errors.
 */
export const resolveChart =
  (ref: string, opts: ChartRefOptions): UseCase<Pick<ClientDeps, 'home' | 'repos'>, ResolvedChart> =>
  (d) => {
    const version = constraintOf(opts)
    if (isOci(ref) && !opts.repoUrl)
      return pipe(
        resolveOci(ref, version, opts.auth ?? {})(d),
        TE.map((r) => ({ url: r.url, auth: opts.auth ?? {}, version: r.version })),
      )
    return pipe(
      d.home.readRepositories(),
      TE.map(O.getOrElse(() => emptyRepoFile(''))),
      TE.chain((file) => {
        if (opts.repoUrl) {
          const repoUrl = opts.repoUrl
          const auth = opts.auth ?? {}
          return pipe(
            fetchIndex(repoUrl, auth)(d),
            TE.chainEitherKW(({ index }) => findVersion(index, ref, version)),
            TE.chainEitherK(resolvedFrom(repoUrl, auth, () => chartVersionNotFound(repoUrl, ref, version))),
          )
        }
        if (isUrl(ref)) return TE.right({ url: ref, auth: opts.auth ?? entryAuth(findRepoForUrl(file, ref)) })
        const slash = ref.indexOf('/')
        if (slash < 0)
          return TE.left(invalidArgument(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`))
        const [repoName, chart] = [ref.slice(0, slash), ref.slice(slash + 1)]
        const repo = findRepo(file, repoName)
        if (!repo) return TE.left(repoNotFound(repoName))
        return pipe(
          d.home.readIndex(repo),
          TE.chainEitherKW((index) => findVersion(index, chart, version)),
          TE.chainEitherK(
            resolvedFrom(repo.url, entryAuth(repo), () => chartVersionNotFound(repoName, chart, version)),
          ),
        )
      }),
    )
  }
