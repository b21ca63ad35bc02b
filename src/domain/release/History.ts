import { isPending, type Release, type StatusCode, withStatus } from './Release'

/** Revisions oldest first. */
export const byVersion = (rs: ReadonlyArray<Release>): Release[] => [...rs].sort((a, b) => a.version - b.version)

/** The newest revision (Helm's `storage.Last`), if any. */
export const latest = (rs: ReadonlyArray<Release>): Release | undefined => byVersion(rs).at(-1)

/** The newest DEPLOYED revision (Helm's `storage.Deployed`), if any. */
export const deployed = (rs: ReadonlyArray<Release>): Release | undefined =>
  byVersion(rs.filter((r) => r.info.status.code === 'DEPLOYED')).at(-1)

/**
 * The revisions as readers see them: when two writes of an operation disagree (it marked its revision
 * DEPLOYED and was cut before it superseded the one it replaced), the newest DEPLOYED revision is the
 * deployed one and every older DEPLOYED revision reads SUPERSEDED (the next operation stores that).
 */
export const settle = (rs: ReadonlyArray<Release>): Release[] => {
  const newest = new Map<string, number>()
  for (const r of rs)
    if (r.info.status.code === 'DEPLOYED' && r.version > (newest.get(r.name) ?? 0)) newest.set(r.name, r.version)
  return rs.map((r) =>
    r.info.status.code === 'DEPLOYED' && r.version < (newest.get(r.name) ?? 0) ? withStatus(r, 'SUPERSEDED') : r,
  )
}

/** DEPLOYED revisions older than the newest DEPLOYED one of the same release (what `settle` reads as SUPERSEDED). */
export const outdatedDeployed = (rs: ReadonlyArray<Release>): Release[] => {
  const settled = settle(rs)
  return rs.filter((r, i) => r.info.status.code === 'DEPLOYED' && settled[i]!.info.status.code !== 'DEPLOYED')
}

/** Whether the newest revision locks the release (PENDING_*). */
export const isLocked = (rs: ReadonlyArray<Release>): boolean => {
  const l = latest(rs)
  return l !== undefined && isPending(l.info.status.code)
}

/**
 * The revisions to delete so that at most `max` remain once one more is created (Helm's history-max:
 * oldest first, never the DEPLOYED one). `max` ≤ 0 means unlimited.
 */
export const pruneForCreate = (rs: ReadonlyArray<Release>, max: number): Release[] => {
  if (max <= 0) return []
  const sorted = byVersion(rs)
  const excess = sorted.length + 1 - max
  if (excess <= 0) return []
  const current = deployed(sorted)
  return sorted.filter((r) => r !== current).slice(0, excess)
}

/** The status transitions Tiller makes; anything else is a bug in a use case. */
export const transitions: Readonly<Record<StatusCode, ReadonlyArray<StatusCode>>> = {
  UNKNOWN: [],
  // FAILED also ends a pending revision that an interrupted operation left behind
  PENDING_INSTALL: ['DEPLOYED', 'FAILED', 'DELETING'],
  PENDING_UPGRADE: ['DEPLOYED', 'FAILED', 'DELETING'],
  PENDING_ROLLBACK: ['DEPLOYED', 'FAILED', 'DELETING'],
  DEPLOYED: ['SUPERSEDED', 'DELETING', 'DELETED', 'FAILED'],
  FAILED: ['SUPERSEDED', 'DELETING', 'DELETED'],
  SUPERSEDED: ['DELETING', 'DELETED'],
  DELETING: ['DELETED', 'FAILED', 'SUPERSEDED'],
  // install --replace supersedes the DELETED revision it replaces
  DELETED: ['SUPERSEDED'],
}

/** Whether Tiller may move a revision from `from` to `to`. */
export const canTransition = (from: StatusCode, to: StatusCode): boolean => transitions[from].includes(to)
