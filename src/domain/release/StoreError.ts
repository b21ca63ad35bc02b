import { defineMessages } from '../Messages'
import type { StatusCode } from './Release'

/**
 * Failures of the ReleaseStore port. `key` is a storage key (`NAME.vN`) or, for queries, a release name.
 * ReleaseConflict: an update whose precondition (the status the writer read) no longer holds.
 */
export type StoreError =
  | { readonly _tag: 'ReleaseNotFound'; readonly key: string }
  | { readonly _tag: 'ReleaseExists'; readonly key: string }
  | {
      readonly _tag: 'ReleaseConflict'
      readonly key: string
      readonly expected: StatusCode
      readonly actual: StatusCode
    }
  | { readonly _tag: 'ReleaseTooLarge'; readonly key: string; readonly size: number; readonly limit: number }
  | { readonly _tag: 'StoreUnavailable'; readonly cause: string }
  | { readonly _tag: 'ReleaseCorrupt'; readonly reason: string }

export const releaseNotFound = (key: string): StoreError => ({ _tag: 'ReleaseNotFound', key })
export const releaseExists = (key: string): StoreError => ({ _tag: 'ReleaseExists', key })
export const releaseConflict = (key: string, expected: StatusCode, actual: StatusCode): StoreError => ({
  _tag: 'ReleaseConflict',
  key,
  expected,
  actual,
})
export const releaseTooLarge = (key: string, size: number, limit: number): StoreError => ({
  _tag: 'ReleaseTooLarge',
  key,
  size,
  limit,
})
export const releaseCorrupt = (reason: string): StoreError => ({ _tag: 'ReleaseCorrupt', reason })
export const storeUnavailable = (cause: string): StoreError => ({ _tag: 'StoreUnavailable', cause })

export const storeMessages = defineMessages<StoreError>({
  // Helm v2 pkg/storage/driver: ErrReleaseNotFound / ErrReleaseExists
  ReleaseNotFound: (e) => `release: "${e.key}" not found`,
  ReleaseExists: (e) => `release: "${e.key}" already exists`,
  ReleaseConflict: (e) =>
    `release: "${e.key}" was modified by another operation (expected status ${e.expected}, found ${e.actual})`,
  ReleaseTooLarge: (e) =>
    `release: "${e.key}" is too large: ${e.size} bytes, the limit is ${e.limit} bytes (one gRPC message to the helm client)`,
  StoreUnavailable: (e) => `release storage unavailable: ${e.cause}`,
  ReleaseCorrupt: (e) => `cannot decode release: ${e.reason}`,
})
