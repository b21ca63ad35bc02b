import { createHash } from 'node:crypto'
import type { RepoEntry } from './RepoFile'

/** `<repo URL>/index.yaml`, as Helm builds it. */
export const indexUrl = (repoUrl: string): string => `${repoUrl.replace(/\/+$/, '')}/index.yaml`

/** A chart URL of an index entry made absolute against the repository URL (which is taken as a folder). */
export const resolveChartUrl = (repoUrl: string, chartUrl: string): string => {
  try {
    return new URL(chartUrl, `${repoUrl.replace(/\/+$/, '')}/`).href
  } catch {
    return chartUrl
  }
}

/** The credentials and TLS files a repositories.yaml entry gives its downloads (none without an entry). */
export const entryAuth = (r: RepoEntry | undefined) =>
  r ? { username: r.username, password: r.password, caFile: r.caFile, certFile: r.certFile, keyFile: r.keyFile } : {}

/** True when `ref` is a URL (`scheme://...`) rather than `repo/chart`. */
export const isUrl = (ref: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(ref)

/** The scheme of a URL, lower case, without the colon; undefined when it does not parse. */
export const schemeOf = (url: string): string | undefined => {
  try {
    return new URL(url).protocol.replace(/:$/, '').toLowerCase()
  } catch {
    return undefined
  }
}

/** The sha256 (hex) of bytes, as index digests and provenance files write it. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
