import type { Hook, HookDeletePolicy, HookEvent } from './Release'

/** `helm.sh/hook` and friends. */
export const hookAnnotation = 'helm.sh/hook'
export const hookWeightAnnotation = 'helm.sh/hook-weight'
export const hookDeleteAnnotation = 'helm.sh/hook-delete-policy'
export const hookDeleteTimeoutAnnotation = 'helm.sh/hook-delete-timeout'
/** `helm.sh/resource-policy: keep` keeps a resource on upgrade, rollback and delete. */
export const resourcePolicyAnnotation = 'helm.sh/resource-policy'

/** Annotation value → event (Helm v2's `events` table; `test` is Helm 3's alias of `test-success`). */
export const hookEvents: Readonly<Record<string, HookEvent>> = {
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

/** What a manifest document's head tells about it. */
export interface SimpleHead {
  readonly apiVersion?: string
  readonly kind?: string
  readonly metadata?: {
    readonly name?: string
    readonly annotations?: Readonly<Record<string, string>>
  }
}

/**
 * The hook a document declares, `undefined` when it has no `helm.sh/hook` annotation, or `'unknown'`
 * when one of its events is unknown (Helm v2 then skips the document entirely: neither hook nor manifest).
 * Weight: `strconv.Atoi` of the weight annotation, 0 when unparsable; unknown delete policies are ignored.
 */
export const hookOf = (head: SimpleHead, path: string, manifest: string): Hook | undefined | 'unknown' => {
  const annotations = head.metadata?.annotations ?? {}
  const events = annotations[hookAnnotation]
  if (events === undefined) return undefined
  const parsed: HookEvent[] = []
  for (const raw of String(events).split(',')) {
    const e = hookEvents[raw.trim().toLowerCase()]
    if (e === undefined) return 'unknown'
    parsed.push(e)
  }
  const weightText = String(annotations[hookWeightAnnotation] ?? '').trim()
  const weight = /^[+-]?\d+$/.test(weightText) ? Number.parseInt(weightText, 10) : 0
  const policies = String(annotations[hookDeleteAnnotation] ?? '')
    .split(',')
    .map((p) => deletePolicies[p.trim()])
    .filter((p): p is HookDeletePolicy => p !== undefined)
  const timeoutText = String(annotations[hookDeleteTimeoutAnnotation] ?? '').trim()
  return {
    name: head.metadata?.name ?? '',
    kind: head.kind ?? '',
    path,
    manifest,
    events: parsed,
    weight,
    deletePolicies: policies,
    deleteTimeout: /^\d+$/.test(timeoutText) ? Number(timeoutText) : 60,
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
