import * as E from 'fp-ts/Either'
import { urlFileName } from '../path/SafePath'
import { type PluginError, pluginSourceUnknown } from './PluginError'

/**
 * Where `helm plugin install` takes a plugin from (Helm v2's installer.NewForSource, in its order): a folder on
 * disk (linked), an http(s) URL of a `.tar.gz`/`.tgz` archive (unpacked), or a VCS repository (cloned with git).
 */
export type PluginSource =
  | { readonly _tag: 'Local'; readonly path: string }
  | { readonly _tag: 'Archive'; readonly url: string; readonly name: string }
  | { readonly _tag: 'Vcs'; readonly url: string }

const archiveSuffixes = ['.tar.gz', '.tgz'] as const

// cache.Key's scpSyntaxRe (from glide): git@host:path
const scpSyntax = /^([a-zA-Z0-9_]+)@([a-zA-Z0-9._-]+):(.*)$/

/** True for an http(s) URL ending in an archive suffix v2 unpacks (installer.isRemoteHTTPArchive). */
export const isArchiveUrl = (source: string): boolean =>
  (source.startsWith('http://') || source.startsWith('https://')) && archiveSuffixes.some((s) => source.endsWith(s))

/**
 * The plugin's folder name for an archive file name (v2's stripPluginName): the suffix dropped, then a trailing
 * `-<digits>.<anything>` (its version) dropped: `helm-s3-0.9.2.tar.gz` → `helm-s3`.
 */
export const stripPluginName = (fileName: string): string => {
  const suffix = archiveSuffixes.find((s) => fileName.endsWith(s))
  const base = suffix ? fileName.slice(0, -suffix.length) : ''
  return base.replace(/(.*)-[0-9]+\..*/, '$1')
}

/**
 * Classifies `source`; `isLocal` tells whether it names something on disk (v2 stats it first). A source that is
 * neither, nor a URL git can clone (`scheme://...` or `user@host:path`), is PluginSourceUnknown.
 */
export const classifySource = (source: string, isLocal: boolean): E.Either<PluginError, PluginSource> => {
  if (isLocal) return E.right({ _tag: 'Local', path: source })
  if (isArchiveUrl(source))
    return E.right({ _tag: 'Archive', url: source, name: stripPluginName(urlFileName(source) ?? '') })
  if (/^[a-z][a-z0-9+.-]*:\/\/./i.test(source) || scpSyntax.test(source)) return E.right({ _tag: 'Vcs', url: source })
  return E.left(pluginSourceUnknown(source))
}

/**
 * The folder name under `$HELM_HOME/cache/plugins` of a VCS or archive source (v2's cache.Key): scheme, user,
 * host and path joined with `-`, every `/` and `:` a `-` (`https://github.com/a/b` → `https-github.com-a-b`).
 */
export const cacheKey = (source: string): string => {
  const scp = scpSyntax.exec(source)
  let key: string
  if (scp) key = `${scp[1]}-${scp[2]}/${scp[3]}`
  else {
    let u: URL | undefined
    try {
      u = new URL(source)
    } catch {
      u = undefined
    }
    if (u === undefined) key = source
    else {
      let path = u.pathname
      try {
        path = decodeURIComponent(path)
      } catch {
        // Go keeps a path it cannot unescape as url.Parse refused it; ours stays encoded
      }
      const scheme = u.protocol.replace(/:$/, '')
      key = `${scheme}-${u.username ? `${decodeURIComponent(u.username)}-` : ''}${u.host}${path}`
    }
  }
  return key.replaceAll('/', '-').replaceAll(':', '-')
}
