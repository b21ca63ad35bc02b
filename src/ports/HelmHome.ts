import type * as O from 'fp-ts/Option'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../domain/errors'
import type { CredentialsFile } from '../domain/oci/Credentials'
import type { HelmHomeLayout } from '../domain/path/HelmPath'
import type { IndexFile } from '../domain/repo/Index'
import type { RepoEntry, RepoFile } from '../domain/repo/RepoFile'

export type { HelmHomeLayout }

/**
 * The client's configuration home ($HELM_HOME): repositories.yaml (credentials: written 0600) and the cached
 * index of each repository. Errors: FileUnreadable, FileUnwritable, InvalidRepositoriesFile, InvalidIndex,
 * FileNotFound (no cached index), UnsafeFileName / PathOutsideFolder (a repository name that would put its
 * index outside the cache), InvalidArgument (a path of the layout that is a file).
 */
export interface HelmHome {
  readonly name: string
  readonly layout: HelmHomeLayout
  /** Makes every missing folder of the layout; returns those it made, in layout order (`helm init` prints them). */
  readonly ensure: () => TE.TaskEither<HelmError, ReadonlyArray<string>>
  /** repositories.yaml decoded; None when there is no such file. */
  readonly readRepositories: () => TE.TaskEither<HelmError, O.Option<RepoFile>>
  /**
   * A read-modify-write of repositories.yaml under its lock (concurrent commands never lose each other's change):
   * `change` sees the current file (empty when absent) and answers the file to write and a result. Nothing is
   * written when `change` fails.
   */
  readonly updateRepositories: <A>(
    change: (f: RepoFile) => TE.TaskEither<HelmError, readonly [RepoFile, A]>,
  ) => TE.TaskEither<HelmError, A>
  /** The cached index of a repository, with the fields search, fetch and dependency resolution read. */
  readonly readIndex: (repo: RepoEntry) => TE.TaskEither<HelmError, IndexFile>
  /** Caches a downloaded index: the bytes as served (Helm's cache file) and the decoded `index` for fast reads. */
  readonly writeIndex: (repo: RepoEntry, bytes: Uint8Array, index: IndexFile) => TE.TaskEither<HelmError, void>
  /** Makes a repository's cached index the file at `target` itself (Helm v2 links the local repository's). */
  readonly linkIndex: (repo: RepoEntry, target: string) => TE.TaskEither<HelmError, void>
  /** Drops a repository's cached index (absent is fine). */
  readonly removeIndex: (repo: RepoEntry) => TE.TaskEither<HelmError, void>
  /**
   * Registry credentials (`helm registry login`): a Docker-style config.json, $HELM_HOME/registry/config.json unless
   * $HELM_REGISTRY_CONFIG names another; empty when absent. Left InvalidCredentialsFile, FileUnreadable.
   */
  readonly readRegistryCredentials: () => TE.TaskEither<HelmError, CredentialsFile>
  /**
   * A read-modify-write of the registry credentials under their lock, written whole and 0600 (they hold passwords);
   * `change` answering no file writes nothing. Nothing is written when `change` fails.
   */
  readonly updateRegistryCredentials: <A>(
    change: (f: CredentialsFile) => TE.TaskEither<HelmError, readonly [CredentialsFile | undefined, A]>,
  ) => TE.TaskEither<HelmError, A>
  /** Deletes the whole home (`reset --remove-helm-home`). */
  readonly remove: () => TE.TaskEither<HelmError, void>
}
