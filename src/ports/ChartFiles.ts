import type * as O from 'fp-ts/Option'
import type * as TE from 'fp-ts/TaskEither'
import type { ChartFile } from '../domain/chart/Chart'
import type { HelmError } from '../domain/errors'

/** What a path holds: a file (with its size) or a folder; `mtimeMs` keys caches built from folders. */
export interface FileEntry {
  readonly name: string
  readonly kind: 'file' | 'directory'
  readonly size: number
  readonly mtimeMs: number
}

/**
 * The client's local files as charts see them: chart folders and archives, download and output folders.
 * Paths are absolute (`/`-separated). Every write resolves its target inside the folder it names first
 * (domain/path/SafePath), so a name from the outside world cannot leave it.
 * Errors: FileNotFound (a missing path where one is needed), FileUnreadable, FileUnwritable, UnsafeFileName,
 * PathOutsideFolder, and for `readChartDir` InvalidChartFile / ChartFileTooLarge.
 */
export interface ChartFiles {
  readonly name: string
  /** What is at `path` (symlinks followed); None when nothing is. */
  readonly stat: (path: string) => TE.TaskEither<HelmError, O.Option<FileEntry>>
  /** The entries of a folder, sorted by name; FileNotFound when there is no such folder. */
  readonly list: (dir: string) => TE.TaskEither<HelmError, ReadonlyArray<FileEntry>>
  /** The bytes of a file; FileNotFound when absent. */
  readonly read: (path: string) => TE.TaskEither<HelmError, Uint8Array>
  /**
   * The files of a chart folder as Helm's loader walks it: `.helmignore` applied during the walk, symlinks
   * followed (each real folder once), UTF-8 BOMs dropped, irregular files refused (InvalidChartFile) and files
   * over Helm 4's 5 MiB refused (ChartFileTooLarge). ChartNotFound when `dir` is not a folder.
   */
  readonly readChartDir: (dir: string) => TE.TaskEither<HelmError, ReadonlyArray<ChartFile>>
  /**
   * Writes `data` as `dir/name` (folders made as needed) whole or not at all; `name` must be one file name
   * (UnsafeFileName). Returns the file's path. A `private` file (credentials: repositories.yaml) is written 0600.
   */
  readonly write: (
    dir: string,
    name: string,
    data: Uint8Array,
    opts?: { readonly private?: boolean },
  ) => TE.TaskEither<HelmError, string>
  /**
   * Writes files at relative paths under `dir` (folders made as needed), every path checked to stay inside `dir`
   * before the first write (PathOutsideFolder). Returns the paths of the files that existed before.
   */
  readonly writeTree: (dir: string, files: ReadonlyArray<ChartFile>) => TE.TaskEither<HelmError, ReadonlyArray<string>>
  /** Makes a folder and its parents (an existing folder is fine). */
  readonly makeDir: (dir: string) => TE.TaskEither<HelmError, void>
  /** Removes a file or a whole folder; an absent path is fine. */
  readonly remove: (path: string) => TE.TaskEither<HelmError, void>
}
