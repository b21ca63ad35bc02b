import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import { message } from '../../domain/errors'
import { outdatedDeployed } from '../../domain/release/History'
import { type Release, type StatusCode, releaseKey } from '../../domain/release/Release'
import type { Fragment } from '../../ports/ReleaseStore'
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
  for (const code of transient) {
    const found = await d.store.query({ OWNER: 'TILLER', STATUS: code })()
    if (E.isLeft(found)) {
      d.log.warn(`cannot look for interrupted operations: ${message(found.left)}`)
      return { failed, superseded, fragments: 0 }
    }
    for (const r of found.right) {
      const own = r.info.lock?.session === d.session.id
      const state = shutdown && own ? { held: false as const, reason: 'Tiller stopped' } : judgeLock(d.session, r, now)
      if (state.held || (shutdown && !own)) continue
      const marked = await failAbandoned(d, r, state.reason, why)
      if (E.isRight(marked)) failed.push(releaseKey(r.name, r.version))
    }
  }
  if (shutdown) return { failed, superseded, fragments: 0 }
  const deployed = await d.store.query({ OWNER: 'TILLER', STATUS: 'DEPLOYED' })()
  if (E.isRight(deployed)) {
    const names = new Set(outdatedDeployed(deployed.right).map((r: Release) => r.name))
    for (const name of names) {
      await supersedeOlder(d, name)
      for (const r of outdatedDeployed(deployed.right.filter((x) => x.name === name)))
        superseded.push(releaseKey(r.name, r.version))
      d.log.warn(
        `${name} had more than one DEPLOYED revision (an interrupted operation); the older ones are SUPERSEDED`,
      )
    }
  }
  const leftOver = (f: Fragment): boolean =>
    f.writer !== d.session.id &&
    ((f.writer !== undefined && isPredecessor(d.session, f.writer)) || f.ageSeconds > FRAGMENT_GRACE_SECONDS)
  const collected = await d.store.collect(undefined, leftOver)()
  if (E.isLeft(collected)) d.log.warn(`cannot collect storage fragments: ${message(collected.left)}`)
  else if (collected.right > 0) d.log.info(`removed ${collected.right} storage fragment(s) left by interrupted writes`)
  return { failed, superseded, fragments: E.isRight(collected) ? collected.right : 0 }
}
