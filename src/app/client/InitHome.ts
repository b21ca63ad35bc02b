import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { type HelmError, message } from '../../domain/errors'
import { joinPath } from '../../domain/path/SafePath'
import { emptyIndex, serializeIndex } from '../../domain/repo/Index'
import { repoUnreachable } from '../../domain/repo/RepoError'
import { emptyEntry, emptyRepoFile, type RepoEntry, type RepoFile, upsertRepo } from '../../domain/repo/RepoFile'
import { fetchIndex, goNow } from './RepoIndexes'
import type { ClientDeps, UseCase } from './Deps'
import { LOCAL_REPO_URL } from './Package'

/** `helm init --client-only` options (Helm v2 defaults). */
export interface InitHomeRequest {
  readonly stableRepoUrl?: string | undefined
  readonly localRepoUrl?: string | undefined
  /** do not download the stable repository's index (`--skip-refresh`) */
  readonly skipRefresh?: boolean | undefined
  /** add neither stable nor local (`--skip-repos`) */
  readonly skipRepos?: boolean | undefined
}

export const STABLE_REPO_URL = 'https://charts.helm.sh/stable'

type InitDeps = Pick<ClientDeps, 'home' | 'repos' | 'files' | 'clock' | 'out'>

/**
 * Sets $HELM_HOME up as Helm v2's `init --client-only`: makes each missing folder ("Creating PATH" lines on `out`),
 * and when there is no repositories.yaml yet writes one with the `stable` repository (its index downloaded unless
 * skipRefresh) and the `local` one (an empty repository/local/index.yaml, linked from the cache). Left
 * RepoUnreachable (stable), FileUnwritable, InvalidArgument (a folder of the layout that is a file).
 */
export const initHome =
  (req: InitHomeRequest): UseCase<InitDeps, void> =>
  (d) => {
    const l = d.home.layout
    const entry = (name: string, url: string): RepoEntry => ({
      ...emptyEntry,
      name,
      url,
      cache: joinPath(l.cache, `${name}-index.yaml`),
    })
    const withRepos = (file: RepoFile): TE.TaskEither<HelmError, RepoFile> => {
      const stableUrl = req.stableRepoUrl ?? STABLE_REPO_URL
      const localUrl = req.localRepoUrl ?? LOCAL_REPO_URL
      const stable = entry('stable', stableUrl)
      const local = entry('local', localUrl)
      const localIndex = joinPath(l.localRepository, 'index.yaml')
      return pipe(
        TE.fromIO(() => d.out(`Adding stable repo with URL: ${stableUrl} `)),
        TE.chain(() =>
          req.skipRefresh
            ? TE.right(undefined)
            : pipe(
                fetchIndex(stableUrl, {})(d),
                TE.mapLeft((e) => repoUnreachable(stableUrl, message(e))),
                TE.chainW(({ bytes, index }) => d.home.writeIndex(stable, bytes, index)),
              ),
        ),
        TE.chainFirstIOK(() => () => d.out(`Adding local repo with URL: ${localUrl} `)),
        TE.chain(() => d.files.stat(localIndex)),
        TE.chain((st) =>
          O.isSome(st)
            ? TE.right(undefined)
            : pipe(
                d.files.write(l.localRepository, 'index.yaml', Buffer.from(serializeIndex(emptyIndex(goNow(d.clock))))),
                // Helm v2 links the local repository's cache entry to the served index itself
                TE.chain(() => d.home.linkIndex(local, localIndex)),
              ),
        ),
        TE.map(() => upsertRepo(upsertRepo(file, stable, goNow(d.clock)), local, goNow(d.clock))),
      )
    }
    return pipe(
      d.home.ensure(),
      TE.chainFirstIOK((made) => () => {
        for (const dir of made) d.out(`Creating ${dir} `)
      }),
      TE.chain(() => d.home.readRepositories()),
      TE.chain(
        O.match(
          () =>
            pipe(
              TE.fromIO(() => d.out(`Creating ${l.repositoryFile} `)),
              TE.chain(() =>
                req.skipRepos ? TE.right(emptyRepoFile(goNow(d.clock))) : withRepos(emptyRepoFile(goNow(d.clock))),
              ),
              TE.chain((file) => d.home.updateRepositories(() => TE.right([file, undefined] as const))),
            ),
          () => TE.right(undefined),
        ),
      ),
    )
  }
