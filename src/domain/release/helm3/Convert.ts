// A release as Helm 3/4 records it (pkg/release/v1 Release as JSON) and back, mapped as the helm-2to3 plugin
// maps Helm v2's release (pkg/v3/release.go): statuses and hook names by Names.ts, Config.raw as the values
// map, Helm v2's last test suite as the `last_run` of the test hooks. What Helm 3 has no field for travels
// in the record's extension; what only Helm 3 has stays on the Release as its residue (Helm3Residue).
import * as E from 'fp-ts/Either'
import type { GoMap, Value } from '../../go/Value'
import type { Hook } from '../../manifest/Hook'
import type { Helm3HookResidue, Helm3Residue } from '../Helm3Residue'
import type { Info, Release, Status, TestRun, TestSuite, Timestamp } from '../Release'
import { chartJsonOf, chartOfJson, valuesYaml, yamlValues } from './ChartRecord'
import { compactExtension, type ReleaseExtension, ReleaseExtensionC, readExtension } from './Extension'
import { jsonOf, readJson } from './GoJson'
import { formatGoTime, parseGoTime } from './GoTime'
import {
  deletePolicyOf,
  helm3Event,
  helm3Phase,
  helm3Policy,
  helm3Status,
  hookEventOf,
  isTestEvent,
  statusCodeOf,
  testStatusOf,
} from './Names'
import type { HookJson, ReleaseJson } from './Record'

type Maybe<A> = A | null | undefined
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
const utc = (ts: Timestamp): string | undefined => formatGoTime({ at: ts, offsetMinutes: 0 })
const defaultDeleteTimeout = (h: Pick<Hook, 'deletePolicies'>): number => (h.deletePolicies.length > 0 ? 60 : 0)
const isTest = (h: Pick<Hook, 'events'>): boolean => h.events.some(isTestEvent)
// Helm v2 sets a hook's lastRun as it starts it; the operation carries on only when it succeeds
const defaultPhase = (h: Pick<Hook, 'lastRun'>): string => (h.lastRun ? 'Succeeded' : '')

/** Reads times, noting those Helm spelled otherwise than UTC. */
const timeReader = () => {
  const spelled: string[] = []
  const read = (s: Maybe<string>): Timestamp | undefined => {
    if (!s) return undefined
    const t = parseGoTime(s)
    if (t === undefined) return undefined
    if (formatGoTime({ at: t.at, offsetMinutes: 0 }) !== s && !spelled.includes(s)) spelled.push(s)
    return t.at
  }
  return { read, spelled }
}

/** Writes times in the spelling a record had for the same instant, else in UTC. */
const timeWriter =
  (spelled: ReadonlyArray<string> = []) =>
  (ts: Maybe<Timestamp>): string | undefined => {
    if (!ts) return undefined
    const same = spelled.find((s) => {
      const t = parseGoTime(s)
      return t !== undefined && t.at.seconds === ts.seconds && t.at.nanos === ts.nanos
    })
    return same ?? utc(ts)
  }

/** The test suite the test hooks' last runs record (Helm 3 keeps no other). */
const suiteOf = (hooks: ReadonlyArray<Maybe<HookJson>>, read: (s: Maybe<string>) => Timestamp | undefined) => {
  const results: TestRun[] = []
  for (const h of hooks) {
    if (h == null || !(h.events ?? []).some((e) => isTestEvent(hookEventOf(e)))) continue
    const status = testStatusOf(h.last_run?.phase ?? '')
    if (status === undefined) continue
    const startedAt = read(h.last_run?.started_at)
    const completedAt = read(h.last_run?.completed_at)
    results.push({
      name: h.name ?? '',
      status,
      info: '',
      ...(startedAt ? { startedAt } : {}),
      ...(completedAt ? { completedAt } : {}),
    })
  }
  if (results.length === 0) return undefined
  const seconds = (t: Timestamp) => t.seconds * 1e9 + t.nanos
  const pick = (ts: Array<Timestamp | undefined>, f: (a: number, b: number) => boolean) =>
    ts.reduce<Timestamp | undefined>((m, t) => (t && (!m || f(seconds(t), seconds(m))) ? t : m), undefined)
  const startedAt = pick(
    results.map((r) => r.startedAt),
    (a, b) => a < b,
  )
  const completedAt = pick(
    results.map((r) => r.completedAt),
    (a, b) => a > b,
  )
  const suite: TestSuite = { ...(startedAt ? { startedAt } : {}), ...(completedAt ? { completedAt } : {}), results }
  return suite
}

const suiteOfExtension = (
  s: NonNullable<ReleaseExtension['testSuite']>,
  read: (s: Maybe<string>) => Timestamp | undefined,
): TestSuite => {
  const at = (k: 'startedAt' | 'completedAt', v: Maybe<string>) => {
    const t = read(v)
    return t ? { [k]: t } : {}
  }
  return {
    ...at('startedAt', s.started_at),
    ...at('completedAt', s.completed_at),
    results: s.results.map((r) => ({
      name: r.name,
      status: r.status,
      info: r.info,
      ...at('startedAt', r.started_at),
      ...at('completedAt', r.completed_at),
    })),
  }
}

const hookJsonOf = (
  h: Hook,
  own: Helm3HookResidue | undefined,
  suite: TestSuite | undefined,
  spell: (ts: Maybe<Timestamp>) => string | undefined,
): HookJson => {
  const events = h.events.map(helm3Event)
  const result = isTest(h) ? suite?.results.find((r) => r.name === h.name) : undefined
  const sameRun = own?.startedAt !== undefined && sameJson(parseGoTime(own.startedAt)?.at, h.lastRun)
  const last_run = result
    ? {
        started_at: spell(result.startedAt) ?? null,
        completed_at: spell(result.completedAt) ?? null,
        phase: helm3Phase(result.status),
      }
    : {
        started_at: spell(h.lastRun) ?? null,
        completed_at: sameRun ? (own?.completedAt ?? null) : null,
        phase: sameRun && own?.phase !== undefined ? own.phase : isTest(h) ? '' : defaultPhase(h),
      }
  return {
    name: h.name,
    kind: h.kind,
    path: h.path,
    manifest: h.manifest,
    events: own?.events && sameJson(own.events.map(hookEventOf), h.events) ? [...own.events] : events,
    last_run,
    weight: h.weight,
    delete_policies: h.deletePolicies.map(helm3Policy),
    output_log_policies: own?.outputLogPolicies ? [...own.outputLogPolicies] : null,
  }
}

/** The record form of a release: Helm 3's fields, the extension, and the residue of a record read from Helm. */
export const releaseJsonOf = (r: Release): ReleaseJson => {
  const residue = r.helm3
  const spell = timeWriter(residue?.times)
  const suite = r.info.status.lastTestSuiteRun
  const ownHook = (h: Hook, i: number): Helm3HookResidue | undefined => {
    const own = residue?.hooks?.[i]
    return own && own.name === h.name && own.path === h.path ? own : undefined
  }
  const hooks = r.hooks.map((h, i) => hookJsonOf(h, ownHook(h, i), suite, spell))
  const parsed = yamlValues(r.config.raw)
  const config = parsed ?? {}
  const derived = suiteOf(hooks, (s) => (s ? parseGoTime(s)?.at : undefined))
  const deleteTimeouts = r.hooks.map((h) => h.deleteTimeout)
  const ext = compactExtension<ReleaseExtension>({
    lock: r.info.lock ? { ...r.info.lock } : undefined,
    config: parsed !== undefined && r.config.raw === valuesYaml(parsed) ? undefined : r.config.raw,
    testSuite:
      suite === undefined || sameJson(derived, suite)
        ? undefined
        : {
            ...(suite.startedAt ? { started_at: utc(suite.startedAt)! } : {}),
            ...(suite.completedAt ? { completed_at: utc(suite.completedAt)! } : {}),
            results: suite.results.map((x) => ({
              name: x.name,
              status: x.status,
              info: x.info,
              ...(x.startedAt ? { started_at: utc(x.startedAt)! } : {}),
              ...(x.completedAt ? { completed_at: utc(x.completedAt)! } : {}),
            })),
          },
    deleteTimeouts: r.hooks.every((h) => h.deleteTimeout === defaultDeleteTimeout(h)) ? undefined : deleteTimeouts,
  })
  return {
    name: r.name,
    info: {
      first_deployed: spell(r.info.firstDeployed) ?? null,
      last_deployed: spell(r.info.lastDeployed) ?? null,
      deleted: spell(r.info.deleted) ?? null,
      description: r.info.description,
      status: helm3Status(r.info.status.code),
      notes: r.info.status.notes ?? '',
      resources: residue?.resources ? (readJson(residue.resources) as Record<string, Value>) : null,
    },
    chart: chartJsonOf(r.chart, residue?.chart),
    config: config as Record<string, Value>,
    manifest: r.manifest,
    hooks,
    version: r.version,
    namespace: r.namespace,
    apply_method: residue?.applyMethod ?? null,
    ...(ext ? { wheelhouse: ext as unknown as Value } : {}),
  }
}

const hookOfJson = (
  h: HookJson,
  deleteTimeout: number | undefined,
  read: (s: Maybe<string>) => Timestamp | undefined,
): { readonly hook: Hook; readonly residue: Helm3HookResidue | undefined } => {
  const spelled = h.events ?? []
  const events = spelled.map(hookEventOf)
  const deletePolicies = (h.delete_policies ?? []).flatMap((p) => {
    const d = deletePolicyOf(p)
    return d ? [d] : []
  })
  const test = events.some(isTestEvent)
  const ranAsTest = test && testStatusOf(h.last_run?.phase ?? '') !== undefined
  const lastRun = ranAsTest ? undefined : read(h.last_run?.started_at)
  const hook: Hook = {
    name: h.name ?? '',
    kind: h.kind ?? '',
    path: h.path ?? '',
    manifest: h.manifest ?? '',
    events,
    ...(lastRun ? { lastRun } : {}),
    weight: h.weight ?? 0,
    deletePolicies,
    deleteTimeout: deleteTimeout ?? (deletePolicies.length > 0 ? 60 : 0),
  }
  const phase = h.last_run?.phase ?? ''
  const runResidue =
    !ranAsTest && (h.last_run?.completed_at || phase !== (test ? '' : defaultPhase(hook)))
      ? {
          ...(h.last_run?.started_at ? { startedAt: h.last_run.started_at } : {}),
          ...(h.last_run?.completed_at ? { completedAt: h.last_run.completed_at } : {}),
          phase,
        }
      : {}
  const residue = compactExtension<Omit<Helm3HookResidue, 'name' | 'path'>>({
    ...runResidue,
    outputLogPolicies: h.output_log_policies?.length ? h.output_log_policies : undefined,
    events: sameJson(events.map(helm3Event), spelled) ? undefined : spelled,
  })
  return { hook, residue: residue ? { name: hook.name, path: hook.path, ...residue } : undefined }
}

/**
 * The release a record holds, with `labels` (the record object's own labels beyond Helm's) as its residue.
 * Errors: why the record is not a release (no name, version, status or chart; an unknown status).
 */
export const releaseOfJson = (
  j: ReleaseJson,
  labels: Readonly<Record<string, string>> = {},
): E.Either<string, Release> => {
  if (!j.name) return E.left('the record has no release name')
  if (!j.version || j.version < 1) return E.left(`release ${j.name} has no revision`)
  if (j.info == null) return E.left(`release ${j.name} has no info`)
  const code = statusCodeOf(j.info.status ?? '')
  if (code === undefined)
    return E.left(`release ${j.name} has an unknown status ${JSON.stringify(j.info.status ?? '')}`)
  if (j.chart == null) return E.left(`release ${j.name} has no chart`)
  const chart = chartOfJson(j.chart)
  if (E.isLeft(chart)) return chart
  const ext = readExtension(ReleaseExtensionC, j.wheelhouse)
  const { read, spelled } = timeReader()
  const hooks: Hook[] = []
  const hookResidues: Array<Helm3HookResidue | null> = []
  ;(j.hooks ?? []).forEach((h, i) => {
    if (h == null) return
    const { hook, residue } = hookOfJson(h, ext?.deleteTimeouts?.[i], read)
    hooks.push(hook)
    hookResidues.push(residue ?? null)
  })
  const suite = ext?.testSuite ? suiteOfExtension(ext.testSuite, read) : suiteOf(j.hooks ?? [], read)
  const config = (j.config ?? {}) as GoMap
  const raw =
    ext?.config !== undefined && jsonOf(yamlValues(ext.config) ?? null) === jsonOf(config)
      ? ext.config
      : valuesYaml(config)
  const status: Status = {
    code,
    ...(j.info.notes ? { notes: j.info.notes } : {}),
    ...(suite ? { lastTestSuiteRun: suite } : {}),
  }
  const firstDeployed = read(j.info.first_deployed)
  const lastDeployed = read(j.info.last_deployed)
  const deleted = read(j.info.deleted)
  const info: Info = {
    status,
    ...(firstDeployed ? { firstDeployed } : {}),
    ...(lastDeployed ? { lastDeployed } : {}),
    ...(deleted ? { deleted } : {}),
    description: j.info.description ?? '',
    ...(ext?.lock ? { lock: ext.lock } : {}),
  }
  const residue = compactExtension<Helm3Residue>({
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    applyMethod: j.apply_method || undefined,
    times: spelled.length > 0 ? spelled : undefined,
    resources: j.info.resources && Object.keys(j.info.resources).length > 0 ? jsonOf(j.info.resources) : undefined,
    hooks: hookResidues.some((h) => h !== null) ? hookResidues : undefined,
    chart: chart.right.residue,
  })
  return E.right({
    name: j.name,
    info,
    chart: chart.right.chart,
    config: { raw },
    manifest: j.manifest ?? '',
    hooks,
    version: j.version,
    namespace: j.namespace ?? '',
    ...(residue ? { helm3: residue } : {}),
  })
}
