import type * as E from 'fp-ts/Either'
import type * as O from 'fp-ts/Option'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../domain/errors'
import type { PluginFileEntry } from '../domain/plugin/PluginArchive'
import type { Invocation } from '../domain/plugin/PluginCommand'
import type { PluginMetadata } from '../domain/plugin/PluginFile'

/** A plugin found in a plugin folder: its folder as found (a link is not followed) and its plugin.yaml, or why not. */
export interface FoundPlugin {
  readonly dir: string
  readonly metadata: E.Either<HelmError, PluginMetadata>
}

/** A program to run: the invocation, its whole environment and its working folder. */
export interface Run extends Invocation {
  readonly env: Readonly<Record<string, string>>
  readonly cwd: string
}

/** What a program printed and how it ended (128+N when signal N ended it). */
export interface Captured {
  readonly code: number
  readonly stdout: Uint8Array
  readonly stderr: string
}

/** What is at a path, links not followed: a link (and where it points), a folder or a file. */
export type PathKind =
  | { readonly _tag: 'Link'; readonly target: string }
  | { readonly _tag: 'Folder' }
  | { readonly _tag: 'File' }

/**
 * Helm v2's plugins on this machine: the plugin folders (found by their plugin.yaml, decoded with
 * domain/plugin/PluginFile), the links and unpacked copies `helm plugin install` makes, and the programs plugins
 * run (commands, hooks, downloaders), never through a shell unless the invocation names one. Paths are absolute.
 * Errors: FileUnreadable, FileUnwritable, PathOutsideFolder (an unpacked path leaving its folder), PluginStartFailed
 * (a program that cannot start), and for `load` PluginMetadataMissing, InvalidPluginFile, InvalidPluginName.
 */
export interface Plugins {
  readonly name: string
  /**
   * The plugins of each folder in order: every `DIR/<entry>/plugin.yaml` (Helm's glob: entries sorted by name, links
   * followed), decoded; a missing folder has none. A plugin.yaml that does not decode is reported in its entry.
   */
  readonly scan: (dirs: ReadonlyArray<string>) => TE.TaskEither<HelmError, ReadonlyArray<FoundPlugin>>
  /** The plugin.yaml of the folder `dir`, decoded. */
  readonly load: (dir: string) => TE.TaskEither<HelmError, PluginMetadata>
  /** What is at `path` (links not followed, unless `follow`); None when nothing is (or a link points nowhere). */
  readonly inspect: (path: string, follow?: boolean) => TE.TaskEither<HelmError, O.Option<PathKind>>
  /** `path` with every link resolved (Go's filepath.EvalSymlinks); FileNotFound when it leads nowhere. */
  readonly realPath: (path: string) => TE.TaskEither<HelmError, string>
  /** Makes `at` a symbolic link to `target` (its folder made as needed); FileUnwritable when `at` exists. */
  readonly link: (target: string, at: string) => TE.TaskEither<HelmError, void>
  /**
   * Writes `files` (with their modes) into the folder `dir`, made as needed; every path is checked to stay inside
   * `dir` (domain/path/SafePath) before the first write.
   */
  readonly unpack: (dir: string, files: ReadonlyArray<PluginFileEntry>) => TE.TaskEither<HelmError, void>
  /** Removes a link (never what it points to), a file or a whole folder; an absent path is fine. */
  readonly remove: (path: string) => TE.TaskEither<HelmError, void>
  /** Runs a program with helm's standard input, output and error attached; its exit code once it ends. */
  readonly run: (r: Run) => TE.TaskEither<HelmError, number>
  /** Runs a program with no input; what it printed (stdout as bytes) and its exit code. */
  readonly capture: (r: Run) => TE.TaskEither<HelmError, Captured>
}
