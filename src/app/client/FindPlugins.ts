import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { message } from '../../domain/errors'
import type { PluginMetadata } from '../../domain/plugin/PluginFile'
import { pluginNameTaken } from '../../domain/plugin/PluginError'
import type { ClientDeps, UseCase } from './Deps'

/** An installed plugin: its folder (as found in a plugin folder) and its plugin.yaml. */
export interface Installed {
  readonly dir: string
  readonly metadata: PluginMetadata
}

/** The plugins helm loads, and one line for each plugin it leaves out (and why). */
export interface PluginScan {
  readonly plugins: ReadonlyArray<Installed>
  readonly skipped: ReadonlyArray<{ readonly dir: string; readonly reason: string }>
}

/**
 * The plugins of the folders `dirs`, in order (Helm v2's findPlugins): a plugin whose plugin.yaml does not load, that
 * is named as a helm command (`reserved`), or whose name an earlier plugin holds, is left out with its reason (v2 gave
 * up on every plugin for one bad plugin.yaml; one bad plugin no longer hides the others).
 */
export const findPlugins =
  (
    dirs: ReadonlyArray<string>,
    reserved: ReadonlyArray<string> = [],
  ): UseCase<Pick<ClientDeps, 'plugins'>, PluginScan> =>
  (d) =>
    pipe(
      d.plugins.scan(dirs),
      TE.map((found) => {
        const plugins: Installed[] = []
        const skipped: Array<{ dir: string; reason: string }> = []
        for (const f of found) {
          if (E.isLeft(f.metadata)) {
            skipped.push({ dir: f.dir, reason: message(f.metadata.left) })
            continue
          }
          const m = f.metadata.right
          if (reserved.includes(m.name)) skipped.push({ dir: f.dir, reason: message(pluginNameTaken(m.name, f.dir)) })
          // pkg/plugin.LoadAll: "A plugin named %q already exists. Skipping."
          else if (plugins.some((p) => p.metadata.name === m.name))
            skipped.push({ dir: f.dir, reason: `A plugin named ${JSON.stringify(m.name)} already exists. Skipping.` })
          else plugins.push({ dir: f.dir, metadata: m })
        }
        return { plugins, skipped }
      }),
    )

/** The installed plugin named `name`; undefined when none is. */
export const pluginNamed = (scan: PluginScan, name: string): Installed | undefined =>
  scan.plugins.find((p) => p.metadata.name === name)
