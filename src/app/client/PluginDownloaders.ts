import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { downloaderInvocation } from '../../domain/plugin/PluginCommand'
import { downloaderFailed } from '../../domain/plugin/PluginError'
import { unreachable } from '../../domain/repo/RepoError'
import { indexUrl, schemeOf } from '../../domain/repo/RepoUrl'
import type { ChartRepository, RepoAuth } from '../../ports/ChartRepository'
import type { Plugins } from '../../ports/Plugins'
import type { Installed } from './FindPlugins'
import { type PluginContext, programEnv } from './PluginContext'

/**
 * Chart repositories served by downloader plugins (Helm v2's pkg/getter plugingetter): one transport for every
 * protocol the installed plugins declare (the first plugin to declare a protocol serves it). Each URL is fetched by
 * running `command certFile keyFile caFile URL` from the plugin's folder, with the plugin's environment (and Helm 3's
 * HELM_PLUGIN_USERNAME / HELM_PLUGIN_PASSWORD): its standard output is the bytes; what it writes on standard error is
 * shown (`warn`) when it succeeds and is the reason (DownloaderFailed) when it fails. The index of a repository is
 * `<URL>/index.yaml`, as for HTTP. Undefined when no plugin declares a protocol.
 */
export const downloaderTransport = (
  plugins: Plugins,
  installed: ReadonlyArray<Installed>,
  ctx: PluginContext,
  warn: (line: string) => void,
): ChartRepository | undefined => {
  const byScheme = new Map<string, { readonly plugin: Installed; readonly command: string }>()
  for (const p of installed)
    for (const dl of p.metadata.downloaders)
      for (const protocol of dl.protocols)
        if (!byScheme.has(protocol.toLowerCase()))
          byScheme.set(protocol.toLowerCase(), { plugin: p, command: dl.command })
  if (byScheme.size === 0) return undefined
  const get = (url: string, auth: RepoAuth): TE.TaskEither<HelmError, Uint8Array> => {
    const served = byScheme.get(schemeOf(url) ?? '')
    if (served === undefined) return TE.left(unreachable(url, `no downloader plugin serves ${JSON.stringify(url)}`))
    const { plugin, command } = served
    const env = {
      ...programEnv(ctx, plugin.metadata.name, plugin.dir),
      HELM_PLUGIN_USERNAME: auth.username ?? '',
      HELM_PLUGIN_PASSWORD: auth.password ?? '',
    }
    const tls = { certFile: auth.certFile ?? '', keyFile: auth.keyFile ?? '', caFile: auth.caFile ?? '' }
    return pipe(
      plugins.capture({ ...downloaderInvocation(command, plugin.dir, env, tls, url), env, cwd: ctx.cwd }),
      TE.chainW((r) => {
        if (r.code !== 0) return TE.left(downloaderFailed(command, url, r.stderr))
        for (const line of r.stderr.split('\n')) if (line.trim() !== '') warn(line)
        return TE.right(r.stdout)
      }),
    )
  }
  return {
    name: 'plugins',
    schemes: [...byScheme.keys()],
    index: (repoUrl, auth) => get(indexUrl(repoUrl), auth),
    get,
  }
}
