import * as E from 'fp-ts/Either'
import { planOf } from '../../domain/release/ChangeSet'
import type { Deps, Program } from './Deps'
import { type HelmError, message } from '../../domain/errors'
import type { ObjectRef } from '../../domain/release/KubeObject'
import { validateReleaseName } from '../../domain/release/Names'
import { type Release, releaseKey, timestamp, withLock, withStatus } from '../../domain/release/Release'
import { invalidRevision, releaseFailed } from '../../domain/release/ReleaseError'
import type { ReleaseResponse, RollbackReleaseRequest } from '../../domain/release/ReleaseService'
import { applyChanges, changesFor, deleteAll, ensureNamespace } from './Apply'
import { execHooks } from './Hooks'
import { createRecord, finishRecord, historyOrFail, holding, unlockStale, updateRecord } from './Records'
import { lockFor } from './Session'

/**
 * Helm v2 RollbackRelease: copies chart, config, manifest and hooks of revision `version` (0: the one
 * before the latest) into a new revision PENDING_ROLLBACK ("Rollback to N"), runs `pre-rollback`
 * hooks, applies the change from the latest manifest, waits if asked, runs `post-rollback` hooks, marks
 * the new one DEPLOYED, then supersedes every older DEPLOYED revision and the previous latest. Errors:
 * InvalidRevision (negative), ReleaseNotFound (`NAME` or `NAME.vN`), OperationInProgress, HookFailed,
 * ReleaseFailed (the new revision is then FAILED).
 */
export const rollbackRelease =
  (req: RollbackReleaseRequest): Program<ReleaseResponse> =>
  (d) =>
  () =>
    holding((hold) => rollback(d, req, hold))

const rollback = async (
  d: Deps,
  req: RollbackReleaseRequest,
  hold: (release: () => void) => void,
): Promise<E.Either<HelmError, ReleaseResponse>> => {
  const valid = validateReleaseName(req.name)
  if (E.isLeft(valid)) return valid
  if ((req.version ?? 0) < 0) return E.left(invalidRevision(req.version ?? 0))
  const timeout = req.timeout ?? 300
  const h = await historyOrFail(d, req.name)
  if (E.isLeft(h)) return h
  const unlocked = await unlockStale(d, h.right, 'rollback', req.dryRun)
  if (E.isLeft(unlocked)) return unlocked
  const { history, warnings } = unlocked.right
  const latest = history.at(-1)!
  const target = req.version && req.version > 0 ? req.version : latest.version - 1
  const previous = await d.store.get(releaseKey(req.name, target))()
  if (E.isLeft(previous)) return previous
  const discovery = await d.kube.discover()()
  if (E.isLeft(discovery)) return discovery
  const now = timestamp(d.clock.now())
  let rel: Release = withLock(
    {
      ...previous.right,
      version: latest.version + 1,
      info: {
        status: previous.right.info.status.notes
          ? { code: 'PENDING_ROLLBACK', notes: previous.right.info.status.notes }
          : { code: 'PENDING_ROLLBACK' },
        firstDeployed: latest.info.firstDeployed ?? now,
        lastDeployed: now,
        description: req.description || `Rollback to ${target}`,
      },
    },
    lockFor(d.session, timeout),
  )
  const cs = await changesFor(d, discovery.right, latest.manifest, rel.manifest, rel.namespace, 'adopt')
  if (E.isLeft(cs)) return cs
  // Helm v2 release_rollback.go's log lines
  d.log.info(`performing rollback of ${req.name}`)
  if (req.dryRun) {
    d.log.info(`dry run for ${req.name}`)
    const { lock: _, ...info } = rel.info
    return E.right({ release: { ...rel, info }, plan: { changes: planOf(cs.right) }, warnings })
  }
  const stored = await createRecord(d, rel, latest)
  if (E.isLeft(stored)) return stored
  hold(stored.right)
  const created: ObjectRef[] = []
  const failWith = async (err: HelmError): Promise<E.Either<HelmError, ReleaseResponse>> => {
    const reason = message(err)
    const saved = await updateRecord(
      d,
      withStatus(rel, 'FAILED', `Rollback "${req.name}" failed: ${reason}`),
      'PENDING_ROLLBACK',
    )
    if (E.isLeft(saved)) return saved
    if (req.cleanupOnFail && created.length > 0) {
      const cleaned = await deleteAll(d, created)
      if (E.isLeft(cleaned)) d.log.warn(`cleanup on fail: ${message(cleaned.left)}`)
    }
    return E.left(releaseFailed(req.name, reason))
  }
  const ns = await ensureNamespace(d, rel.namespace)
  if (E.isLeft(ns)) return failWith(ns.left)
  if (!req.disableHooks) {
    const ran = await execHooks(d, rel, 'PRE_ROLLBACK', timeout, discovery.right)
    if (E.isLeft(ran)) return failWith(ran.left)
    rel = { ...rel, hooks: ran.right }
  }
  const applied = await applyChanges(
    d,
    cs.right,
    { timeout, wait: req.wait, force: req.force, recreate: req.recreate },
    created,
  )
  if (E.isLeft(applied)) return failWith(applied.left)
  if (!req.disableHooks) {
    const ran = await execHooks(d, rel, 'POST_ROLLBACK', timeout, discovery.right)
    if (E.isLeft(ran)) return failWith(ran.left)
    rel = { ...rel, hooks: ran.right }
  }
  const done = withStatus(rel, 'DEPLOYED')
  const saved = await finishRecord(d, done, 'PENDING_ROLLBACK', [latest])
  return E.isLeft(saved) ? saved : E.right({ release: done, warnings })
}
