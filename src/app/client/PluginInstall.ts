import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileIn, joinPath, normalizePath, splitPath, urlFileName } from '../../domain/path/SafePath'
import { readPluginArchive } from '../../domain/plugin/PluginArchive'
import { decodePluginFile, PLUGIN_FILE, type PluginMetadata } from '../../domain/plugin/PluginFile'
import { pluginExists, pluginNameTaken, pluginVersionNotFound } from '../../domain/plugin/PluginError'
import { cacheKey, classifySource, type PluginSource } from '../../domain/plugin/PluginSource'
import { parseConstraint, satisfies } from '../../domain/semver/Constraint'
import { compareVersions, newVersion, type Version } from '../../domain/semver/Version'
import type { ClientDeps, UseCase } from './Deps'
import { findPlugins } from './FindPlugins'
import { type PluginContext, runHook } from './PluginContext'

/** `helm plugin install SOURCE [--version V]`. */
export interface PluginInstallRequest {
  readonly source: string
  /** a tag, branch or commit, or a semver constraint over the tags (VCS sources only, as in v2) */
  readonly version: string
  /** names of helm's own commands, which no plugin may take */
  readonly reserved: ReadonlyArray<string>
  readonly context: PluginContext
}

type Deps = Pick<ClientDeps, 'plugins' | 'vcs' | 'repos' | 'out'>

const pluginCache = (ctx: PluginContext): string => joinPath(ctx.settings.home, 'cache/plugins')

/** The topmost folder of `path`'s ancestry (itself included) that does not exist yet: what undoing removes. */
const firstMissing =
  (path: string): UseCase<Pick<ClientDeps, 'plugins'>, O.Option<string>> =>
  (d) =>
  async () => {
    const chain: string[] = []
    for (let p = normalizePath(path); ; ) {
      chain.unshift(p)
      const [parent] = splitPath(p)
      if (parent === p || parent === '.') break
      p = parent
    }
    for (const p of chain) {
      const at = await d.plugins.inspect(p, true)()
      if (E.isLeft(at)) return at
      if (O.isNone(at.right)) return E.right(O.some(p))
    }
    return E.right(O.none)
  }

// Helm v2's VCSInstaller.solveVersion: a reference as is; else the highest tag satisfying the constraint
const solveVersion =
  (dir: string, version: string, source: string): UseCase<Pick<ClientDeps, 'vcs'>, O.Option<string>> =>
  (d) =>
    version === ''
      ? TE.right(O.none)
      : pipe(
          d.vcs.isReference(dir, version),
          TE.chainW((isRef) =>
            isRef
              ? TE.right(O.some(version))
              : pipe(
                  TE.fromEither(parseConstraint(version)),
                  TE.chainW((c) =>
                    pipe(
                      d.vcs.tags(dir),
                      TE.chainEitherKW((tags) => {
                        const versions = tags
                          .map((tag) => [tag, newVersion(tag)] as const)
                          .filter((x): x is readonly [string, Version] => typeof x[1] !== 'string')
                          .sort((a, b) => compareVersions(b[1], a[1]))
                        const best = versions.find(([, v]) => satisfies(c, v))
                        return best ? E.right(O.some(best[0])) : E.left(pluginVersionNotFound(version, source))
                      }),
                    ),
                  ),
                ),
          ),
        )

const loadFromFiles = (origin: string, files: ReadonlyArray<{ path: string; data: Uint8Array }>) => {
  const manifest = files.find((f) => f.path === PLUGIN_FILE)
  return decodePluginFile(`${origin}/${PLUGIN_FILE}`, new TextDecoder().decode(manifest?.data ?? new Uint8Array()))
}

/** The name of the plugin's link in `$HELM_HOME/plugins` (v2: the source's base name; an archive's stripped name). */
const linkNameOf = (src: PluginSource): string => {
  switch (src._tag) {
    case 'Local':
      return splitPath(src.path)[1]
    case 'Archive':
      return src.name
    case 'Vcs':
      return (urlFileName(src.url) || splitPath(src.url)[1]).replace(/\.git$/, '') || cacheKey(src.url)
  }
}

/** Fetches the plugin into `cacheDir` (archives, clones) or reads it in place (folders); nothing is linked yet. */
const stage =
  (src: PluginSource, cacheDir: string, req: PluginInstallRequest): UseCase<Deps, PluginMetadata> =>
  (d) => {
    switch (src._tag) {
      case 'Local':
        return d.plugins.load(src.path)
      case 'Archive':
        return pipe(
          d.repos.get(src.url, {}),
          TE.chainEitherKW((bytes) => readPluginArchive(bytes, src.url)),
          TE.chainW((files) =>
            pipe(
              TE.fromEither(loadFromFiles(src.url, files)),
              TE.chainFirstW(() => d.plugins.unpack(cacheDir, files)),
            ),
          ),
        )
      case 'Vcs':
        return pipe(
          d.vcs.clone(src.url, cacheDir),
          TE.chainW(() => solveVersion(cacheDir, req.version, src.url)(d)),
          TE.chainW(
            O.match(
              () => TE.right(undefined),
              (ref) => d.vcs.checkout(cacheDir, ref),
            ),
          ),
          TE.chainW(() => d.plugins.load(cacheDir)),
        )
    }
  }

/** Nothing may be at the link, and a copy left in the cache by an earlier install must belong to no plugin. */
const checkPlace =
  (linkPath: string, cacheDir: string | undefined, ctx: PluginContext): UseCase<Deps, void> =>
  (d) =>
    pipe(
      d.plugins.inspect(linkPath),
      TE.chainW((at) => (O.isSome(at) ? TE.left(pluginExists(splitPath(linkPath)[1], linkPath)) : TE.right(undefined))),
      TE.chainW(() => (cacheDir === undefined ? TE.right(O.none) : d.plugins.inspect(cacheDir, true))),
      TE.chainW((cached) =>
        cacheDir === undefined || O.isNone(cached)
          ? TE.right(undefined)
          : pipe(
              findPlugins(ctx.settings.pluginDirs)(d),
              TE.chainW((scan) =>
                TE.sequenceSeqArray(
                  scan.plugins.map((p) =>
                    pipe(
                      d.plugins.realPath(p.dir),
                      TE.map((real) => (real === cacheDir ? p : undefined)),
                      TE.orElseW(() => TE.right(undefined)),
                    ),
                  ),
                ),
              ),
              TE.chainW((owners) => {
                const owner = owners.find((p) => p !== undefined)
                // an earlier install's copy that no plugin uses (v2 left them behind on remove): replaced
                return owner ? TE.left(pluginExists(owner.metadata.name, owner.dir)) : d.plugins.remove(cacheDir)
              }),
            ),
      ),
    )

// the name must be no helm command and no installed plugin's
const checkName =
  (m: PluginMetadata, target: string, req: PluginInstallRequest): UseCase<Deps, void> =>
  (d) => {
    if (req.reserved.includes(m.name)) return TE.left(pluginNameTaken(m.name, joinPath(target, PLUGIN_FILE)))
    return pipe(
      findPlugins(req.context.settings.pluginDirs)(d),
      TE.chainW((scan) => {
        const same = scan.plugins.find((p) => p.metadata.name === m.name)
        return same ? TE.left(pluginExists(m.name, same.dir)) : TE.right(undefined)
      }),
    )
  }

/**
 * `helm plugin install` (Helm v2's installer.Install, then the install hook): a folder is linked into
 * `$HELM_HOME/plugins`, an archive URL downloaded and unpacked (safe reader) and a VCS URL cloned with git (`version`:
 * a reference, or the highest tag satisfying a constraint) under `$HELM_HOME/cache/plugins`, then linked. The plugin
 * must load (plugin.yaml strict, v2's name rules), not be named as a helm command (PluginNameTaken) nor as an
 * installed plugin (PluginExists). Prints `Installed plugin: NAME`. When any step fails, the install hook included,
 * everything it made is removed: $HELM_HOME is left as it was.
 */
export const installPlugin =
  (req: PluginInstallRequest): UseCase<Deps, PluginMetadata> =>
  (d) => {
    const ctx = req.context
    const homePlugins = joinPath(ctx.settings.home, 'plugins')
    const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(req.source)
    const abs = joinPath(ctx.cwd, req.source)
    return pipe(
      looksLikeUrl ? TE.right(O.none) : d.plugins.inspect(abs, true),
      TE.chainEitherKW((at) => classifySource(O.isSome(at) ? abs : req.source, O.isSome(at))),
      TE.bindTo('src'),
      TE.bindW('linkPath', ({ src }) => TE.fromEither(fileIn('plugin', homePlugins, linkNameOf(src)))),
      TE.bindW('cacheDir', ({ src }) =>
        src._tag === 'Local'
          ? TE.right(undefined)
          : TE.fromEither(fileIn('plugin cache', pluginCache(ctx), cacheKey(src.url))),
      ),
      TE.chainFirstW(({ linkPath, cacheDir }) => checkPlace(linkPath, cacheDir, ctx)(d)),
      // what does not exist yet is what a failed install removes again
      TE.bindW('missing', () => TE.sequenceSeqArray([firstMissing(pluginCache(ctx))(d), firstMissing(homePlugins)(d)])),
      TE.chainW(({ src, linkPath, cacheDir, missing }) => {
        const undo = (linked: boolean) =>
          pipe(
            [
              ...(linked ? [linkPath] : []),
              ...(cacheDir === undefined ? [] : [cacheDir]),
              ...missing.flatMap((m) => (O.isSome(m) ? [m.value] : [])),
            ],
            TE.traverseSeqArray((p) => d.plugins.remove(p)),
          )
        const failWith =
          (linked: boolean) =>
          (e: HelmError): TE.TaskEither<HelmError, never> =>
            pipe(
              undo(linked),
              TE.chainW(() => TE.left(e)),
            )
        const target = cacheDir ?? (src._tag === 'Local' ? src.path : '')
        return pipe(
          stage(src, target, req)(d),
          TE.chainFirstW((m) => checkName(m, target, req)(d)),
          TE.chainFirstW(() => d.plugins.link(target, linkPath)),
          TE.orElseW(failWith(false)),
          TE.chainFirstW((m) => pipe(runHook(ctx, m, linkPath, 'install')(d), TE.orElseW(failWith(true)))),
          TE.map((m) => {
            d.out(`Installed plugin: ${m.name}`)
            return m
          }),
        )
      }),
    )
  }
