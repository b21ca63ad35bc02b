import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { prepareCommand } from '../../domain/plugin/PluginCommand'
import { pluginExited } from '../../domain/plugin/PluginError'
import type { ClientDeps, UseCase } from './Deps'
import type { Installed } from './FindPlugins'
import { type PluginContext, programEnv } from './PluginContext'

/** `helm NAME args...` for an installed plugin: its arguments with helm's global flags already taken out. */
export interface PluginRunRequest {
  readonly plugin: Installed
  readonly args: ReadonlyArray<string>
  readonly context: PluginContext
}

/**
 * Runs a plugin's command (Helm v2's plugin RunE): the environment set up first (SetupPluginEnv), the command (or
 * Helm 3's platformCommand for this OS and architecture) expanded and split, the arguments appended unless
 * `ignoreFlags`, started directly (no shell) with helm's standard streams. Right 0; Left PluginExited with the
 * plugin's exit code when it fails (helm exits with that code), PluginNoCommand, PluginStartFailed.
 */
export const runPlugin =
  (req: PluginRunRequest): UseCase<Pick<ClientDeps, 'plugins'>, 0> =>
  (d) => {
    const { metadata, dir } = req.plugin
    const env = programEnv(req.context, metadata.name, dir)
    return pipe(
      TE.fromEither(prepareCommand(metadata, req.context.platform, env, req.args)),
      TE.chainW((inv) => d.plugins.run({ ...inv, env, cwd: req.context.cwd })),
      TE.chainW((code) => (code === 0 ? TE.right(0 as const) : TE.left(pluginExited(metadata.name, code)))),
    )
  }
