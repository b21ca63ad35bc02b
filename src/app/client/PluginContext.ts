import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { type Platform, prepareHook } from '../../domain/plugin/PluginCommand'
import { type PluginSettings, pluginEnv } from '../../domain/plugin/PluginEnv'
import type { PluginMetadata } from '../../domain/plugin/PluginFile'
import { pluginHookFailed } from '../../domain/plugin/PluginError'
import type { ClientDeps, UseCase } from './Deps'

/** What running any plugin program needs: helm's settings, the outer environment, the working folder, the platform. */
export interface PluginContext {
  readonly settings: PluginSettings
  /** the environment helm runs in: plugin programs inherit it, under the variables helm sets */
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly platform: Platform
}

/** The whole environment of a program of the plugin `name` in `dir`: the outer one, then Helm v2's variables. */
export const programEnv = (ctx: PluginContext, name: string, dir: string): Readonly<Record<string, string>> => {
  const outer: Record<string, string> = {}
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) outer[k] = v
  return { ...outer, ...pluginEnv(ctx.settings, name, dir) }
}

/** The events a plugin.yaml may hook (Helm v2's pkg/plugin Install, Update, Delete). */
export type HookEvent = 'install' | 'update' | 'delete'

/**
 * Runs the plugin's `event` hook, if it has one (Helm v2's runHook): `sh -c LINE` (or Helm 3's platformHooks entry)
 * with the plugin's environment, in helm's working folder, its output on helm's. Left PluginHookFailed when it
 * exits non-zero, PluginStartFailed when it cannot start.
 */
export const runHook =
  (ctx: PluginContext, m: PluginMetadata, dir: string, event: HookEvent): UseCase<Pick<ClientDeps, 'plugins'>, void> =>
  (d) => {
    const env = programEnv(ctx, m.name, dir)
    return pipe(
      prepareHook(m, event, ctx.platform, env),
      O.match(
        () => TE.right(undefined),
        (inv) =>
          pipe(
            d.plugins.run({ ...inv, env, cwd: ctx.cwd }),
            TE.chainEitherK(
              (code): E.Either<HelmError, void> =>
                code === 0 ? E.right(undefined) : E.left(pluginHookFailed(event, m.name, code)),
            ),
          ),
      ),
    )
  }
