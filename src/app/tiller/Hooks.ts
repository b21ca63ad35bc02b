import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import { type HelmError, message } from '../../domain/errors'
import { placed, placedRef } from '../../domain/release/ChangeSet'
import {
  eventName,
  type Hook,
  type HookDeletePolicy,
  type HookEvent,
  hasDeletePolicy,
  hooksFor,
} from '../../domain/manifest/Hook'
import type { Discovery, ObjectRef } from '../../domain/release/KubeObject'
import { manifestObjects } from '../../domain/release/Manifest'
import { completion } from '../../domain/release/Readiness'
import { timestamp } from '../../domain/release/Release'
import { hookFailed } from '../../domain/release/ReleaseError'
import { objectsOf, scopeOf } from './Apply'

const refsOf = (h: Hook, namespace: string, discovery: Discovery): E.Either<HelmError, ObjectRef[]> =>
  E.map((objs: ReturnType<typeof manifestObjects> extends E.Either<unknown, infer A> ? A : never) =>
    objs.map((m) => placedRef(m.object, namespace, scopeOf(discovery))),
  )(manifestObjects(h.manifest))

const deleteByPolicy = async (
  d: Deps,
  h: Hook,
  policy: HookDeletePolicy,
  namespace: string,
  discovery: Discovery,
): Promise<E.Either<HelmError, void>> => {
  const byDefault = d.helm4HookDefaults === true && h.deletePolicies.length === 0 && policy === 'BEFORE_HOOK_CREATION'
  if (!byDefault && !hasDeletePolicy(h, policy)) return E.right(undefined)
  const refs = refsOf(h, namespace, discovery)
  if (E.isLeft(refs)) return refs
  for (const ref of refs.right) {
    const gone = await d.kube.delete(ref)()
    if (E.isLeft(gone) && gone.left._tag !== 'KubeNotFound') return gone
  }
  return E.right(undefined)
}

/**
 * Runs the hooks of one event (Helm v2 `execHook`): in weight order, each one's `before-hook-creation`
 * resource deleted first (also a hook without any policy, on `helm4HookDefaults`), created, and watched until it
 * completes (a Job Complete, a Pod Succeeded, anything else at once) within `timeout` seconds. A failure deletes that hook if `hook-failed` says so
 * and fails with HookFailed; after all succeeded, `hook-succeeded` hooks are deleted. Returns the
 * release's hooks with `lastRun` set on those that ran.
 */
export const execHooks = async (
  d: Deps,
  rel: { readonly name: string; readonly namespace: string; readonly hooks: ReadonlyArray<Hook> },
  event: HookEvent,
  timeout: number,
  discovery: Discovery,
): Promise<E.Either<HelmError, Hook[]>> => {
  const running = hooksFor(rel.hooks, event)
  // Helm v2 execHook's log lines; it counts every hook of the release (it is given r.Hooks), not this event's
  d.log.info(`executing ${rel.hooks.length} ${eventName(event)} hooks for ${rel.name}`)
  const fail = (h: Hook, e: HelmError | string) =>
    E.left(hookFailed(eventName(event), h.path, typeof e === 'string' ? e : message(e)))
  for (const h of running) {
    const before = await deleteByPolicy(d, h, 'BEFORE_HOOK_CREATION', rel.namespace, discovery)
    if (E.isLeft(before)) return fail(h, before.left)
    const objs = objectsOf(h.manifest, discovery)
    if (E.isLeft(objs)) return fail(h, objs.left)
    for (const m of objs.right) {
      const ref = placedRef(m.object, rel.namespace, scopeOf(discovery))
      d.log.debug(`executing ${event} hook ${h.path} for ${rel.name}: ${ref.kind}/${ref.name}`)
      const made = await d.kube.create(placed(m.object, ref))()
      if (E.isLeft(made)) return fail(h, made.left)
      let failed: string | undefined
      const watched = await d.kube.watch(
        {
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          name: made.right.metadata.name ?? ref.name,
          ...(ref.namespace ? { namespace: ref.namespace } : {}),
        },
        { timeoutSeconds: timeout },
        (ev) => {
          if (ev.type === 'DELETED') return true
          const c = completion(ev.object)
          if (c.done && c.failed) failed = c.failed
          return c.done
        },
      )()
      if (E.isLeft(watched) || failed !== undefined) {
        const cleaned = await deleteByPolicy(d, h, 'FAILED', rel.namespace, discovery)
        if (E.isLeft(cleaned)) d.log.warn(message(cleaned.left))
        return fail(h, failed ?? (watched as E.Left<HelmError>).left)
      }
    }
  }
  for (const h of running) {
    const after = await deleteByPolicy(d, h, 'SUCCEEDED', rel.namespace, discovery)
    if (E.isLeft(after)) return fail(h, after.left)
  }
  d.log.info(`hooks complete for ${eventName(event)} ${rel.name}`)
  const now = timestamp(d.clock.now())
  const ran = new Set(running)
  return E.right(rel.hooks.map((h) => (ran.has(h) ? { ...h, lastRun: now } : h)))
}
