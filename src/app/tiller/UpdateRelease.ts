import * as E from 'fp-ts/Either'
import { stringify } from 'yaml'
import type { Chart } from '../../domain/chart/Chart'
import { planOf } from '../../domain/release/ChangeSet'
import type { Deps, Program } from './Deps'
import { type HelmError, message } from '../../domain/errors'
import { deployed } from '../../domain/release/History'
import type { ObjectRef } from '../../domain/release/KubeObject'
import { validateReleaseName } from '../../domain/release/Names'
import { type Config, type Release, timestamp, withLock, withStatus } from '../../domain/release/Release'
import { missingChart, noDeployedReleases, upgradeFailed } from '../../domain/release/ReleaseError'
import type { ReleaseResponse, UpdateReleaseRequest } from '../../domain/release/ReleaseService'
import type { GoMap } from '../../domain/go/Value'
import { applyChanges, changesFor, deleteAll, ensureNamespace } from './Apply'
import { execHooks } from './Hooks'
import { parseConfig } from '../../domain/values/Config'
import { prepare } from './Prepare'
import { checkSize, createRecord, finishRecord, historyOrFail, holding, unlockStale, updateRecord } from './Records'
import { lockFor } from './Session'
import { rollbackRelease } from './RollbackRelease'

const isEmptyConfig = (c: Config | undefined): boolean => c === undefined || c.raw === '' || c.raw === '{}\n'

const isTable = (v: unknown): v is GoMap =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)

/** Helm v2 `Values.MergeInto`: `src` deep-merged into a copy of `dst`, `src` winning. */
const mergeInto = (dst: GoMap, src: GoMap): GoMap => {
  const out: GoMap = { ...dst }
  for (const [k, v] of Object.entries(src)) out[k] = isTable(v) && isTable(out[k]) ? mergeInto(out[k] as GoMap, v) : v
  return out
}

/**
 * Helm v2 `reuseValues`: `--reset-values` uses only the new values; `--reuse-values` makes the old
 * computed values the chart's defaults and merges the new values over the old user config; neither
 * copies the old user config only when no new values were given.
 */
export const valuesForUpgrade = (
  d: Deps,
  req: UpdateReleaseRequest,
  chart: Chart,
  current: Release,
): E.Either<HelmError, { chart: Chart; config: Config }> => {
  if (req.resetValues) return E.right({ chart, config: req.values ?? { raw: '' } })
  if (req.reuseValues) {
    const old = parseConfig(current.config.raw)
    if (E.isLeft(old)) return old
    const oldComputed = d.engine.coalesce(current.chart, old.right)
    if (E.isLeft(oldComputed)) return oldComputed
    const fresh = parseConfig(req.values?.raw)
    if (E.isLeft(fresh)) return fresh
    const merged = mergeInto(old.right, fresh.right)
    return E.right({
      chart: { ...chart, values: oldComputed.right, rawValues: stringify(oldComputed.right) },
      config: { raw: Object.keys(merged).length === 0 ? '{}\n' : stringify(merged) },
    })
  }
  if (isEmptyConfig(req.values) && !isEmptyConfig(current.config)) return E.right({ chart, config: current.config })
  return E.right({ chart, config: req.values ?? { raw: '' } })
}

/**
 * Helm v2 UpdateRelease: the latest DEPLOYED revision is current (when none is, a FAILED or SUPERSEDED
 * latest one, as Helm 3); a PENDING_* or DELETING latest revision locks the release (an abandoned one is
 * recovered, see `unlockStale`); values policy; render; a new revision PENDING_UPGRADE is stored (a
 * concurrent upgrade that stored the same revision first wins, this one fails with ReleaseExists);
 * `pre-upgrade` hooks; three-way patches, creates and deletes (objects of failed revisions after the
 * current one are the release's own); optional wait; `post-upgrade` hooks; new DEPLOYED "Upgrade
 * complete", then current SUPERSEDED. On failure the new revision is FAILED (`cleanupOnFail` deletes what
 * it created; `atomic` rolls back to the current revision) and the error is UpgradeFailed. `dryRun`
 * returns the plan and stores nothing.
 */
export const updateRelease =
  (req: UpdateReleaseRequest): Program<ReleaseResponse> =>
  (d) =>
  () =>
    holding((hold) => upgrade(d, req, hold))

const upgrade = async (
  d: Deps,
  req: UpdateReleaseRequest,
  hold: (release: () => void) => void,
): Promise<E.Either<HelmError, ReleaseResponse>> => {
  const valid = validateReleaseName(req.name, d.store.namePattern)
  if (E.isLeft(valid)) return valid
  if (!req.chart) return E.left(missingChart)
  // .Capabilities read while the history is; no request of the call outlives it
  const discovering = d.kube.discover()()
  try {
    return await upgradeWith(d, req, req.chart, hold, discovering)
  } finally {
    await discovering
  }
}

const upgradeWith = async (
  d: Deps,
  req: UpdateReleaseRequest,
  chart: NonNullable<UpdateReleaseRequest['chart']>,
  hold: (release: () => void) => void,
  discovering: ReturnType<ReturnType<Deps['kube']['discover']>>,
): Promise<E.Either<HelmError, ReleaseResponse>> => {
  const timeout = req.timeout ?? 300
  const wait = req.wait || req.atomic
  const h = await historyOrFail(d, req.name)
  if (E.isLeft(h)) return E.left(h.left._tag === 'ReleaseNotFound' ? noDeployedReleases(req.name) : h.left)
  const unlocked = await unlockStale(d, h.right, 'upgrade', req.dryRun)
  if (E.isLeft(unlocked)) return unlocked
  const { history, warnings } = unlocked.right
  const last = history.at(-1)!
  // Beyond Helm v2 (as Helm 3, helm/helm#7653): with no DEPLOYED revision, a FAILED or SUPERSEDED latest
  // revision stands in for the deployed one
  const standIn = last.info.status.code === 'FAILED' || last.info.status.code === 'SUPERSEDED'
  const current = deployed(history) ?? (standIn ? last : undefined)
  if (current === undefined) return E.left(noDeployedReleases(req.name))
  // what revisions after the current one (failed or interrupted) created belongs to the release
  const since = history.filter((r) => r.version > current.version).map((r) => r.manifest)
  const chosen = valuesForUpgrade(d, req, chart, current)
  if (E.isLeft(chosen)) return chosen
  const values = parseConfig(chosen.right.config.raw)
  if (E.isLeft(values)) return values
  const revision = last.version + 1
  const prepared = await prepare(
    d,
    chosen.right.chart,
    values.right,
    {
      name: req.name,
      namespace: current.namespace,
      revision,
      isUpgrade: true,
      subNotes: req.subNotes,
    },
    discovering,
  )
  if (E.isLeft(prepared)) return prepared
  const { discovery } = prepared.right
  let rel: Release = withLock(
    {
      name: req.name,
      namespace: current.namespace,
      version: revision,
      chart: chosen.right.chart,
      config: chosen.right.config,
      manifest: prepared.right.manifest,
      hooks: prepared.right.hooks,
      info: {
        status: prepared.right.notes
          ? { code: 'PENDING_UPGRADE', notes: prepared.right.notes }
          : { code: 'PENDING_UPGRADE' },
        firstDeployed: current.info.firstDeployed ?? timestamp(d.clock.now()),
        lastDeployed: timestamp(d.clock.now()),
        description: 'Preparing upgrade',
      },
    },
    lockFor(d.session, timeout),
  )
  const sized = checkSize(rel)
  if (E.isLeft(sized)) return sized
  const cs = await changesFor(d, discovery, current.manifest, rel.manifest, rel.namespace, 'refuse', since)
  // Helm v2 release_update.go's log lines
  d.log.info(`performing update for ${req.name}`)
  if (req.dryRun) {
    d.log.info(`dry run for ${req.name}`)
    if (E.isLeft(cs)) return cs
    const { lock: _, ...info } = rel.info
    return E.right({
      release: { ...rel, info: { ...info, description: 'Dry run complete' } },
      plan: { changes: planOf(cs.right) },
      warnings,
    })
  }
  if (E.isLeft(cs)) return E.left(upgradeFailed(message(cs.left)))
  const stored = await createRecord(d, rel, last)
  if (E.isLeft(stored)) return stored
  hold(stored.right)
  const created: ObjectRef[] = []
  const failWith = async (err: HelmError): Promise<E.Either<HelmError, ReleaseResponse>> => {
    const reason = message(err)
    d.log.warn(`Upgrade "${req.name}" failed: ${reason}`)
    const saved = await updateRecord(
      d,
      withStatus(rel, 'FAILED', `Upgrade "${req.name}" failed: ${reason}`),
      'PENDING_UPGRADE',
    )
    if (E.isLeft(saved)) return saved
    if (req.cleanupOnFail && created.length > 0) {
      d.log.info(`Cleanup on fail enabled. Cleaning up ${created.length} newly created resources`)
      const cleaned = await deleteAll(d, created)
      if (E.isLeft(cleaned)) d.log.warn(`cleanup on fail: ${message(cleaned.left)}`)
    }
    if (!req.atomic) return E.left(upgradeFailed(reason))
    const back = await rollbackRelease({
      name: req.name,
      version: current.version,
      wait: true,
      timeout,
      force: req.force,
      recreate: req.recreate,
      cleanupOnFail: req.cleanupOnFail,
      disableHooks: req.disableHooks,
    })(d)()
    return E.left(
      upgradeFailed(
        reason,
        E.isRight(back)
          ? `rolled back to revision ${current.version} because --atomic was set`
          : `rolling back because of --atomic also failed: ${message(back.left)}`,
      ),
    )
  }
  const ns = await ensureNamespace(d, rel.namespace)
  if (E.isLeft(ns)) return failWith(ns.left)
  if (!req.disableHooks) {
    const ran = await execHooks(d, rel, 'PRE_UPGRADE', timeout, discovery)
    if (E.isLeft(ran)) return failWith(ran.left)
    rel = { ...rel, hooks: ran.right }
  }
  const applied = await applyChanges(d, cs.right, { timeout, wait, force: req.force, recreate: req.recreate }, created)
  if (E.isLeft(applied)) return failWith(applied.left)
  if (!req.disableHooks) {
    const ran = await execHooks(d, rel, 'POST_UPGRADE', timeout, discovery)
    if (E.isLeft(ran)) return failWith(ran.left)
    rel = { ...rel, hooks: ran.right }
  }
  const done = withStatus(rel, 'DEPLOYED', req.description || 'Upgrade complete')
  const saved = await finishRecord(d, done, 'PENDING_UPGRADE', [current])
  return E.isLeft(saved) ? saved : E.right({ release: done, warnings })
}
