import { createHash } from 'node:crypto'
import type { RepoEntry } from './RepoFile'
import { urlJoin } from './UrlJoin'

/**
 * `<repo URL>/index.yaml`, as Helm builds it: `index.yaml` joined into the URL's path (Go's path.Join), a query
 * string kept after it (v2.17 pkg/repo/chartrepo.go DownloadIndexFile; a token in the query reaches the index).
 */
export const indexUrl = (repoUrl: string): string => urlJoin(repoUrl, 'index.yaml')

/**
 * A chart URL of an index entry made absolute against the repository URL (which is taken as a folder); a relative
 * one carries the repository's query string (v2.17's and Helm 4's ResolveReferenceURL agree there); an absolute one
 * is kept as written (Helm 4; v2 put the repository's query on it when it named the same host).
 */
export const resolveChartUrl = (repoUrl: string, chartUrl: string): string => {
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(chartUrl)) return new URL(chartUrl).href
    const base = new URL(repoUrl)
    base.pathname = `${base.pathname.replace(/\/+$/, '')}/`
    const resolved = new URL(chartUrl, base)
    resolved.search = base.search
    return resolved.href
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
