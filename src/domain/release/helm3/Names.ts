// The names Helm 3/4 records use for what Helm v2's model keeps as enums (pkg/release/common/status.go,
// pkg/release/v1/hook.go), mapped as the helm-2to3 plugin maps them (pkg/v3/release.go).
import type { HookDeletePolicy, HookEvent } from '../../manifest/Hook'
import type { StatusCode, TestRun } from '../Release'

const statusNames: Readonly<Record<StatusCode, string>> = {
  UNKNOWN: 'unknown',
  DEPLOYED: 'deployed',
  DELETED: 'uninstalled',
  SUPERSEDED: 'superseded',
  FAILED: 'failed',
  DELETING: 'uninstalling',
  PENDING_INSTALL: 'pending-install',
  PENDING_UPGRADE: 'pending-upgrade',
  PENDING_ROLLBACK: 'pending-rollback',
}

/** Helm 3's status string of a Helm v2 status code (DELETED is `uninstalled`, DELETING `uninstalling`). */
export const helm3Status = (c: StatusCode): string => statusNames[c]

const statusCodes = new Map(Object.entries(statusNames).map(([k, v]) => [v, k as StatusCode]))

/** The Helm v2 status code of a Helm 3 status string; undefined for a string Helm does not write. */
export const statusCodeOf = (s: string): StatusCode | undefined => statusCodes.get(s)

const eventNames: Readonly<Record<HookEvent, string>> = {
  UNKNOWN: 'unknown',
  PRE_INSTALL: 'pre-install',
  POST_INSTALL: 'post-install',
  PRE_DELETE: 'pre-delete',
  POST_DELETE: 'post-delete',
  PRE_UPGRADE: 'pre-upgrade',
  POST_UPGRADE: 'post-upgrade',
  PRE_ROLLBACK: 'pre-rollback',
  POST_ROLLBACK: 'post-rollback',
  // Helm 3 has one test event; Helm v2's test-failure and crd-install keep their annotation spelling,
  // which Helm 3/4 never run
  RELEASE_TEST_SUCCESS: 'test',
  RELEASE_TEST_FAILURE: 'test-failure',
  CRD_INSTALL: 'crd-install',
}

/** Helm 3's event string of a hook event. */
export const helm3Event = (e: HookEvent): string => eventNames[e]

const events = new Map<string, HookEvent>([
  ...Object.entries(eventNames).map(([k, v]) => [v, k as HookEvent] as const),
  ['test-success', 'RELEASE_TEST_SUCCESS'],
])

/** The hook event of a Helm 3 event string (`test-success` is `test`); UNKNOWN for one Helm does not know. */
export const hookEventOf = (s: string): HookEvent => events.get(s) ?? 'UNKNOWN'

/** True for the events `helm test` runs. */
export const isTestEvent = (e: HookEvent): boolean => e === 'RELEASE_TEST_SUCCESS' || e === 'RELEASE_TEST_FAILURE'

const policyNames: Readonly<Record<HookDeletePolicy, string>> = {
  SUCCEEDED: 'hook-succeeded',
  FAILED: 'hook-failed',
  BEFORE_HOOK_CREATION: 'before-hook-creation',
}

/** Helm 3's delete policy string. */
export const helm3Policy = (p: HookDeletePolicy): string => policyNames[p]

const policies = new Map(Object.entries(policyNames).map(([k, v]) => [v, k as HookDeletePolicy]))

/** The delete policy of a Helm 3 policy string; undefined for one Helm does not know. */
export const deletePolicyOf = (s: string): HookDeletePolicy | undefined => policies.get(s)

const phases: Readonly<Record<TestRun['status'], string>> = {
  SUCCESS: 'Succeeded',
  FAILURE: 'Failed',
  RUNNING: 'Running',
  UNKNOWN: 'Unknown',
}

/** Helm 3's hook phase of a Helm v2 test result (SUCCESS is `Succeeded`, FAILURE `Failed`). */
export const helm3Phase = (s: TestRun['status']): string => phases[s]

const results = new Map(Object.entries(phases).map(([k, v]) => [v, k as TestRun['status']]))

/** The Helm v2 test result of a hook phase; undefined for `` (never ran) and unknown phases. */
export const testStatusOf = (phase: string): TestRun['status'] | undefined => results.get(phase)
