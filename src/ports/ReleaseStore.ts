import type { Predicate } from 'fp-ts/Predicate'
import type * as TE from 'fp-ts/TaskEither'
import type { Release, StatusCode } from '../domain/release/Release'
import type { StoreError } from '../domain/release/StoreError'

/**
 * A piece of storage that belongs to no record: a chunk of a split record whose write (or removal) was cut
 * short. `writer` names the session that wrote it (see `ReleaseStore.collect`), `ageSeconds` its age.
 */
export interface Fragment {
  readonly key: string
  readonly writer?: string
  readonly ageSeconds: number
}

/** What a record's labels say without reading the record: its key, release name, revision and status. */
export interface RecordHeader {
  readonly key: string
  readonly name: string
  readonly version: number
  readonly status: StatusCode
}

/**
 * Release records keyed `<name>.v<version>` (Helm v2's storage driver). Optimistic concurrency:
 * `create` of an existing key fails with ReleaseExists (two writers that both read revision N and
 * write N+1: the second is refused, the first is kept); `update` with `expected` fails with
 * ReleaseConflict when the stored record's status is no longer the one the writer read.
 * Each write replaces one record whole or not at all. Order of `list`/`query` results is unspecified.
 */
export interface ReleaseStore {
  readonly name: string
  /**
   * The rule (a regular expression) a release name must follow to be kept here, when the storage has one
   * beyond Helm v2's (Kubernetes object names: `objectNamePattern`); absent: any name Helm v2 accepts.
   */
  readonly namePattern?: string
  /** The record under `key`; ReleaseNotFound when absent. */
  readonly get: (key: string) => TE.TaskEither<StoreError, Release>
  /** Every record `keep` accepts (possibly none). */
  readonly list: (keep: Predicate<Release>) => TE.TaskEither<StoreError, ReadonlyArray<Release>>
  /** Every record whose labels (`NAME`, `OWNER`, `STATUS`, `VERSION`) equal all the given ones (possibly none). */
  readonly query: (labels: Readonly<Record<string, string>>) => TE.TaskEither<StoreError, ReadonlyArray<Release>>
  /** The headers of every record whose labels equal all the given ones, from the labels alone (cheap). */
  readonly index: (labels: Readonly<Record<string, string>>) => TE.TaskEither<StoreError, ReadonlyArray<RecordHeader>>
  /** Stores a new record; ReleaseExists when `key` is taken. */
  readonly create: (key: string, rls: Release) => TE.TaskEither<StoreError, void>
  /**
   * Replaces a record; ReleaseNotFound when absent, ReleaseConflict when `expected` is given and the
   * stored status differs from it (nothing is written then).
   */
  readonly update: (key: string, rls: Release, expected?: StatusCode) => TE.TaskEither<StoreError, void>
  /** Removes a record and returns it; ReleaseNotFound when absent. */
  readonly delete: (key: string) => TE.TaskEither<StoreError, Release>
  /**
   * Removes the fragments of release `name` (of every release when undefined) that `removable` accepts
   * and returns how many it removed. Stores that write no fragments answer 0.
   */
  readonly collect: (name: string | undefined, removable: (f: Fragment) => boolean) => TE.TaskEither<StoreError, number>
}
