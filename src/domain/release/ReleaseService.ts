import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import type { Chart } from '../chart/Chart'
import { firstProblem } from '../repo/Decode'
import type { ObjectRef } from './KubeObject'
import type { Config, Info, Release, StatusCode } from './Release'

// The requests and responses of `hapi.services.tiller.ReleaseService` (Helm v2), field for field, plus
// the few fields Wheelhouse adds (marked "beyond Helm v2"). Timeouts are seconds, as in v2.

/** One object of a plan: what an operation would do to it, with a readable diff for changes. */
export interface PlannedChange {
  readonly action: 'create' | 'update' | 'delete' | 'keep' | 'unchanged'
  readonly ref: ObjectRef
  /** `+`/`-`/` ` prefixed YAML lines (empty for unchanged). */
  readonly diff: string
}

/** Beyond Helm v2: what an install/upgrade/rollback would change in the cluster (returned by dry runs). */
export interface Plan {
  readonly changes: ReadonlyArray<PlannedChange>
}

const PlannedChangeC = t.type({
  action: t.keyof({ create: null, update: null, delete: null, keep: null, unchanged: null }),
  ref: t.intersection([
    t.type({ apiVersion: t.string, kind: t.string, name: t.string }),
    t.partial({ namespace: t.string }),
  ]),
  diff: t.string,
})
const PlanC = t.type({ changes: t.readonlyArray(PlannedChangeC) })

/** A plan as JSON text (how it travels beside a release); Left says what in it is wrong. */
export const decodePlan = (text: string): E.Either<string, Plan> => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    return E.left(`the plan is no JSON: ${(e as Error).message}`)
  }
  return E.mapLeft((errs: t.Errors) => `the plan: ${firstProblem(errs)}`)(PlanC.decode(doc))
}

export interface InstallReleaseRequest {
  readonly chart?: Chart | undefined
  readonly values?: Config | undefined
  readonly dryRun?: boolean | undefined
  /** Empty: a generated `adjective-animal` name. */
  readonly name?: string | undefined
  readonly disableHooks?: boolean | undefined
  readonly namespace?: string | undefined
  /** `--replace`: reuse the name of a DELETED or FAILED release. */
  readonly reuseName?: boolean | undefined
  readonly timeout?: number | undefined
  readonly wait?: boolean | undefined
  readonly disableCrdHook?: boolean | undefined
  readonly description?: string | undefined
  readonly subNotes?: boolean | undefined
  /** Beyond the v2 message (v2 did it in the client): purge the release when the install fails; implies wait. */
  readonly atomic?: boolean | undefined
}

/** The release and (beyond Helm v2) the plan of a dry run and notices such as a recovered interrupted operation. */
export interface ReleaseResponse {
  readonly release: Release
  readonly plan?: Plan
  readonly warnings?: ReadonlyArray<string>
}

export interface UpdateReleaseRequest {
  readonly name: string
  readonly chart?: Chart | undefined
  readonly values?: Config | undefined
  readonly dryRun?: boolean | undefined
  readonly disableHooks?: boolean | undefined
  readonly recreate?: boolean | undefined
  readonly timeout?: number | undefined
  readonly resetValues?: boolean | undefined
  readonly wait?: boolean | undefined
  readonly reuseValues?: boolean | undefined
  readonly force?: boolean | undefined
  readonly description?: string | undefined
  readonly subNotes?: boolean | undefined
  readonly cleanupOnFail?: boolean | undefined
  /** Beyond the v2 message (v2 did it in the client): roll back to the last good revision on failure; implies wait. */
  readonly atomic?: boolean | undefined
}

export interface RollbackReleaseRequest {
  readonly name: string
  readonly dryRun?: boolean | undefined
  readonly disableHooks?: boolean | undefined
  /** 0: the revision before the latest. */
  readonly version?: number | undefined
  readonly recreate?: boolean | undefined
  readonly timeout?: number | undefined
  readonly wait?: boolean | undefined
  readonly force?: boolean | undefined
  readonly description?: string | undefined
  readonly cleanupOnFail?: boolean | undefined
}

export interface UninstallReleaseRequest {
  readonly name: string
  readonly disableHooks?: boolean | undefined
  readonly purge?: boolean | undefined
  readonly timeout?: number | undefined
  readonly description?: string | undefined
}

export interface UninstallReleaseResponse {
  readonly release: Release
  /** Resources kept by `helm.sh/resource-policy: keep`, one line per resource (v2 `info`). */
  readonly info: string
}

export type SortBy = 'UNKNOWN' | 'NAME' | 'LAST_RELEASED' | 'CHART_NAME'
export type SortOrder = 'ASC' | 'DESC'

export interface ListReleasesRequest {
  /** Default 512. */
  readonly limit?: number
  /** The release name to start at. */
  readonly offset?: string
  readonly sortBy?: SortBy
  /** A regular expression (RE2) matched against release names. */
  readonly filter?: string
  readonly sortOrder?: SortOrder
  /** Default [DEPLOYED]. */
  readonly statusCodes?: ReadonlyArray<StatusCode>
  readonly namespace?: string
}

export interface ListReleasesResponse {
  readonly count: number
  /** The name to pass as `offset` for the next page ('' at the end). */
  readonly next: string
  readonly total: number
  readonly releases: ReadonlyArray<Release>
}

export interface GetReleaseStatusRequest {
  readonly name: string
  readonly version?: number
}

export interface GetReleaseStatusResponse {
  readonly name: string
  readonly info: Info
  readonly namespace: string
}

export interface GetReleaseContentRequest {
  readonly name: string
  readonly version?: number
}

export interface GetHistoryRequest {
  readonly name: string
  readonly max?: number
}

export interface GetHistoryResponse {
  /** Newest first. */
  readonly releases: ReadonlyArray<Release>
}

export interface TestReleaseRequest {
  readonly name: string
  readonly timeout?: number
  readonly cleanup?: boolean
  readonly parallel?: boolean
  readonly maxParallel?: number
  /** Beyond v2.17's message: append each test pod's log to its result message. */
  readonly logs?: boolean
}

/** One progress message of `helm test` (TestRun.Status). */
export interface TestReleaseResponse {
  readonly msg: string
  readonly status: 'UNKNOWN' | 'SUCCESS' | 'FAILURE' | 'RUNNING'
}

export interface Version {
  readonly semVer: string
  readonly gitCommit: string
  readonly gitTreeState: string
}

export interface GetVersionResponse {
  readonly version: Version
}
