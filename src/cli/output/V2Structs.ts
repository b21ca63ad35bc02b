import type { Info, TestSuite, Timestamp } from '../../domain/release/Release'
import { statusCodeNumber } from '../../domain/release/Release'
import type { GetReleaseStatusResponse } from '../../domain/release/ReleaseService'

/**
 * Helm v2's Go structs behind `-o json|yaml`, as plain objects in field order for `goJson`: the generated
 * hapi protobuf structs (json tags `name,omitempty`, `first_deployed,omitempty`, `Description,omitempty`;
 * enums as their numbers, e.g. `"code":1` for DEPLOYED; Timestamps as `{"seconds":…,"nanos":…}`). The
 * structs of cmd/helm itself (list's `listRelease`, history's `releaseInfo`) are in ReleaseText. An
 * undefined field is one omitempty drops.
 */

const nonEmpty = <A>(v: A): A | undefined =>
  v === '' || v === 0 || v === false || (Array.isArray(v) && v.length === 0) ? undefined : v

/** `google.protobuf.Timestamp` (golang/protobuf ptypes): seconds and nanos, each omitted when zero. */
const timestamp = (t: Timestamp | undefined) =>
  t === undefined ? undefined : { seconds: nonEmpty(t.seconds), nanos: nonEmpty(t.nanos) }

const testRunStatus = { UNKNOWN: 0, SUCCESS: 1, FAILURE: 2, RUNNING: 3 } as const

/** `hapi.release.TestSuite`. */
const testSuite = (s: TestSuite | undefined) =>
  s === undefined
    ? undefined
    : {
        started_at: timestamp(s.startedAt),
        completed_at: timestamp(s.completedAt),
        results: nonEmpty(
          s.results.map((r) => ({
            name: nonEmpty(r.name),
            status: nonEmpty(testRunStatus[r.status]),
            info: nonEmpty(r.info),
            started_at: timestamp(r.startedAt),
            completed_at: timestamp(r.completedAt),
          })),
        ),
      }

/** `hapi.release.Info` (our lock, beyond v2, is not part of it). */
export const v2Info = (info: Info) => ({
  status: {
    code: nonEmpty(statusCodeNumber(info.status.code)),
    resources: nonEmpty(info.status.resources ?? ''),
    notes: nonEmpty(info.status.notes ?? ''),
    last_test_suite_run: testSuite(info.status.lastTestSuiteRun),
  },
  first_deployed: timestamp(info.firstDeployed),
  last_deployed: timestamp(info.lastDeployed),
  deleted: timestamp(info.deleted),
  Description: nonEmpty(info.description),
})

/** `hapi.services.tiller.GetReleaseStatusResponse`, as `helm status -o json` (and install/upgrade -o) marshal it. */
export const v2StatusResponse = (st: GetReleaseStatusResponse) => ({
  name: nonEmpty(st.name),
  info: v2Info(st.info),
  namespace: nonEmpty(st.namespace),
})
