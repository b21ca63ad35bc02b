import * as E from 'fp-ts/Either'
import { sortByKind, uninstallOrder } from '../../domain/manifest/KindOrder'
import { isKept, placedRef } from '../../domain/release/ChangeSet'
import type { Deps, Program } from './Deps'
import { type HelmError, message } from '../../domain/errors'
import { manifestObjects } from '../../domain/release/Manifest'
import { validateReleaseName } from '../../domain/release/Names'
import { type Release, releaseKey, timestamp, withLock, withStatus } from '../../domain/release/Release'
import { alreadyDeleted, deletionErrors, operationInProgress } from '../../domain/release/ReleaseError'
import type { UninstallReleaseRequest, UninstallReleaseResponse } from '../../domain/release/ReleaseService'
import { scopeOf } from './Apply'
import { execHooks } from './Hooks'
import { history, historyOrFail, holding, updateRecord } from './Records'
import { lockFor } from './Session'

// newest first: a purge cut short leaves revisions 1..k, a history without gaps whose latest is whole
const purgeAll = async (d: Deps, h: ReadonlyArray<Release>): Promise<E.Either<HelmError, void>> => {
  for (const r of [...h].reverse()) {
    const gone = await d.store.delete(releaseKey(r.name, r.version))()
    if (E.isLeft(gone) && gone.left._tag !== 'ReleaseNotFound') return gone
  }
  return E.right(undefined)
}

/**
 * Helm v2 UninstallRelease: the latest revision goes DELETING (holding the release's lock), `pre-delete` hooks run, the manifest's
 * objects are deleted in uninstall order (except `helm.sh/resource-policy: keep`, listed in `info`),
 * `post-delete` hooks run, and the revision becomes DELETED ("Deletion complete") — or with `purge`
 * every revision is removed. Objects that fail to delete do not stop the others: the release is still
 * DELETED and the call fails with DeletionErrors listing them. Errors: MissingReleaseName/InvalidReleaseName, ReleaseNotFound,
 * AlreadyDeleted (without purge), HookFailed, KubeError, StoreError.
 */
export const uninstallRelease =
  (req: UninstallReleaseRequest): Program<UninstallReleaseResponse> =>
  (d) =>
  () =>
    holding((hold) => uninstall(d, req, hold))

const uninstall = async (
  d: Deps,
  req: UninstallReleaseRequest,
  hold: (release: () => void) => void,
): Promise<E.Either<HelmError, UninstallReleaseResponse>> => {
  const name = validateReleaseName(req.name)
  if (E.isLeft(name)) return name
  const h = await historyOrFail(d, req.name)
  if (E.isLeft(h)) return h
  const last = h.right.at(-1)!
  if (last.info.status.code === 'DELETED') {
    if (!req.purge) return E.left(alreadyDeleted(req.name))
    // read again: an install --replace may have stored a revision meanwhile, and the purge takes it too
    const now = await history(d, req.name)
    if (E.isLeft(now)) return now
    const purged = await purgeAll(d, now.right)
    return E.isLeft(purged) ? purged : E.right({ release: last, info: '' })
  }
  const discovery = await d.kube.discover()()
  if (E.isLeft(discovery)) return discovery
  const timeout = req.timeout ?? 300
  // Helm v2's description of a release being deleted
  const marking = withStatus(last, 'DELETING', 'Deletion in progress (or silently failed)')
  const deleting: Release = withLock(
    { ...marking, info: { ...marking.info, deleted: timestamp(d.clock.now()) } },
    lockFor(d.session, timeout),
  )
  hold(d.session.hold(releaseKey(last.name, last.version)))
  const marked = await updateRecord(d, deleting, last.info.status.code)
  if (E.isLeft(marked)) return marked
  // an upgrade or rollback that read the history before this mark stored a newer revision: it goes on, this
  // delete gives the release back (the other side withdraws when it finds the mark first)
  const after = await d.store.index({ NAME: req.name, OWNER: 'TILLER' })()
  const newer = E.isRight(after) ? after.right.find((r) => r.version > last.version) : undefined
  if (newer) {
    await d.store.update(releaseKey(last.name, last.version), last, 'DELETING')()
    return E.left(operationInProgress(newer.name, newer.version, newer.status))
  }
  let hooks = [...last.hooks]
  if (!req.disableHooks) {
    const ran = await execHooks(d, { ...deleting, hooks }, 'PRE_DELETE', timeout, discovery.right)
    if (E.isLeft(ran)) return ran
    hooks = ran.right
  }
  const objs = manifestObjects(last.manifest)
  if (E.isLeft(objs)) return objs
  const scope = scopeOf(discovery.right)
  const served = objs.right.filter((m) => scope.served(m.object.apiVersion, m.object.kind))
  const kept = served.filter((m) => isKept(m.object))
  const doomed = sortByKind(
    served.filter((m) => !isKept(m.object)),
    (m) => m.object.kind,
    uninstallOrder,
  )
  // Helm v2 deletes everything it can and reports the failures at the end
  const errors: string[] = []
  for (const m of doomed) {
    const gone = await d.kube.delete(placedRef(m.object, last.namespace, scope))()
    if (E.isLeft(gone) && gone.left._tag !== 'KubeNotFound') errors.push(message(gone.left))
  }
  if (!req.disableHooks) {
    const ran = await execHooks(d, { ...deleting, hooks }, 'POST_DELETE', timeout, discovery.right)
    if (E.isLeft(ran)) return ran
    hooks = ran.right
  }
  const done: Release = { ...withStatus(deleting, 'DELETED', req.description || 'Deletion complete'), hooks }
  const info =
    kept.length === 0
      ? ''
      : `These resources were kept due to the resource policy:\n${kept.map((m) => `[${m.object.kind}] ${m.object.metadata.name}\n`).join('')}`
  const result = errors.length > 0 ? E.left(deletionErrors(errors)) : E.right({ release: done, info })
  if (req.purge) {
    d.log.info(`purge requested for ${req.name}`)
    const now = await history(d, req.name)
    if (E.isLeft(now)) return now
    const purged = await purgeAll(d, now.right)
    return E.isLeft(purged) ? purged : result
  }
  const saved = await updateRecord(d, done, 'DELETING')
  return E.isLeft(saved) ? saved : result
}
