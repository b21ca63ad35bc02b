import { isTransient, type Lock, type Release, releaseKey, toDate } from '../../domain/release/Release'

/**
 * One run of one Tiller: what it writes into the locks of the revisions it works on, and which of those
 * it is working on right now. `holder` names the Tiller the same way across its restarts (its host and
 * listen address: no two live Tillers share one); `id` is new at every start and begins with a tag of
 * the holder, so the sessions of earlier runs of the same Tiller are known (see `isPredecessor`).
 */
export interface Session {
  readonly holder: string
  readonly id: string
  /** Marks revision `key` as worked on by this process until the returned release is called. */
  readonly hold: (key: string) => () => void
  /** Whether this process is working on revision `key` now. */
  readonly holds: (key: string) => boolean
}

/** An 8-hex-digit tag of a holder (FNV-1a, 32 bits): the prefix of its sessions' ids. */
export const holderTag = (holder: string): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < holder.length; i++) {
    h ^= holder.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

/** A session of `holder` whose id ends in `nonce` (hex digits); a valid label value. */
export const newSession = (holder: string, nonce: string): Session => {
  const held = new Map<string, number>()
  return {
    holder,
    id: `${holderTag(holder)}-${nonce}`,
    hold: (key) => {
      held.set(key, (held.get(key) ?? 0) + 1)
      let released = false
      return () => {
        if (released) return
        released = true
        const n = (held.get(key) ?? 1) - 1
        if (n > 0) held.set(key, n)
        else held.delete(key)
      }
    },
    holds: (key) => held.has(key),
  }
}

/** Whether session id `other` is an earlier run of this session's Tiller (gone: the holder is this process now). */
export const isPredecessor = (s: Session, other: string): boolean =>
  other !== s.id && other.startsWith(`${holderTag(s.holder)}-`)

/** The lock of a revision this session starts working on, for an operation with `timeout` seconds. */
export const lockFor = (s: Session, timeout: number): Lock => ({
  timeout: Math.max(0, Math.floor(timeout)),
  holder: s.holder,
  session: s.id,
})

/**
 * How long a lock set by another Tiller is presumed alive: an operation runs its pre-hooks, its apply and
 * wait, and its post-hooks, each bounded by its timeout, plus a minute. A Helm v2 record, which stores no
 * timeout, gets Helm's default (300 s).
 */
export const lockBudgetSeconds = (lock: Lock | undefined): number => (lock ? 3 * lock.timeout + 60 : 300)

/** Why a PENDING_* or DELETING revision is held by a live operation (`held`) or was abandoned (with the reason). */
export type LockState = { readonly held: true } | { readonly held: false; readonly reason: string }

/**
 * Judges the lock of revision `r` (a transient one) at `now`: this session's own lock by whether this
 * process still works on it, an earlier run's as abandoned, another Tiller's (or a lock-less Helm v2
 * record's) by its age against the budget of the operation that set it.
 */
export const judgeLock = (s: Session, r: Release, now: Date): LockState => {
  const lock = r.info.lock
  const key = releaseKey(r.name, r.version)
  if (!isTransient(r.info.status.code)) return { held: false, reason: 'not locked' }
  if (lock?.session === s.id)
    return s.holds(key) ? { held: true } : { held: false, reason: 'its operation ended without finishing it' }
  if (lock && isPredecessor(s, lock.session)) return { held: false, reason: 'the Tiller that set it restarted' }
  const stamp = r.info.status.code === 'DELETING' ? (r.info.deleted ?? r.info.lastDeployed) : r.info.lastDeployed
  const since = stamp ? toDate(stamp) : new Date(0)
  const budget = lockBudgetSeconds(lock)
  const age = (now.getTime() - since.getTime()) / 1000
  return age < budget
    ? { held: true }
    : {
        held: false,
        reason: `pending since ${since.toISOString()}, longer than the ${budget}s its operation may take${lock ? ` (timeout ${lock.timeout}s)` : ''}`,
      }
}
