import * as E from 'fp-ts/Either'
import { planOf } from '../../domain/release/ChangeSet'
import type { Deps, Program } from './Deps'
import { type HelmError, message } from '../../domain/errors'
import { generateName, nameGenerationTries, validateReleaseName } from '../../domain/release/Names'
import { type Release, timestamp, withLock, withStatus } from '../../domain/release/Release'
import { missingChart, noNameAvailable, releaseFailed, releaseNameInUse } from '../../domain/release/ReleaseError'
import type { InstallReleaseRequest, ReleaseResponse } from '../../domain/release/ReleaseService'
import { applyChanges, changesFor, ensureNamespace, objectsOf } from './Apply'
import { execHooks } from './Hooks'
import { parseConfig } from '../../domain/values/Config'
import { prepare } from './Prepare'
import { checkSize, createRecord, finishRecord, history, holding, unlockStale, updateRecord } from './Records'
import { lockFor } from './Session'
import { uninstallRelease } from './UninstallRelease'

/** Helm v2 `uniqName`: the name to install under (generated when empty) and, with `--replace`, the revision it replaces. */
const chooseName = async (
  d: Deps,
  req: InstallReleaseRequest,
): Promise<E.Either<HelmError, { name: string; replaces?: Release; warnings: string[] }>> => {
  if (!req.name) {
    for (let i = 0; i < nameGenerationTries; i++) {
      const name = generateName(d.random.int)
      const h = await history(d, name)
      if (E.isLeft(h)) return h
      if (h.right.length === 0) return E.right({ name, warnings: [] })
      d.log.info(`info: generated name ${name} is taken. Searching again.`)
    }
    return E.left(noNameAvailable)
  }
  const valid = validateReleaseName(req.name, d.store.namePattern)
  if (E.isLeft(valid)) return valid
  const h = await history(d, req.name)
  if (E.isLeft(h)) return h
  if (h.right.length === 0) return E.right({ name: req.name, warnings: [] })
  if (!req.reuseName) return E.left(releaseNameInUse(req.name, false))
  const unlocked = await unlockStale(d, h.right, 'install --replace')
  if (E.isLeft(unlocked)) return unlocked
  const last = unlocked.right.history.at(-1)!
  if (last.info.status.code !== 'DELETED' && last.info.status.code !== 'FAILED')
    return E.left(releaseNameInUse(req.name, true))
  return E.right({ name: req.name, replaces: last, warnings: unlocked.right.warnings })
}

/**
 * Helm v2 InstallRelease: name check (or generation), render, `crd-install` hooks, manifest validation,
 * `pre-install` hooks, the record stored PENDING_INSTALL (holding the release's lock), objects created
 * (with `--replace`, the replaced revision's objects patched), optional wait, `post-install` hooks,
 * DEPLOYED "Install complete", then the replaced revision SUPERSEDED. A failing pre-install hook leaves no
 * record; a later failure leaves the revision FAILED (`atomic`: purged). `dryRun` stores nothing, touches
 * nothing and returns the plan.
 * Errors: MissingChart, MissingReleaseName/InvalidReleaseName, ReleaseNameInUse, NoNameAvailable,
 * render errors, ManifestParseError, KindNotFound, HookFailed, ReleaseFailed, OperationInProgress, StoreError.
 */
export const installRelease =
  (req: InstallReleaseRequest): Program<ReleaseResponse> =>
  (d) =>
  () =>
    holding((hold) => install(d, req, hold))

const install = async (
  d: Deps,
  req: InstallReleaseRequest,
  hold: (release: () => void) => void,
): Promise<E.Either<HelmError, ReleaseResponse>> => {
  if (!req.chart) return E.left(missingChart)
  if (req.name) {
    const valid = validateReleaseName(req.name, d.store.namePattern)
    if (E.isLeft(valid)) return valid
  }
  // .Capabilities read while the name is checked; no request of the call outlives it
  const discovering = d.kube.discover()()
  try {
    return await installWith(d, req, req.chart, hold, discovering)
  } finally {
    await discovering
  }
}

const installWith = async (
  d: Deps,
  req: InstallReleaseRequest,
  chart: NonNullable<InstallReleaseRequest['chart']>,
  hold: (release: () => void) => void,
  discovering: ReturnType<ReturnType<Deps['kube']['discover']>>,
): Promise<E.Either<HelmError, ReleaseResponse>> => {
  const timeout = req.timeout ?? 300
  const wait = req.wait || req.atomic
  const named = await chooseName(d, req)
  if (E.isLeft(named)) return named
  const { name, replaces, warnings } = named.right
  const namespace = req.namespace || 'default'
  const revision = replaces ? replaces.version + 1 : 1
  const values = parseConfig(req.values?.raw)
  if (E.isLeft(values)) return values
  const prepared = await prepare(
    d,
    chart,
    values.right,
    {
      name,
      namespace,
      revision,
      isUpgrade: false,
      subNotes: req.subNotes,
    },
    discovering,
  )
  if (E.isLeft(prepared)) return prepared
  const { discovery } = prepared.right
  const now = timestamp(d.clock.now())
  let rel: Release = withLock(
    {
      name,
      namespace,
      version: revision,
      chart,
      config: req.values ?? { raw: '' },
      manifest: prepared.right.manifest,
      hooks: prepared.right.hooks,
      info: {
        status: prepared.right.notes
          ? { code: 'PENDING_INSTALL', notes: prepared.right.notes }
          : { code: 'PENDING_INSTALL' },
        firstDeployed: now,
        lastDeployed: now,
        description: 'Initial install underway',
      },
    },
    lockFor(d.session, timeout),
  )
  const sized = checkSize(rel)
  if (E.isLeft(sized)) return sized
  const oldManifest = replaces?.manifest ?? ''
  // Helm v2 release_install.go's log lines
  d.log.info(`performing install for ${name}`)
  if (req.dryRun) {
    d.log.info(`dry run for ${name}`)
    const objs = objectsOf(rel.manifest, discovery)
    if (E.isLeft(objs)) return objs
    const cs = await changesFor(d, discovery, oldManifest, rel.manifest, namespace, replaces ? 'adopt' : 'create')
    if (E.isLeft(cs)) return cs
    const { lock: _, ...info } = rel.info
    return E.right({
      release: { ...rel, info: { ...info, description: 'Dry run complete' } },
      plan: { changes: planOf(cs.right) },
      warnings,
    })
  }
  if (!req.disableHooks && !req.disableCrdHook) {
    const ran = await execHooks(d, rel, 'CRD_INSTALL', timeout, discovery)
    if (E.isLeft(ran)) return ran
    rel = { ...rel, hooks: ran.right }
  }
  const rediscovered = rel.hooks.some((h) => h.events.includes('CRD_INSTALL'))
    ? await d.kube.discover()()
    : E.right(discovery)
  if (E.isLeft(rediscovered)) return rediscovered
  const objs = objectsOf(rel.manifest, rediscovered.right)
  if (E.isLeft(objs)) return objs
  const ns = await ensureNamespace(d, namespace)
  if (E.isLeft(ns)) return ns
  if (!req.disableHooks) {
    const ran = await execHooks(d, rel, 'PRE_INSTALL', timeout, rediscovered.right)
    if (E.isLeft(ran)) return ran
    rel = { ...rel, hooks: ran.right }
  }
  const stored = await createRecord(d, rel, replaces, replaces === undefined)
  if (E.isLeft(stored)) return stored
  hold(stored.right)
  const failWith = async (err: HelmError): Promise<E.Either<HelmError, ReleaseResponse>> => {
    const reason = message(err)
    d.log.warn(`Failed install perform step: ${reason}`)
    const failed = withStatus(rel, 'FAILED', `Release "${name}" failed: ${reason}`)
    const saved = await updateRecord(d, failed, 'PENDING_INSTALL')
    if (E.isLeft(saved)) return saved
    if (req.atomic) {
      const purged = await uninstallRelease({ name, purge: true, disableHooks: req.disableHooks, timeout })(d)()
      if (E.isLeft(purged))
        return E.left(
          releaseFailed(name, `${reason}; purging it because of --atomic also failed: ${message(purged.left)}`),
        )
      return E.left(releaseFailed(name, `${reason} (purged because --atomic was set)`))
    }
    return E.left(releaseFailed(name, reason))
  }
  const cs = await changesFor(
    d,
    rediscovered.right,
    oldManifest,
    rel.manifest,
    namespace,
    replaces ? 'adopt' : 'create',
  )
  if (E.isLeft(cs)) return failWith(cs.left)
  const applied = await applyChanges(d, cs.right, { timeout, wait })
  if (E.isLeft(applied)) return failWith(applied.left)
  if (!req.disableHooks) {
    const ran = await execHooks(d, rel, 'POST_INSTALL', timeout, rediscovered.right)
    if (E.isLeft(ran)) return failWith(ran.left)
    rel = { ...rel, hooks: ran.right }
  }
  const deployed = withStatus(rel, 'DEPLOYED', req.description || 'Install complete')
  const saved = await finishRecord(d, deployed, 'PENDING_INSTALL', replaces ? [replaces] : [])
  return E.isLeft(saved) ? saved : E.right({ release: deployed, warnings })
}
