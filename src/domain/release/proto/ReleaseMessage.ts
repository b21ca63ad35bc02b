import * as E from 'fp-ts/Either'
import type { ChartReadError } from '../../chart/ChartError'
import type { Hook } from '../../manifest/Hook'
import type { Info, Release, Status, TestRun, TestSuite, Timestamp } from '../../release/Release'
import { type ProtoChart, fromProtoChart, toProtoChart } from './ChartMessage'

// hapi.release.* as protobufjs plain objects (keepCase field names, enums by name).
type PTime = { seconds?: number; nanos?: number } | null
interface PTestRun {
  name?: string
  status?: string
  info?: string
  started_at?: PTime
  completed_at?: PTime
}
interface PTestSuite {
  started_at?: PTime
  completed_at?: PTime
  results?: PTestRun[]
}
interface PStatus {
  code?: string
  resources?: string
  notes?: string
  last_test_suite_run?: PTestSuite | null
}
export interface ProtoInfo {
  status?: PStatus | null
  first_deployed?: PTime
  last_deployed?: PTime
  deleted?: PTime
  Description?: string
  lock?: { timeout?: number; holder?: string; session?: string } | null
}
interface PHook {
  name?: string
  kind?: string
  path?: string
  manifest?: string
  events?: string[]
  last_run?: PTime
  weight?: number
  delete_policies?: string[]
  delete_timeout?: number
}
export interface ProtoRelease {
  name?: string
  info?: ProtoInfo | null
  chart?: ProtoChart | null
  config?: { raw?: string } | null
  manifest?: string
  hooks?: PHook[]
  version?: number
  namespace?: string
}

const time = (t: Timestamp | undefined): PTime => (t ? { seconds: t.seconds, nanos: t.nanos } : null)
const fromTime = (t: PTime | undefined): Timestamp | undefined =>
  t ? { seconds: Number(t.seconds ?? 0), nanos: t.nanos ?? 0 } : undefined
const opt = <K extends string, V>(k: K, v: V | undefined): Partial<Record<K, V>> =>
  (v === undefined ? {} : { [k]: v }) as Partial<Record<K, V>>

const toTestRun = (r: TestRun): PTestRun => ({
  name: r.name,
  status: r.status,
  info: r.info,
  started_at: time(r.startedAt),
  completed_at: time(r.completedAt),
})
const fromTestRun = (p: PTestRun): TestRun => ({
  name: p.name ?? '',
  status: (p.status ?? 'UNKNOWN') as TestRun['status'],
  info: p.info ?? '',
  ...opt('startedAt', fromTime(p.started_at)),
  ...opt('completedAt', fromTime(p.completed_at)),
})
const fromTestSuite = (p: PTestSuite): TestSuite => ({
  ...opt('startedAt', fromTime(p.started_at)),
  ...opt('completedAt', fromTime(p.completed_at)),
  results: (p.results ?? []).map(fromTestRun),
})

/** hapi.release.Info of an Info. */
export const toProtoInfo = (i: Info): ProtoInfo => ({
  status: {
    code: i.status.code,
    resources: i.status.resources ?? '',
    notes: i.status.notes ?? '',
    last_test_suite_run: i.status.lastTestSuiteRun
      ? {
          started_at: time(i.status.lastTestSuiteRun.startedAt),
          completed_at: time(i.status.lastTestSuiteRun.completedAt),
          results: i.status.lastTestSuiteRun.results.map(toTestRun),
        }
      : null,
  },
  first_deployed: time(i.firstDeployed),
  last_deployed: time(i.lastDeployed),
  deleted: time(i.deleted),
  Description: i.description,
  lock: i.lock ? { timeout: i.lock.timeout, holder: i.lock.holder, session: i.lock.session } : null,
})

/** The Info of a hapi.release.Info; empty resources/notes become absent. */
export const fromProtoInfo = (p: ProtoInfo): Info => {
  const s = p.status ?? {}
  const status: Status = {
    code: (s.code ?? 'UNKNOWN') as Status['code'],
    ...opt('resources', s.resources || undefined),
    ...opt('notes', s.notes || undefined),
    ...opt('lastTestSuiteRun', s.last_test_suite_run ? fromTestSuite(s.last_test_suite_run) : undefined),
  }
  return {
    status,
    ...opt('firstDeployed', fromTime(p.first_deployed)),
    ...opt('lastDeployed', fromTime(p.last_deployed)),
    ...opt('deleted', fromTime(p.deleted)),
    description: p.Description ?? '',
    ...opt(
      'lock',
      p.lock
        ? { timeout: Number(p.lock.timeout ?? 0), holder: p.lock.holder ?? '', session: p.lock.session ?? '' }
        : undefined,
    ),
  }
}

const toHook = (h: Hook): PHook => ({
  name: h.name,
  kind: h.kind,
  path: h.path,
  manifest: h.manifest,
  events: [...h.events],
  last_run: time(h.lastRun),
  weight: h.weight,
  delete_policies: [...h.deletePolicies],
  delete_timeout: h.deleteTimeout,
})
const fromHook = (p: PHook): Hook => ({
  name: p.name ?? '',
  kind: p.kind ?? '',
  path: p.path ?? '',
  manifest: p.manifest ?? '',
  events: (p.events ?? []) as Hook['events'],
  ...opt('lastRun', fromTime(p.last_run)),
  weight: p.weight ?? 0,
  deletePolicies: (p.delete_policies ?? []) as Hook['deletePolicies'],
  deleteTimeout: Number(p.delete_timeout ?? 0),
})

/** A release as the hapi.release.Release message object. */
export const toProtoRelease = (r: Release): ProtoRelease => ({
  name: r.name,
  info: toProtoInfo(r.info),
  chart: toProtoChart(r.chart),
  config: { raw: r.config.raw },
  manifest: r.manifest,
  hooks: r.hooks.map(toHook),
  version: r.version,
  namespace: r.namespace,
})

/** The Release of a hapi.release.Release message object. Errors: those of loading its chart. */
export const fromProtoRelease = (p: ProtoRelease): E.Either<ChartReadError, Release> => {
  const chart = fromProtoChart(p.chart ?? {})
  if (E.isLeft(chart)) return chart
  return E.right({
    name: p.name ?? '',
    info: fromProtoInfo(p.info ?? {}),
    chart: chart.right,
    config: { raw: p.config?.raw ?? '' },
    manifest: p.manifest ?? '',
    hooks: (p.hooks ?? []).map(fromHook),
    version: p.version ?? 0,
    namespace: p.namespace ?? '',
  })
}
