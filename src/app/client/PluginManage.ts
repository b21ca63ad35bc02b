import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { type HelmError, message } from '../../domain/errors'
import { joinPath, splitPath } from '../../domain/path/SafePath'
import { pluginNotFound, pluginNotUpdatable, pluginRepoModified, pluginsFailed } from '../../domain/plugin/PluginError'
import type { ClientDeps, UseCase } from './Deps'
import { findPlugins, type Installed, type PluginScan } from './FindPlugins'
import { type PluginContext, runHook } from './PluginContext'

type Deps = Pick<ClientDeps, 'plugins' | 'vcs' | 'out'>

/** `helm plugin remove|update NAME...`: the names, helm's commands (which no plugin may hold) and the context. */
export interface PluginNamesRequest {
  readonly names: ReadonlyArray<string>
  readonly reserved: ReadonlyArray<string>
  readonly context: PluginContext
}

const isUnder = (path: string, folder: string): boolean => path.startsWith(`${folder.replace(/\/+$/, '')}/`)

/**
 * Runs `each` for every name in turn, as Helm v2's plugin remove/update do: a name no plugin has is `Plugin: NAME not
 * found`, a failure `Failed to <verb> plugin NAME, got error (REASON)`; the others go on, and all failures are
 * reported together at the end (PluginsFailed).
 */
const forEachNamed =
  (
    req: PluginNamesRequest,
    verb: string,
    each: (p: Installed | { readonly dir: string; readonly metadata?: undefined }, name: string) => UseCase<Deps, void>,
  ): UseCase<Deps, void> =>
  (d) =>
    pipe(
      findPlugins(req.context.settings.pluginDirs, req.reserved)(d),
      TE.chainW((scan: PluginScan) => async () => {
        const failures: string[] = []
        for (const name of req.names) {
          const found: Installed | { dir: string; metadata?: undefined } | undefined =
            scan.plugins.find((p) => p.metadata.name === name) ??
            // a plugin that does not load (or is shadowed) is still known by its folder's name
            scan.skipped.find((s) => splitPath(s.dir)[1] === name)
          if (found === undefined) {
            failures.push(message(pluginNotFound(name)))
            continue
          }
          const r = await each(found, name)(d)()
          if (r._tag === 'Left') failures.push(`Failed to ${verb} plugin ${name}, got error (${message(r.left)})`)
        }
        return failures.length > 0 ? TE.left(pluginsFailed(failures))() : TE.right(undefined)()
      }),
    )

/**
 * `helm plugin remove NAME...`: runs each plugin's delete hook while its files are still there (v2 ran it after
 * removing them), then removes its link or folder and, for a plugin installed from a URL, its copy under
 * `$HELM_HOME/cache/plugins` (v2 left those behind). Prints `Removed plugin: NAME` for each. A plugin whose delete
 * hook fails stays installed.
 */
export const removePlugins = (req: PluginNamesRequest): UseCase<Deps, void> =>
  forEachNamed(req, 'remove', (p, name) => (d) => {
    const cache = joinPath(req.context.settings.home, 'cache/plugins')
    return pipe(
      p.metadata === undefined ? TE.right(undefined) : runHook(req.context, p.metadata, p.dir, 'delete')(d),
      TE.chainW(() =>
        pipe(
          d.plugins.realPath(p.dir),
          TE.orElseW(() => TE.right(p.dir)),
        ),
      ),
      TE.chainFirstW(() => d.plugins.remove(p.dir)),
      TE.chainW((real) => (isUnder(real, cache) ? d.plugins.remove(real) : TE.right(undefined))),
      TE.map(() => d.out(`Removed plugin: ${name}`)),
    )
  })

const notUpdatable = (p: Installed, real: string, cache: string): HelmError =>
  pluginNotUpdatable(
    isUnder(real, cache)
      ? `${p.dir} was installed from an archive; remove it and install the newer archive`
      : `${real} is not a VCS checkout; a plugin installed from a folder is used as that folder is`,
  )

/**
 * `helm plugin update NAME...` (Helm v2's updatePlugin): a plugin whose real folder is a git checkout is brought up to
 * date (PluginRepoModified when it has local changes), reloaded, and its update hook run; any other says why it
 * cannot be updated (PluginNotUpdatable). Prints `Updated plugin: NAME` for each.
 */
export const updatePlugins = (req: PluginNamesRequest): UseCase<Deps, void> =>
  forEachNamed(req, 'update', (p, name) => (d) => {
    const cache = joinPath(req.context.settings.home, 'cache/plugins')
    if (p.metadata === undefined) return TE.left(pluginNotFound(name))
    const installed: Installed = { dir: p.dir, metadata: p.metadata }
    return pipe(
      d.plugins.realPath(p.dir),
      TE.chainW((real) =>
        pipe(
          d.vcs.isRepo(real),
          TE.chainW((repo) => (repo ? TE.right(real) : TE.left(notUpdatable(installed, real, cache)))),
        ),
      ),
      TE.chainFirstW((real) =>
        pipe(
          d.vcs.isDirty(real),
          TE.chainW((dirty) => (dirty ? TE.left(pluginRepoModified(real)) : TE.right(undefined))),
        ),
      ),
      TE.chainFirstW((real) => d.vcs.update(real)),
      TE.chainW(() => d.plugins.load(p.dir)),
      TE.chainW((m) => runHook(req.context, m, p.dir, 'update')(d)),
      TE.map(() => d.out(`Updated plugin: ${name}`)),
    )
  })
