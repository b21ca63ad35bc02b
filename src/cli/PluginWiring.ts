// Plugins in the helm client's composition root: the settings helm gives them, the plugin commands added to the tree
// at start (Helm v2's loadPlugins), and the runner behind each (global flags taken out, a tunnel for `useTunnel`).
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/Either'
import type { Installed } from '../app/client/FindPlugins'
import type { PluginContext } from '../app/client/PluginContext'
import { type HelmError, message } from '../domain/errors'
import { joinPath } from '../domain/path/SafePath'
import type { Platform } from '../domain/plugin/PluginCommand'
import { pluginDirs } from '../domain/plugin/PluginEnv'
import type { ChartRepository } from '../ports/ChartRepository'
import { childStdio } from './FdOutput'
import type { CommandNode } from './front/Tree'
import type { HelmCommand, HelmContext } from './HelmCommand'

type Env = Readonly<Record<string, string | undefined>>

const goOs: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris' }
const goArch: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' }

/** This machine in Go's names (runtime.GOOS, runtime.GOARCH), for `platformCommand`. */
export const platform = (): Platform => ({
  os: goOs[process.platform] ?? process.platform,
  arch: goArch[process.arch] ?? process.arch,
})

/**
 * A path that runs this helm, for $HELM_BIN: the one the context names (bin/helm as the user ran it), else the
 * project's bin/helm found above this module (the bundle in dist/, or the sources under test).
 */
export const helmBin = (context: HelmContext): string => {
  if (context.helmBin !== undefined) return context.helmBin
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'bin', 'helm')
    if (existsSync(candidate)) return candidate
    dir = dirname(dir)
  }
  return process.argv[1] ?? 'helm'
}

/** What helm knows when it runs a plugin program: its home, Tiller's address and namespace, debug. */
export interface PluginSettingsInput {
  readonly home: string
  readonly tillerHost: string
  readonly hostFlag?: string | undefined
  readonly tillerNamespace: string
  readonly debug: boolean
}

/** The context of plugin programs for `input`, in the command's folder and environment. */
export const pluginContext = (input: PluginSettingsInput, context: HelmContext): PluginContext => {
  const home = resolve(context.cwd, input.home)
  return {
    settings: {
      home,
      repository: joinPath(home, 'repository'),
      repositoryFile: joinPath(home, 'repository/repositories.yaml'),
      cache: joinPath(home, 'repository/cache'),
      localRepository: joinPath(home, 'repository/local'),
      starters: joinPath(home, 'starters'),
      pluginDirs: pluginDirs(context.env.HELM_PLUGIN, joinPath(home, 'plugins')).map((d) => resolve(context.cwd, d)),
      helmBin: helmBin(context),
      tillerHost: input.tillerHost,
      hostFlag: input.hostFlag,
      tillerNamespace: input.tillerNamespace,
      debug: input.debug,
    },
    env: context.env,
    cwd: context.cwd,
    platform: platform(),
  }
}

/** The context of plugin programs run by a helm command (`helm plugin install|update|remove`, downloaders). */
export const commandPluginContext = (cmd: HelmCommand): PluginContext =>
  pluginContext(
    {
      home: cmd.helmHome(),
      tillerHost: cmd.tillerHost() ?? '',
      hostFlag: cmd.host,
      tillerNamespace: cmd.tillerNamespace ?? cmd.context.env.TILLER_NAMESPACE ?? 'kube-system',
      debug: cmd.debug === true,
    },
    cmd.context,
  )

/** $HELM_HOME for a run: `--home` anywhere on the command line (v2 parses it before loading plugins), $HELM_HOME, ~/.helm. */
export const homeOf = (args: ReadonlyArray<string>, env: Env): string => {
  let home: string | undefined
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--') break
    if (a === '--home' && args[i + 1] !== undefined) home = args[++i]
    else if (a.startsWith('--home=')) home = a.slice('--home='.length)
  }
  return home ?? env.HELM_HOME ?? `${env.HOME ?? '.'}/.helm`
}

/** Whether plugins are off for this run (HELM_NO_PLUGINS=1, as v2 checks it). */
export const pluginsOff = (env: Env): boolean => env.HELM_NO_PLUGINS === '1'

/** The names helm's own commands answer to (a plugin may not take one). */
export const reservedNames = (root: CommandNode): ReadonlyArray<string> =>
  (root.children ?? [])
    .filter((c) => c.external === undefined)
    .flatMap((c) => [c.name, ...(c.aliases ?? []), ...(c.hiddenAliases ?? [])])

/** The names of helm's own commands, from the tree a command runs in. */
export const reservedOf = (cmd: HelmCommand): ReadonlyArray<string> => {
  const root = (cmd.cli as unknown as { readonly root?: CommandNode } | undefined)?.root
  return root === undefined ? [] : reservedNames(root)
}

const hasEntries = (dir: string): boolean => {
  try {
    return readdirSync(dir).length > 0
  } catch {
    return false
  }
}

/** The installed plugins for a run (none when plugins are off); each one left out is one line on stderr. */
export const loadPlugins = async (
  args: ReadonlyArray<string>,
  context: HelmContext,
  root: CommandNode,
): Promise<ReadonlyArray<Installed>> => {
  if (pluginsOff(context.env)) return []
  const dirs = pluginDirs(context.env.HELM_PLUGIN, joinPath(resolve(context.cwd, homeOf(args, context.env)), 'plugins'))
  // most runs have no plugin: nothing more is loaded then
  if (!dirs.some((d) => hasEntries(resolve(context.cwd, d)))) return []
  const { localPlugins } = await import('../adapters/plugin-host/LocalPlugins')
  const { findPlugins } = await import('../app/client/FindPlugins')
  const scan = await findPlugins(dirs, reservedNames(root))({ plugins: localPlugins(childStdio(context)) })()
  if (E.isLeft(scan)) {
    // Helm v2's loadPlugins: "failed to load plugins: %s", and helm goes on without them
    context.stderr.write(`failed to load plugins: ${message(scan.left)}\n`)
    return []
  }
  for (const s of scan.right.skipped) context.stderr.write(`WARNING: plugin in ${s.dir} not loaded: ${s.reason}\n`)
  return scan.right.plugins
}

/** The failure of a plugin run as helm reports it: `Error: ...` and the plugin's own exit code when it has one. */
const report = (context: HelmContext, e: HelmError): number => {
  context.stderr.write(`Error: ${message(e)}\n`)
  return e._tag === 'PluginExited' && e.code > 0 ? e.code : 1
}

/**
 * The command node of a plugin (Helm v2's loadPlugins): `usage` as its short help (`the "NAME" plugin` when empty),
 * `description` as its long help, flags not parsed by helm; running it takes helm's global flags out of its
 * arguments, opens a tunnel to Tiller first for `useTunnel` (unless `--host`/$HELM_HOST names Tiller) and closes it
 * when the plugin exits.
 */
export const pluginNode = (p: Installed): CommandNode => {
  const md = p.metadata
  return {
    name: md.name,
    text: { use: md.name, short: md.usage || `the ${JSON.stringify(md.name)} plugin`, long: md.description },
    external: async (args, context) => {
      const { splitPluginArgs } = await import('../domain/plugin/PluginArgs')
      const split = splitPluginArgs(args)
      if (E.isLeft(split)) return report(context, split.left)
      const g = split.right.globals
      const env = context.env
      const host = g.host || env.HELM_HOST || ''
      const namespace = g.tillerNamespace ?? env.TILLER_NAMESPACE ?? 'kube-system'
      let tunnel: { readonly address: string; readonly close: () => void } | undefined
      if (md.useTunnel && host === '') {
        const { tillerEndpoint } = await import('./wiring')
        const opened = await tillerEndpoint(
          { namespace, ...(g.kubeContext !== undefined ? { kubeContext: g.kubeContext } : {}) },
          env,
        )
        if (E.isLeft(opened)) return report(context, opened.left)
        tunnel = opened.right
      }
      try {
        const ctx = pluginContext(
          {
            home: g.home ?? env.HELM_HOME ?? `${env.HOME ?? '.'}/.helm`,
            tillerHost: tunnel?.address ?? host,
            hostFlag: g.host,
            tillerNamespace: namespace,
            debug: g.debug || env.HELM_DEBUG === '1' || env.HELM_DEBUG === 'true',
          },
          context,
        )
        const { localPlugins } = await import('../adapters/plugin-host/LocalPlugins')
        const { runPlugin } = await import('../app/client/PluginRun')
        const ran = await runPlugin({ plugin: p, args: split.right.rest, context: ctx })({
          plugins: localPlugins(childStdio(context)),
        })()
        return E.isLeft(ran) ? report(context, ran.left) : 0
      } finally {
        tunnel?.close()
      }
    },
  }
}

/** The transport of the installed downloader plugins for a command's repositories (none when plugins are off). */
export const downloaders = async (cmd: HelmCommand): Promise<ReadonlyArray<ChartRepository>> => {
  if (pluginsOff(cmd.context.env)) return []
  const ctx = commandPluginContext(cmd)
  const { localPlugins } = await import('../adapters/plugin-host/LocalPlugins')
  const { findPlugins } = await import('../app/client/FindPlugins')
  const { downloaderTransport } = await import('../app/client/PluginDownloaders')
  const plugins = localPlugins(childStdio(cmd.context))
  const scan = await findPlugins(ctx.settings.pluginDirs, reservedOf(cmd))({ plugins })()
  if (E.isLeft(scan)) return []
  const transport = downloaderTransport(plugins, scan.right.plugins, ctx, (line) =>
    cmd.context.stderr.write(`${line}\n`),
  )
  return transport === undefined ? [] : [transport]
}
