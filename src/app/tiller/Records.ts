// How Tiller's operations write release records so that a crash between any two writes leaves a release
// that upgrade and rollback accept:
// - a new revision is stored holding a lock (PENDING_*, with the operation's timeout and this session);
// - it is marked DEPLOYED before the revision it replaces is marked SUPERSEDED: a crash in between leaves
//   two DEPLOYED revisions, readers take the newest (`settle`) and the next operation or start repairs;
// - an abandoned lock (its Tiller restarted, or its operation ended or outlived its budget) is marked
//   FAILED by the next operation or at Tiller's start (see Session.judgeLock).
import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import { type HelmError, message } from '../../domain/errors'
import { byVersion, canTransition, outdatedDeployed, pruneForCreate, settle } from '../../domain/release/History'
import { isTransient, type Release, releaseKey, type StatusCode, withStatus } from '../../domain/release/Release'
import { invalidStatusTransition, operationInProgress } from '../../domain/release/ReleaseError'
import { maxReleaseBytes, releaseWithin } from '../../domain/release/Codec'
import { releaseNotFound, releaseTooLarge } from '../../domain/release/StoreError'
import { judgeLock } from './Session'

/** Every revision of a release as stored, oldest first (possibly none). */
export const history = async (d: Deps, name: string): Promise<E.Either<HelmError, Release[]>> =>
  E.map(byVersion)(await d.store.query({ NAME: name, OWNER: 'TILLER' })())

/** Every revision of a release as stored, oldest first; ReleaseNotFound(name) when there is none. */
export const historyOrFail = async (d: Deps, name: string): Promise<E.Either<HelmError, Release[]>> => {
  const h = await history(d, name)
  return E.isRight(h) && h.right.length === 0 ? E.left(releaseNotFound(name)) : h
}

/**
 * Revision `version` of a release, or its latest when `version` ≤ 0, as readers see it (`settle`: a
 * DEPLOYED revision older than another DEPLOYED one reads SUPERSEDED). ReleaseNotFound when absent.
 */
export const revisionOf = async (d: Deps, name: string, version = 0): Promise<E.Either<HelmError, Release>> => {
  if (version <= 0) return E.map((h: Release[]) => settle(h).at(-1)!)(await historyOrFail(d, name))
  const r = await d.store.get(releaseKey(name, version))()
  if (E.isLeft(r) || r.right.info.status.code !== 'DEPLOYED') return r
  const deployed = await d.store.query({ NAME: name, OWNER: 'TILLER', STATUS: 'DEPLOYED' })()
  if (E.isLeft(deployed)) return deployed
  return E.right(deployed.right.some((x) => x.version > version) ? withStatus(r.right, 'SUPERSEDED') : r.right)
}

/**
 * ReleaseTooLarge when revision `r` exceeds what one gRPC message carries to a client (`maxReleaseBytes`):
 * checked before anything is written or run, so a release that Tiller could not send back is never made.
 */
export const checkSize = (r: Release): E.Either<HelmError, void> => {
  const { within, size } = releaseWithin(r, maxReleaseBytes)
  return within
    ? E.right(undefined)
    : E.left(releaseTooLarge(releaseKey(r.name, r.version), size ?? 0, maxReleaseBytes))
}

/**
 * Stores a new revision after pruning the history to `historyMax` (never the deployed revision); ReleaseExists
 * on a race. The revision is held by this process until `release` is called; fragments of earlier writes
 * cut short are collected while the release is held. `base` is the latest revision the operation read: when
 * a delete marked it meanwhile (or purged it), the new revision is withdrawn and the answer is
 * OperationInProgress, so a delete and an upgrade never both go on.
 */
export const createRecord = async (
  d: Deps,
  r: Release,
  base?: Release,
  fresh = false,
): Promise<E.Either<HelmError, () => void>> => {
  // the history is read only to prune it: not without a history limit, nor when the caller found no revision of
  // the release (`fresh`: a revision created since then makes the create below fail with ReleaseExists)
  const h = fresh || d.historyMax <= 0 ? E.right<HelmError, Release[]>([]) : await history(d, r.name)
  if (E.isLeft(h)) return h
  for (const old of pruneForCreate(h.right, d.historyMax)) {
    d.log.debug(`pruning ${releaseKey(old.name, old.version)} (history max ${d.historyMax})`)
    const gone = await d.store.delete(releaseKey(old.name, old.version))()
    if (E.isLeft(gone) && gone.left._tag !== 'ReleaseNotFound') return gone
  }
  const key = releaseKey(r.name, r.version)
  const release = d.session.hold(key)
  const stored = await d.store.create(key, r)()
  if (E.isLeft(stored)) {
    release()
    return stored
  }
  if (base !== undefined) {
    const now = await d.store.get(releaseKey(base.name, base.version))()
    const code = E.isRight(now) ? now.right.info.status.code : 'DELETED'
    if (code === 'DELETING' || (E.isLeft(now) && now.left._tag === 'ReleaseNotFound')) {
      await d.store.delete(key)()
      release()
      return E.left(operationInProgress(base.name, base.version, code))
    }
  }
  // holding the release's newest revision, no one else writes new records of it: what no record refers to is left over
  const collected = await d.store.collect(r.name, () => true)()
  if (E.isRight(collected) && collected.right > 0)
    d.log.info(`removed ${collected.right} storage fragment(s) of ${r.name} left by an interrupted write`)
  return E.right(release)
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
 * Marks SUPERSEDED every DEPLOYED revision of `name` older than the newest DEPLOYED one, and the `also`
 * revisions (a rollback's previous latest, an install --replace's replaced one) when they still have the
 * status read. Best effort: a failure is logged, readers `settle` and the next operation tries again.
 */
export const supersedeOlder = async (d: Deps, name: string, also: ReadonlyArray<Release> = []): Promise<void> => {
  const h = await history(d, name)
  if (E.isLeft(h)) return d.log.warn(`cannot supersede older revisions of ${name}: ${message(h.left)}`)
  const newest = h.right.filter((r) => r.info.status.code === 'DEPLOYED').at(-1)
  const stale = outdatedDeployed(h.right)
  for (const a of also) {
    const now = h.right.find((r) => r.version === a.version)
    if (now && now.version !== newest?.version && now.info.status.code === a.info.status.code && !stale.includes(now))
      stale.push(now)
  }
  for (const r of stale) {
    if (r.info.status.code === 'SUPERSEDED') continue
    const s = await updateRecord(d, withStatus(r, 'SUPERSEDED'), r.info.status.code)
    if (E.isLeft(s) && s.left._tag !== 'ReleaseConflict' && s.left._tag !== 'ReleaseNotFound')
      d.log.warn(`cannot supersede ${releaseKey(r.name, r.version)}: ${message(s.left)}`)
  }
}

/**
 * Ends an operation: its revision (held, status `expected`) becomes `done` (DEPLOYED), then the revisions it
 * replaces are superseded (see `supersedeOlder`). Fails only when the first write fails.
 */
export const finishRecord = async (
  d: Deps,
  done: Release,
  expected: StatusCode,
  also: ReadonlyArray<Release> = [],
): Promise<E.Either<HelmError, void>> => {
  const saved = await updateRecord(d, done, expected)
  if (E.isLeft(saved)) return saved
  // a first revision has no older one to supersede
  if (done.version > 1 || also.length > 0) await supersedeOlder(d, done.name, also)
  return E.right(undefined)
}

/**
 * Marks an abandoned PENDING_* or DELETING revision FAILED (only if its status is unchanged, so two
 * recoverers cannot both win); `by` names who recovers it, `reason` why the lock was abandoned. Returns the failed revision, or the error.
 */
export const failAbandoned = async (
  d: Deps,
  r: Release,
  reason: string,
  by: string,
): Promise<E.Either<HelmError, Release>> => {
  const code = r.info.status.code
  const failed = withStatus(r, 'FAILED', `Interrupted: ${r.info.description}; recovered by ${by}`)
  const saved = await updateRecord(d, failed, code)
  if (E.isLeft(saved)) return saved
  d.log.warn(
    `${releaseKey(r.name, r.version)} was left ${code} by an interrupted operation; marked it FAILED (${by}): ${reason}`,
  )
  return E.right(failed)
}

/**
 * Beyond Helm: the lock of PENDING_* and DELETING revisions, judged by the lock the operation that set it
 * stored (see Session.judgeLock). When the latest revision is held, another operation runs:
 * OperationInProgress. When it was abandoned it is marked FAILED and a warning says so; the caller then
 * carries on. A dry run writes nothing and only says what would happen.
 */
export const unlockStale = async (
  d: Deps,
  h: ReadonlyArray<Release>,
  operation: string,
  dryRun = false,
): Promise<E.Either<HelmError, { readonly history: Release[]; readonly warnings: string[] }>> => {
  const last = h.at(-1)
  if (last === undefined || !isTransient(last.info.status.code)) return E.right({ history: [...h], warnings: [] })
  const code = last.info.status.code
  const state = judgeLock(d.session, last, d.clock.now())
  if (state.held) return E.left(operationInProgress(last.name, last.version, code))
  const left = `revision ${last.version} of ${last.name} was left ${code} by an interrupted operation (${state.reason})`
  if (dryRun)
    return E.right({
      history: [...h.slice(0, -1), withStatus(last, 'FAILED')],
      warnings: [`${left}; the ${operation} would mark it FAILED`],
    })
  const failed = await failAbandoned(d, last, state.reason, operation)
  if (E.isLeft(failed)) return failed
  return E.right({
    history: [...h.slice(0, -1), failed.right],
    warnings: [`${left}; marked it FAILED and continuing with the ${operation}`],
  })
}

/** Runs `f` and releases every revision it held, however it ends. */
export const holding = async <A>(f: (hold: (release: () => void) => void) => Promise<A>): Promise<A> => {
  const releases: Array<() => void> = []
  try {
    return await f((r) => releases.push(r))
  } finally {
    for (const r of releases) r()
  }
}
