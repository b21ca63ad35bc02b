import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import type { HelmError } from '../../domain/errors'
import { byVersion, canTransition, pruneForCreate } from '../../domain/release/History'
import { isPending, type Release, releaseKey, type StatusCode, toDate, withStatus } from '../../domain/release/Release'
import { invalidStatusTransition, operationInProgress } from '../../domain/release/ReleaseError'
import { releaseNotFound } from '../../domain/release/StoreError'

/** Every revision of a release, oldest first (possibly none). */
export const history = async (d: Deps, name: string): Promise<E.Either<HelmError, Release[]>> =>
  E.map(byVersion)(await d.store.query({ NAME: name, OWNER: 'TILLER' })())

/** Every revision of a release, oldest first; ReleaseNotFound(name) when there is none. */
export const historyOrFail = async (d: Deps, name: string): Promise<E.Either<HelmError, Release[]>> => {
  const h = await history(d, name)
  return E.isRight(h) && h.right.length === 0 ? E.left(releaseNotFound(name)) : h
}

/** Revision `version` of a release, or its latest when `version` ≤ 0 (ReleaseNotFound when absent). */
export const revisionOf = async (d: Deps, name: string, version = 0): Promise<E.Either<HelmError, Release>> => {
  if (version > 0) return d.store.get(releaseKey(name, version))()
  return E.map((h: Release[]) => h.at(-1)!)(await historyOrFail(d, name))
}

/** Stores a new revision after pruning the history to `historyMax` (never the deployed revision); ReleaseExists on a race. */
export const createRecord = async (d: Deps, r: Release): Promise<E.Either<HelmError, void>> => {
  const h = await history(d, r.name)
  if (E.isLeft(h)) return h
  for (const old of pruneForCreate(h.right, d.historyMax)) {
    d.log.debug(`pruning ${releaseKey(old.name, old.version)} (history max ${d.historyMax})`)
    const gone = await d.store.delete(releaseKey(old.name, old.version))()
    if (E.isLeft(gone) && gone.left._tag !== 'ReleaseNotFound') return gone
  }
  return d.store.create(releaseKey(r.name, r.version), r)()
}

/**
 * Replaces a stored revision, only if its status is still `expected` (ReleaseConflict otherwise) and
 * moving from `expected` to the new status is a Tiller transition (InvalidStatusTransition otherwise).
 */
export const updateRecord = async (d: Deps, r: Release, expected?: StatusCode): Promise<E.Either<HelmError, void>> => {
  const to = r.info.status.code
  if (expected !== undefined && expected !== to && !canTransition(expected, to))
    return E.left(invalidStatusTransition(releaseKey(r.name, r.version), expected, to))
  return d.store.update(releaseKey(r.name, r.version), r, expected)()
}

/**
 * Beyond Helm: the lock of PENDING_* revisions with recovery. When the latest revision is pending and
 * younger than `timeoutSeconds`, another operation holds the release: OperationInProgress. When it is
 * older, the operation that wrote it was interrupted: it is marked FAILED (only if still pending, so two
 * recoverers cannot both win) and a warning says so; the caller then carries on. A dry run writes
 * nothing and only says what would happen.
 */
export const unlockStale = async (
  d: Deps,
  h: ReadonlyArray<Release>,
  timeoutSeconds: number,
  operation: string,
  dryRun = false,
): Promise<E.Either<HelmError, { readonly history: Release[]; readonly warnings: string[] }>> => {
  const last = h.at(-1)
  if (last === undefined || !isPending(last.info.status.code)) return E.right({ history: [...h], warnings: [] })
  const code = last.info.status.code
  const since = last.info.lastDeployed ? toDate(last.info.lastDeployed) : new Date(0)
  const ageSeconds = (d.clock.now().getTime() - since.getTime()) / 1000
  if (ageSeconds < timeoutSeconds) return E.left(operationInProgress(last.name, last.version, code))
  const left = `revision ${last.version} of ${last.name} was left ${code} by an interrupted operation (pending since ${since.toISOString()}, longer than the ${timeoutSeconds}s timeout)`
  const failed = withStatus(last, 'FAILED', `Interrupted: ${last.info.description}; recovered by ${operation}`)
  if (dryRun)
    return E.right({
      history: [...h.slice(0, -1), failed],
      warnings: [`${left}; the ${operation} would mark it FAILED`],
    })
  const note = `${left}; marked it FAILED and continuing with the ${operation}`
  const saved = await updateRecord(d, failed, code)
  if (E.isLeft(saved)) return saved
  d.log.warn(note)
  return E.right({ history: [...h.slice(0, -1), failed], warnings: [note] })
}
