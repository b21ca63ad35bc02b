import { trimSpace } from '../go/Strings'
import type { SimpleHead } from './Head'

/** `hapi.release.Hook_Event`, by name (Helm 4's `test` is RELEASE_TEST_SUCCESS). */
export type HookEvent =
  | 'UNKNOWN'
  | 'PRE_INSTALL'
  | 'POST_INSTALL'
  | 'PRE_DELETE'
  | 'POST_DELETE'
  | 'PRE_UPGRADE'
  | 'POST_UPGRADE'
  | 'PRE_ROLLBACK'
  | 'POST_ROLLBACK'
  | 'RELEASE_TEST_SUCCESS'
  | 'RELEASE_TEST_FAILURE'
  | 'CRD_INSTALL'

/** `hapi.release.Hook_DeletePolicy`, by name. */
export type HookDeletePolicy = 'SUCCEEDED' | 'FAILED' | 'BEFORE_HOOK_CREATION'

/** `hapi.release.Hook`: one rendered document annotated `helm.sh/hook` with known events. */
export interface Hook {
  readonly name: string
  readonly kind: string
  /** The template path, e.g. `mychart/templates/job.yaml`. */
  readonly path: string
  readonly manifest: string
  readonly events: ReadonlyArray<HookEvent>
  /** When it last ran (a `google.protobuf.Timestamp`, as release/Release's Timestamp). */
  readonly lastRun?: { readonly seconds: number; readonly nanos: number }
  readonly weight: number
  readonly deletePolicies: ReadonlyArray<HookDeletePolicy>
  /** Seconds (Helm v2 `helm.sh/hook-delete-timeout`): 60 by default when there is a delete policy, else 0. */
  readonly deleteTimeout: number
}

/** `helm.sh/hook` and friends. */
export const hookAnnotation = 'helm.sh/hook'
export const hookWeightAnnotation = 'helm.sh/hook-weight'
export const hookDeleteAnnotation = 'helm.sh/hook-delete-policy'
export const hookDeleteTimeoutAnnotation = 'helm.sh/hook-delete-timeout'
/** `helm.sh/resource-policy: keep` keeps a resource on upgrade, rollback and delete. */
export const resourcePolicyAnnotation = 'helm.sh/resource-policy'

/** Helm v2.17's `events` table (pkg/tiller/hooks.go), plus Helm 3's `test` alias of `test-success`. */
export const helmV2HookEvents: Readonly<Record<string, HookEvent>> = {
  'pre-install': 'PRE_INSTALL',
  'post-install': 'POST_INSTALL',
  'pre-delete': 'PRE_DELETE',
  'post-delete': 'POST_DELETE',
  'pre-upgrade': 'PRE_UPGRADE',
  'post-upgrade': 'POST_UPGRADE',
  'pre-rollback': 'PRE_ROLLBACK',
  'post-rollback': 'POST_ROLLBACK',
  'test-success': 'RELEASE_TEST_SUCCESS',
  'test-failure': 'RELEASE_TEST_FAILURE',
  test: 'RELEASE_TEST_SUCCESS',
  'crd-install': 'CRD_INSTALL',
}

/** Helm 4's events (pkg/release/v1/util/manifest_sorter.go): no crd-install or test-failure; `test-success` is `test`. */
export const helm4HookEvents: Readonly<Record<string, HookEvent>> = {
  'pre-install': 'PRE_INSTALL',
  'post-install': 'POST_INSTALL',
  'pre-delete': 'PRE_DELETE',
  'post-delete': 'POST_DELETE',
  'pre-upgrade': 'PRE_UPGRADE',
  'post-upgrade': 'POST_UPGRADE',
  'pre-rollback': 'PRE_ROLLBACK',
  'post-rollback': 'POST_ROLLBACK',
  test: 'RELEASE_TEST_SUCCESS',
  'test-success': 'RELEASE_TEST_SUCCESS',
}

/** The annotation spelling of an event (`PRE_INSTALL` → `pre-install`). */
export const eventName = (e: HookEvent): string =>
  e
    .toLowerCase()
    .replace(/^release_/, '')
    .replace(/_/g, '-')

const deletePolicies: Readonly<Record<string, HookDeletePolicy>> = {
  'hook-succeeded': 'SUCCEEDED',
  'hook-failed': 'FAILED',
  'before-hook-creation': 'BEFORE_HOOK_CREATION',
}

/** Helm's operateAnnotationValues: the comma-separated values of an annotation, trimmed and lower-cased. */
const annotationValues = (text: string | undefined): string[] =>
  text === undefined ? [] : text.split(',').map((v) => trimSpace(v).toLowerCase())

/** Go's strconv.Atoi for a hook weight (no surrounding spaces, int64 range), 0 when it fails. */
const atoi = (text: string): number => {
  if (!/^[+-]?\d+$/.test(text)) return 0
  const n = BigInt(text)
  if (n > 9223372036854775807n || n < -9223372036854775808n) return 0
  return Number(BigInt.asIntN(32, n)) // Helm v2 stores int32(hw)
}

/**
 * The hook a document declares under `events` (an event table above): `undefined` when it has no
 * `helm.sh/hook` annotation, `'unknown'` when one of its events is unknown (Helm then skips the document:
 * neither hook nor manifest). Weight: Atoi of the weight annotation, 0 when that fails; delete policies
 * lower-cased, unknown ones ignored; the delete timeout is read only when there is a policy (Helm v2).
 */
export const hookOf = (
  head: SimpleHead,
  path: string,
  manifest: string,
  events: Readonly<Record<string, HookEvent>>,
): Hook | undefined | 'unknown' => {
  const annotations = head.metadata?.annotations ?? {}
  const declared = annotations[hookAnnotation]
  if (declared === undefined) return undefined
  const parsed: HookEvent[] = []
  for (const raw of annotationValues(declared)) {
    const e = events[raw]
    if (e === undefined) return 'unknown'
    parsed.push(e)
  }
  const policies = annotationValues(annotations[hookDeleteAnnotation])
    .map((p) => deletePolicies[p])
    .filter((p): p is HookDeletePolicy => p !== undefined)
  let deleteTimeout = 0
  if (policies.length > 0) {
    deleteTimeout = 60
    // Helm v2 assigns ParseInt's result even when it fails (0)
    for (const t of annotationValues(annotations[hookDeleteTimeoutAnnotation]))
      deleteTimeout = /^[+-]?\d+$/.test(t) ? Number(t) : 0
  }
  return {
    name: head.metadata?.name ?? '',
    kind: head.kind ?? '',
    path,
    manifest,
    events: parsed,
    weight: atoi(annotations[hookWeightAnnotation] ?? ''),
    deletePolicies: policies,
    deleteTimeout,
  }
}

/** The hooks of one event in execution order: ascending weight, ties by resource name (Helm's hookByWeight). */
export const hooksFor = (hooks: ReadonlyArray<Hook>, event: HookEvent): Hook[] =>
  hooks
    .filter((h) => h.events.includes(event))
    .map((h, i) => ({ h, i }))
    .sort((a, b) => a.h.weight - b.h.weight || (a.h.name < b.h.name ? -1 : a.h.name > b.h.name ? 1 : a.i - b.i))
    .map((x) => x.h)

/** Whether a hook asks to be deleted when it ends that way, or before it is created again. */
export const hasDeletePolicy = (h: Hook, p: HookDeletePolicy): boolean => h.deletePolicies.includes(p)

/** True for a hook that runs on `helm test`. */
export const isTestHook = (h: Hook): boolean =>
  h.events.some((e) => e === 'RELEASE_TEST_SUCCESS' || e === 'RELEASE_TEST_FAILURE')
