import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { type IndexFile, parseIndex } from '../../domain/repo/Index'
import type { RepoEntry } from '../../domain/repo/RepoFile'
import { type HttpAuth, httpGet } from './HttpGet'

/** The HTTP credentials and TLS files configured for a repository. */
export const entryAuth = (r: RepoEntry | undefined): HttpAuth =>
  r ? { username: r.username, password: r.password, caFile: r.caFile, certFile: r.certFile, keyFile: r.keyFile } : {}

/** `<repo URL>/index.yaml`, as Helm builds it. */
export const indexUrl = (repoUrl: string): string => `${repoUrl.replace(/\/+$/, '')}/index.yaml`

/**
 * Downloads and parses a repository's index.yaml. Returns the bytes as served and the parsed index.
 * Left HttpStatus, RepoUnreachable, InvalidIndex.
 */
export const downloadIndex =
  (
    repoUrl: string,
    auth: HttpAuth,
  ): TE.TaskEither<HelmError, { readonly bytes: Uint8Array; readonly index: IndexFile }> =>
  async () => {
    const url = indexUrl(repoUrl)
    const bytes = await httpGet(url, auth)()
    if (E.isLeft(bytes)) return bytes
    const index = parseIndex(url, Buffer.from(bytes.right).toString('utf8'))
    return E.isLeft(index) ? index : E.right({ bytes: bytes.right, index: index.right })
  }

/** A chart URL of an index entry made absolute against the repository URL (which is taken as a folder). */
export const resolveChartUrl = (repoUrl: string, chartUrl: string): string => {
  try {
    return new URL(chartUrl, `${repoUrl.replace(/\/+$/, '')}/`).href
  } catch {
    return chartUrl
  }
}
