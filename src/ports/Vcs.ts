import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../domain/errors'

/**
 * Version control for plugins installed from a repository URL (Helm v2's VCSInstaller over Masterminds/vcs, git
 * only): clones under `$HELM_HOME/cache/plugins`, their tags and references, checkouts and updates. `dir` is the
 * top folder of a clone. Errors: VcsFailed (git's own reason), FileUnwritable.
 */
export interface Vcs {
  readonly name: string
  /** Clones `url` into `dir`, which must not exist yet (its parent is made as needed). */
  readonly clone: (url: string, dir: string) => TE.TaskEither<HelmError, void>
  /** Whether `dir` is the top folder of a checkout. */
  readonly isRepo: (dir: string) => TE.TaskEither<HelmError, boolean>
  /** The tag names of the clone, in no particular order. */
  readonly tags: (dir: string) => TE.TaskEither<HelmError, ReadonlyArray<string>>
  /** Whether `ref` names a tag, a branch or a commit of the clone (Masterminds/vcs IsReference). */
  readonly isReference: (dir: string, ref: string) => TE.TaskEither<HelmError, boolean>
  /** Checks out `ref` (a tag, branch or commit). */
  readonly checkout: (dir: string, ref: string) => TE.TaskEither<HelmError, void>
  /** Whether the working tree differs from what was checked out (local edits). */
  readonly isDirty: (dir: string) => TE.TaskEither<HelmError, boolean>
  /**
   * Brings the clone up to date with its remote (Masterminds/vcs Update): fetches branches and tags, then moves
   * the checked-out branch to its remote's (a detached checkout, such as a tag, stays where it is).
   */
  readonly update: (dir: string) => TE.TaskEither<HelmError, void>
}
