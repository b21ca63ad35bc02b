import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { goTime, type IndexFile, parseIndex } from '../../domain/repo/Index'
import { indexUrl } from '../../domain/repo/RepoUrl'
import type { ChartRepository, RepoAuth } from '../../ports/ChartRepository'
import type { Clock } from '../../ports/Clock'
import type { HelmHome } from '../../ports/HelmHome'

// What the repository use cases share: fetching a repository's index, HELM_HOME's first files, and the time as Helm
// writes it into the files it generates.

/** A repository's index: the bytes as served and their decoding (InvalidIndex names the index URL). */
export const fetchIndex =
  (repoUrl: string, auth: RepoAuth) =>
  (d: { readonly repos: ChartRepository }): TE.TaskEither<HelmError, { bytes: Uint8Array; index: IndexFile }> =>
    pipe(
      d.repos.index(repoUrl, auth),
      TE.chainEitherKW((bytes) =>
        pipe(
          parseIndex(indexUrl(repoUrl), Buffer.from(bytes).toString('utf8')),
          E.map((index) => ({ bytes, index })),
        ),
      ),
    )

/** Now as Go writes a time.Time into YAML (RFC3339 with nanoseconds, trailing zeros trimmed). */
export const goNow = (clock: Clock): string => goTime(clock.now().toISOString())

/**
 * Makes $HELM_HOME's folders and, when there is none yet, an empty repositories.yaml: what every repository command
 * does first (so a failed `repo add` still leaves a valid, empty file).
 */
export const ensureHome = (d: { readonly home: HelmHome }): TE.TaskEither<HelmError, void> =>
  pipe(
    d.home.ensure(),
    TE.chain(() => d.home.readRepositories()),
    TE.chain(
      O.match(
        () => d.home.updateRepositories((f) => TE.right([f, undefined] as const)),
        () => TE.right(undefined),
      ),
    ),
  )
