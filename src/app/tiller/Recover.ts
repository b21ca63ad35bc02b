import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import { message } from '../../domain/errors'
import type { StatusCode } from '../../domain/release/Release'
import type { Fragment, RecordHeader } from '../../ports/ReleaseStore'
import { failAbandoned, supersedeOlder } from './Records'
import { isPredecessor, judgeLock } from './Session'

/** How old a fragment written by another Tiller must be before it is taken for left over (a split write takes seconds). */
export const FRAGMENT_GRACE_SECONDS = 600

const transient: ReadonlyArray<StatusCode> = ['PENDING_INSTALL', 'PENDING_UPGRADE', 'PENDING_ROLLBACK', 'DELETING']

/** What a recovery did: revisions marked FAILED, revisions superseded, fragments removed. */
export interface Recovery {
  readonly failed: ReadonlyArray<string>
  readonly superseded: ReadonlyArray<string>
  readonly fragments: number
}

/**
 * Repairs what interrupted operations left in storage, as a Tiller does when it starts (`why`: "Tiller
 * restarted") and, with `shutdown`, when it stops (its own running operations are then cut too):
 * abandoned PENDING_* / DELETING revisions are marked FAILED (see Session.judgeLock), DEPLOYED revisions
 * older than a newer DEPLOYED one are marked SUPERSEDED, and fragments no record refers to that an earlier
 * run of this Tiller wrote (or anyone, long ago) are removed. Failures are logged, never fatal.
 */
export const recoverReleases = async (d: Deps, why: string, shutdown = false): Promise<Recovery> => {
  const failed: string[] = []
  const superseded: string[] = []
  const now = d.clock.now()
  // one listing of labels: only what needs repair is read whole
  const all = await d.store.index({ OWNER: 'TILLER' })()
  if (E.isLeft(all)) {
    d.log.warn(`cannot look for interrupted operations: ${message(all.left)}`)
    return { failed, superseded, fragments: 0 }
  }
  for (const header of all.right.filter((h) => transient.includes(h.status))) {
    const r = await d.store.get(header.key)()
    if (E.isLeft(r)) continue
    const own = r.right.info.lock?.session === d.session.id
    const state =
      shutdown && own ? { held: false as const, reason: 'Tiller stopped' } : judgeLock(d.session, r.right, now)
    if (state.held || (shutdown && !own)) continue
    const marked = await failAbandoned(d, r.right, state.reason, why)
    if (E.isRight(marked)) failed.push(header.key)
  }
  if (shutdown) return { failed, superseded, fragments: 0 }
  const deployed = new Map<string, RecordHeader[]>()
  for (const h of all.right.filter((x) => x.status === 'DEPLOYED'))
    deployed.set(h.name, [...(deployed.get(h.name) ?? []), h])
  for (const [name, hs] of deployed) {
    if (hs.length < 2) continue
    await supersedeOlder(d, name)
    const newest = Math.max(...hs.map((h) => h.version))
    for (const h of hs) if (h.version !== newest) superseded.push(h.key)
    d.log.warn(`${name} had more than one DEPLOYED revision (an interrupted operation); the older ones are SUPERSEDED`)
  }
  const leftOver = (f: Fragment): boolean =>
    f.writer !== d.session.id &&
    ((f.writer !== undefined && isPredecessor(d.session, f.writer)) || f.ageSeconds > FRAGMENT_GRACE_SECONDS)
  const collected = await d.store.collect(undefined, leftOver)()
  if (E.isLeft(collected)) d.log.warn(`cannot collect storage fragments: ${message(collected.left)}`)
  else if (collected.right > 0) d.log.info(`removed ${collected.right} storage fragment(s) left by interrupted writes`)
  return { failed, superseded, fragments: E.isRight(collected) ? collected.right : 0 }
}
