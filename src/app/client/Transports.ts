import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { unreachable } from '../../domain/repo/RepoError'
import { schemeOf } from '../../domain/repo/RepoUrl'
import type { ChartRepository } from '../../ports/ChartRepository'

/**
 * One ChartRepository over several transports, each URL handed to the transport serving its scheme (http/https,
 * later oci and downloader plugins); a URL no transport serves is Unreachable, worded as Go's http client words it.
 */
export const routeByScheme = (transports: ReadonlyArray<ChartRepository>): ChartRepository => {
  const pick = (url: string): E.Either<HelmError, ChartRepository> => {
    const scheme = schemeOf(url)
    if (scheme === undefined) return E.left(unreachable(url, `parse ${JSON.stringify(url)}: invalid URL`))
    const t = transports.find((r) => r.schemes.includes(scheme))
    return t ? E.right(t) : E.left(unreachable(url, `unsupported protocol scheme ${JSON.stringify(scheme)}`))
  }
  return {
    name: transports.map((t) => t.name).join('+'),
    schemes: transports.flatMap((t) => t.schemes),
    index: (url, auth) =>
      pipe(
        TE.fromEither(pick(url)),
        TE.chain((t) => t.index(url, auth)),
      ),
    get: (url, auth) =>
      pipe(
        TE.fromEither(pick(url)),
        TE.chain((t) => t.get(url, auth)),
      ),
  }
}
