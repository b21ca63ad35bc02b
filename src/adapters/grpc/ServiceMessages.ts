import * as E from 'fp-ts/Either'
import type { HelmError } from '../../domain/errors'
import { remoteError } from '../../domain/transport/TransportError'
import type { Release } from '../../domain/release/Release'
import { decodePlan } from '../../domain/release/ReleaseService'
import type * as S from '../../domain/release/ReleaseService'
import { type ProtoChart, fromProtoChart, toProtoChart } from '../../domain/release/proto/ChartMessage'
import {
  type ProtoInfo,
  type ProtoRelease,
  fromProtoInfo,
  fromProtoRelease,
  toProtoInfo,
  toProtoRelease,
} from '../../domain/release/proto/ReleaseMessage'

// Requests and responses of hapi.services.tiller.ReleaseService, domain ↔ protobufjs plain objects.
// `to*` build the object to encode, `from*` read a decoded one (defaults filled by the decoder).
type P = Record<string, unknown>

const chartOf = (p: P): E.Either<HelmError, { chart?: S.InstallReleaseRequest['chart'] }> => {
  const c = p.chart as ProtoChart | null | undefined
  if (!c?.metadata) return E.right({})
  return E.map((chart: NonNullable<S.InstallReleaseRequest['chart']>) => ({ chart }))(fromProtoChart(c))
}
const configOf = (p: P): { values?: { raw: string } } => {
  const v = p.values as { raw?: string } | null | undefined
  return v ? { values: { raw: v.raw ?? '' } } : {}
}
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const num = (v: unknown): number => Number(v ?? 0)
const bool = (v: unknown): boolean => v === true

export const toInstallRequest = (r: S.InstallReleaseRequest): P => ({
  chart: r.chart ? toProtoChart(r.chart) : null,
  values: r.values ? { raw: r.values.raw } : null,
  dry_run: r.dryRun ?? false,
  name: r.name ?? '',
  disable_hooks: r.disableHooks ?? false,
  namespace: r.namespace ?? '',
  reuse_name: r.reuseName ?? false,
  timeout: r.timeout ?? 0,
  wait: r.wait ?? false,
  disable_crd_hook: r.disableCrdHook ?? false,
  description: r.description ?? '',
  subNotes: r.subNotes ?? false,
  atomic: r.atomic ?? false,
})
export const fromInstallRequest = (p: P): E.Either<HelmError, S.InstallReleaseRequest> =>
  E.map((c: { chart?: S.InstallReleaseRequest['chart'] }) => ({
    ...c,
    ...configOf(p),
    dryRun: bool(p.dry_run),
    name: str(p.name),
    disableHooks: bool(p.disable_hooks),
    namespace: str(p.namespace),
    reuseName: bool(p.reuse_name),
    timeout: num(p.timeout),
    wait: bool(p.wait),
    disableCrdHook: bool(p.disable_crd_hook),
    ...(str(p.description) ? { description: str(p.description) } : {}),
    subNotes: bool(p.subNotes),
    atomic: bool(p.atomic),
  }))(chartOf(p))

export const toUpdateRequest = (r: S.UpdateReleaseRequest): P => ({
  name: r.name,
  chart: r.chart ? toProtoChart(r.chart) : null,
  values: r.values ? { raw: r.values.raw } : null,
  dry_run: r.dryRun ?? false,
  disable_hooks: r.disableHooks ?? false,
  recreate: r.recreate ?? false,
  timeout: r.timeout ?? 0,
  reset_values: r.resetValues ?? false,
  wait: r.wait ?? false,
  reuse_values: r.reuseValues ?? false,
  force: r.force ?? false,
  description: r.description ?? '',
  subNotes: r.subNotes ?? false,
  cleanup_on_fail: r.cleanupOnFail ?? false,
  atomic: r.atomic ?? false,
})
export const fromUpdateRequest = (p: P): E.Either<HelmError, S.UpdateReleaseRequest> =>
  E.map((c: { chart?: S.InstallReleaseRequest['chart'] }) => ({
    name: str(p.name),
    ...c,
    ...configOf(p),
    dryRun: bool(p.dry_run),
    disableHooks: bool(p.disable_hooks),
    recreate: bool(p.recreate),
    timeout: num(p.timeout),
    resetValues: bool(p.reset_values),
    wait: bool(p.wait),
    reuseValues: bool(p.reuse_values),
    force: bool(p.force),
    ...(str(p.description) ? { description: str(p.description) } : {}),
    subNotes: bool(p.subNotes),
    cleanupOnFail: bool(p.cleanup_on_fail),
    atomic: bool(p.atomic),
  }))(chartOf(p))

export const toRollbackRequest = (r: S.RollbackReleaseRequest): P => ({
  name: r.name,
  dry_run: r.dryRun ?? false,
  disable_hooks: r.disableHooks ?? false,
  version: r.version ?? 0,
  recreate: r.recreate ?? false,
  timeout: r.timeout ?? 0,
  wait: r.wait ?? false,
  force: r.force ?? false,
  description: r.description ?? '',
  cleanup_on_fail: r.cleanupOnFail ?? false,
})
export const fromRollbackRequest = (p: P): S.RollbackReleaseRequest => ({
  name: str(p.name),
  dryRun: bool(p.dry_run),
  disableHooks: bool(p.disable_hooks),
  version: num(p.version),
  recreate: bool(p.recreate),
  timeout: num(p.timeout),
  wait: bool(p.wait),
  force: bool(p.force),
  ...(str(p.description) ? { description: str(p.description) } : {}),
  cleanupOnFail: bool(p.cleanup_on_fail),
})

export const toUninstallRequest = (r: S.UninstallReleaseRequest): P => ({
  name: r.name,
  disable_hooks: r.disableHooks ?? false,
  purge: r.purge ?? false,
  timeout: r.timeout ?? 0,
  description: r.description ?? '',
})
export const fromUninstallRequest = (p: P): S.UninstallReleaseRequest => ({
  name: str(p.name),
  disableHooks: bool(p.disable_hooks),
  purge: bool(p.purge),
  timeout: num(p.timeout),
  ...(str(p.description) ? { description: str(p.description) } : {}),
})

export const toListRequest = (r: S.ListReleasesRequest): P => ({
  limit: r.limit ?? 0,
  offset: r.offset ?? '',
  sort_by: r.sortBy ?? 'UNKNOWN',
  filter: r.filter ?? '',
  sort_order: r.sortOrder ?? 'ASC',
  status_codes: [...(r.statusCodes ?? [])],
  namespace: r.namespace ?? '',
})
export const fromListRequest = (p: P): S.ListReleasesRequest => {
  const codes = (p.status_codes as S.ListReleasesRequest['statusCodes']) ?? []
  return {
    ...(num(p.limit) > 0 ? { limit: num(p.limit) } : {}),
    ...(str(p.offset) ? { offset: str(p.offset) } : {}),
    sortBy: (str(p.sort_by) || 'UNKNOWN') as S.SortBy,
    ...(str(p.filter) ? { filter: str(p.filter) } : {}),
    sortOrder: (str(p.sort_order) || 'ASC') as S.SortOrder,
    ...(codes.length ? { statusCodes: codes } : {}),
    ...(str(p.namespace) ? { namespace: str(p.namespace) } : {}),
  }
}

export const toTestRequest = (r: S.TestReleaseRequest): P => ({
  name: r.name,
  timeout: r.timeout ?? 0,
  cleanup: r.cleanup ?? false,
  parallel: r.parallel ?? false,
  max_parallel: r.maxParallel ?? 0,
  logs: r.logs ?? false,
})
export const fromTestRequest = (p: P): S.TestReleaseRequest => ({
  name: str(p.name),
  timeout: num(p.timeout),
  cleanup: bool(p.cleanup),
  parallel: bool(p.parallel),
  ...(num(p.max_parallel) > 0 ? { maxParallel: num(p.max_parallel) } : {}),
  logs: bool(p.logs),
})

/** Install/Update/Rollback responses: the release, and Wheelhouse's warnings and dry-run plan (fields 100+). */
export const toReleaseResponse = (r: S.ReleaseResponse): P => ({
  release: toProtoRelease(r.release),
  warnings: [...(r.warnings ?? [])],
  plan_json: r.plan ? JSON.stringify(r.plan) : '',
})
export const fromReleaseResponse = (p: P): E.Either<HelmError, S.ReleaseResponse> => {
  const text = str(p.plan_json)
  const plan = text ? decodePlan(text) : E.right(undefined)
  if (E.isLeft(plan)) return E.left(remoteError(`Tiller's answer cannot be read: ${plan.left}`))
  return E.map((release: Release) => {
    const warnings = (p.warnings as string[] | undefined) ?? []
    return {
      release,
      ...(warnings.length ? { warnings } : {}),
      ...(plan.right ? { plan: plan.right } : {}),
    }
  })(fromProtoRelease((p.release as ProtoRelease | null) ?? {}))
}

/** Decodes every release of a list. */
export const fromReleases = (ps: ReadonlyArray<ProtoRelease>): E.Either<HelmError, Release[]> => {
  const out: Release[] = []
  for (const p of ps) {
    const r = fromProtoRelease(p)
    if (E.isLeft(r)) return r
    out.push(r.right)
  }
  return E.right(out)
}

export const toStatusResponse = (r: S.GetReleaseStatusResponse): P => ({
  name: r.name,
  info: toProtoInfo(r.info),
  namespace: r.namespace,
})
export const fromStatusResponse = (p: P): S.GetReleaseStatusResponse => ({
  name: str(p.name),
  info: fromProtoInfo((p.info as ProtoInfo | null) ?? {}),
  namespace: str(p.namespace),
})

export { toProtoRelease }
