import { defineMessages } from '../Messages'

/**
 * Errors of Helm v2's plugins (pkg/plugin, cmd/helm/plugin*.go), worded as v2 words them where it has a wording:
 * a plugin.yaml that does not load, a name v2's rules refuse or a command already holds, installs, updates and
 * removals that cannot go ahead, and plugin programs (commands, hooks, downloaders) that fail.
 */
export type PluginError =
  | { readonly _tag: 'InvalidPluginFile'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'InvalidPluginName'; readonly path: string; readonly name: string }
  | { readonly _tag: 'PluginNameTaken'; readonly name: string; readonly path: string }
  | { readonly _tag: 'PluginExists'; readonly name: string; readonly path: string }
  | { readonly _tag: 'PluginMetadataMissing'; readonly source: string }
  | { readonly _tag: 'PluginNotFound'; readonly name: string }
  | { readonly _tag: 'PluginSourceUnknown'; readonly source: string }
  | { readonly _tag: 'PluginVersionNotFound'; readonly version: string; readonly source: string }
  | { readonly _tag: 'PluginNoCommand'; readonly name: string; readonly platform: string }
  | { readonly _tag: 'PluginStartFailed'; readonly file: string; readonly reason: string }
  | { readonly _tag: 'PluginExited'; readonly name: string; readonly code: number }
  | { readonly _tag: 'PluginHookFailed'; readonly event: string; readonly name: string; readonly code: number }
  | { readonly _tag: 'DownloaderFailed'; readonly command: string; readonly url: string; readonly stderr: string }
  | { readonly _tag: 'VcsFailed'; readonly command: string; readonly reason: string }
  | { readonly _tag: 'PluginRepoModified'; readonly dir: string }
  | { readonly _tag: 'PluginNotUpdatable'; readonly reason: string }
  | { readonly _tag: 'PluginsFailed'; readonly failures: ReadonlyArray<string> }

export const invalidPluginFile = (path: string, reason: string): PluginError => ({
  _tag: 'InvalidPluginFile',
  path,
  reason,
})
export const invalidPluginName = (path: string, name: string): PluginError => ({
  _tag: 'InvalidPluginName',
  path,
  name,
})
export const pluginNameTaken = (name: string, path: string): PluginError => ({ _tag: 'PluginNameTaken', name, path })
export const pluginExists = (name: string, path: string): PluginError => ({ _tag: 'PluginExists', name, path })
export const pluginMetadataMissing = (source: string): PluginError => ({ _tag: 'PluginMetadataMissing', source })
export const pluginNotFound = (name: string): PluginError => ({ _tag: 'PluginNotFound', name })
export const pluginSourceUnknown = (source: string): PluginError => ({ _tag: 'PluginSourceUnknown', source })
export const pluginVersionNotFound = (version: string, source: string): PluginError => ({
  _tag: 'PluginVersionNotFound',
  version,
  source,
})
export const pluginNoCommand = (name: string, platform: string): PluginError => ({
  _tag: 'PluginNoCommand',
  name,
  platform,
})
export const pluginStartFailed = (file: string, reason: string): PluginError => ({
  _tag: 'PluginStartFailed',
  file,
  reason,
})
export const pluginExited = (name: string, code: number): PluginError => ({ _tag: 'PluginExited', name, code })
export const pluginHookFailed = (event: string, name: string, code: number): PluginError => ({
  _tag: 'PluginHookFailed',
  event,
  name,
  code,
})
export const downloaderFailed = (command: string, url: string, stderr: string): PluginError => ({
  _tag: 'DownloaderFailed',
  command,
  url,
  stderr,
})
export const vcsFailed = (command: string, reason: string): PluginError => ({ _tag: 'VcsFailed', command, reason })
export const pluginRepoModified = (dir: string): PluginError => ({ _tag: 'PluginRepoModified', dir })
export const pluginNotUpdatable = (reason: string): PluginError => ({ _tag: 'PluginNotUpdatable', reason })
export const pluginsFailed = (failures: ReadonlyArray<string>): PluginError => ({ _tag: 'PluginsFailed', failures })

// what a program wrote on stderr, as one line (its last non-empty one carries the reason)
const lastLine = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .pop() ?? ''

export const pluginMessages = defineMessages<PluginError>({
  // Helm 3's wording (v2 printed yaml.v2's multi-line unmarshal error)
  InvalidPluginFile: (e) => `failed to load plugin at ${JSON.stringify(e.path)}: ${e.reason}`,
  InvalidPluginName: (e) =>
    `invalid plugin name ${JSON.stringify(e.name)} at ${JSON.stringify(e.path)}: a name is made of the characters a-z, A-Z, 0-9, _ and -`,
  PluginNameTaken: (e) =>
    `plugin name ${JSON.stringify(e.name)} at ${JSON.stringify(e.path)} is the name of a helm command; a plugin cannot replace it`,
  PluginExists: (e) => `plugin already exists: ${JSON.stringify(e.name)} is installed at ${e.path}`,
  PluginMetadataMissing: (e) => `plugin metadata (plugin.yaml) missing in ${e.source}`,
  PluginNotFound: (e) => `Plugin: ${e.name} not found`,
  PluginSourceUnknown: (e) =>
    `cannot install plugin from ${JSON.stringify(e.source)}: it is neither a folder, an archive URL (.tar.gz, .tgz) nor a VCS repository URL`,
  PluginVersionNotFound: (e) =>
    `requested version ${JSON.stringify(e.version)} does not exist for plugin ${JSON.stringify(e.source)}`,
  PluginNoCommand: (e) => `plugin ${JSON.stringify(e.name)} has no command for ${e.platform}`,
  PluginStartFailed: (e) => `fork/exec ${e.file}: ${e.reason}`,
  PluginExited: (e) => `plugin ${JSON.stringify(e.name)} exited with error`,
  PluginHookFailed: (e) => `plugin ${e.event} hook for ${JSON.stringify(e.name)} exited with error`,
  DownloaderFailed: (e) => {
    const why = lastLine(e.stderr)
    return `plugin ${JSON.stringify(e.command)} exited with error${why ? `: ${why}` : ''}`
  },
  VcsFailed: (e) => `${e.command}: ${lastLine(e.reason) || 'failed'}`,
  PluginRepoModified: () => 'plugin repo was modified',
  PluginNotUpdatable: (e) => `cannot get information about plugin source: ${e.reason}`,
  PluginsFailed: (e) => e.failures.join('\n'),
})
