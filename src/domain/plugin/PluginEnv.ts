/** What helm tells a plugin about itself (Helm v2's EnvSettings as SetupPluginEnv reads it), paths absolute. */
export interface PluginSettings {
  /** $HELM_HOME as given (`--home`, $HELM_HOME, `~/.helm`) */
  readonly home: string
  readonly repository: string
  readonly repositoryFile: string
  readonly cache: string
  readonly localRepository: string
  readonly starters: string
  /** the plugin folders searched, in order */
  readonly pluginDirs: ReadonlyArray<string>
  /** a path that runs this helm */
  readonly helmBin: string
  /** Tiller's address: `--host`/$HELM_HOST, or the tunnel's for a `useTunnel` plugin; '' when none */
  readonly tillerHost: string
  readonly tillerNamespace: string
  readonly debug: boolean
  /** `--host` as given on the command line: the plugin sees it as $HELM_HOST (v2's plugin docs) */
  readonly hostFlag?: string | undefined
}

/**
 * The plugin folders helm searches: each folder of $HELM_PLUGIN (colon-separated, as filepath.SplitList reads it)
 * and then `$HELM_HOME/plugins` (where `helm plugin install` puts plugins), each once.
 */
export const pluginDirs = (helmPlugin: string | undefined, homePlugins: string): ReadonlyArray<string> => {
  const dirs = (helmPlugin ?? '').split(':').filter((d) => d !== '')
  return dirs.includes(homePlugins) ? dirs : [...dirs, homePlugins]
}

/**
 * The variables Helm v2's SetupPluginEnv gives the plugin `name` in folder `dir` (its commands, hooks and
 * downloaders run with them, over the outer environment): HELM_PLUGIN_NAME, HELM_PLUGIN_DIR, HELM_BIN, HELM_PLUGIN
 * (the folders searched), HELM_HOME, HELM_PATH_REPOSITORY, HELM_PATH_REPOSITORY_FILE, HELM_PATH_CACHE,
 * HELM_PATH_LOCAL_REPOSITORY, HELM_PATH_STARTER, TILLER_HOST, TILLER_NAMESPACE; HELM_DEBUG=1 with `--debug`;
 * HELM_HOST when `--host` was given.
 */
export const pluginEnv = (s: PluginSettings, name: string, dir: string): Readonly<Record<string, string>> => ({
  HELM_PLUGIN_NAME: name,
  HELM_PLUGIN_DIR: dir,
  HELM_BIN: s.helmBin,
  HELM_PLUGIN: s.pluginDirs.join(':'),
  HELM_HOME: s.home,
  HELM_PATH_REPOSITORY: s.repository,
  HELM_PATH_REPOSITORY_FILE: s.repositoryFile,
  HELM_PATH_CACHE: s.cache,
  HELM_PATH_LOCAL_REPOSITORY: s.localRepository,
  HELM_PATH_STARTER: s.starters,
  TILLER_HOST: s.tillerHost,
  TILLER_NAMESPACE: s.tillerNamespace,
  ...(s.debug ? { HELM_DEBUG: '1' } : {}),
  ...(s.hostFlag !== undefined ? { HELM_HOST: s.hostFlag } : {}),
})
