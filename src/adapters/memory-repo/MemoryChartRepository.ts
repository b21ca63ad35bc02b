import * as TE from 'fp-ts/TaskEither'
import { httpStatus, unreachable } from '../../domain/repo/RepoError'
import type { ChartRepository, RepoAuth } from '../../ports/ChartRepository'

/** An in-memory chart repository host, with the requests it served (URL and the auth it was sent). */
export interface MemoryChartRepository extends ChartRepository {
  /** Serves `bytes` at `url` from now on. */
  readonly serve: (url: string, bytes: Uint8Array | string) => void
  readonly requests: () => ReadonlyArray<{ readonly url: string; readonly auth: RepoAuth }>
}

/**
 * Repositories in memory for the schemes given (http and https by default): `files` maps absolute URLs to their
 * bytes (an index at `<repo>/index.yaml`). An unknown URL under a served host answers 404; any other host is
 * unreachable, as over HTTP.
 */
export const memoryChartRepository = (
  files: Readonly<Record<string, Uint8Array | string>> = {},
  schemes: ReadonlyArray<string> = ['http', 'https'],
): MemoryChartRepository => {
  const served = new Map<string, Uint8Array>()
  const seen: Array<{ url: string; auth: RepoAuth }> = []
  const serve = (url: string, bytes: Uint8Array | string): void =>
    void served.set(url, typeof bytes === 'string' ? new Uint8Array(Buffer.from(bytes)) : new Uint8Array(bytes))
  for (const [u, b] of Object.entries(files)) serve(u, b)
  const hostOf = (u: string): string | undefined => {
    try {
      return new URL(u).host
    } catch {
      return undefined
    }
  }
  const get = (url: string, auth: RepoAuth) => {
    seen.push({ url, auth })
    const bytes = served.get(url)
    if (bytes) return TE.right(new Uint8Array(bytes))
    const host = hostOf(url)
    return host !== undefined && [...served.keys()].some((k) => hostOf(k) === host)
      ? TE.left(httpStatus(url, 404, 'Not Found'))
      : TE.left(unreachable(url, `Get ${JSON.stringify(url)}: dial tcp: lookup ${host ?? url}: no such host`))
  }
  return {
    name: 'memory',
    schemes,
    index: (repoUrl, auth) => get(`${repoUrl.replace(/\/+$/, '')}/index.yaml`, auth),
    get,
    serve,
    requests: () => [...seen],
  }
}
