import * as E from 'fp-ts/Either'
import { objectYaml, lineDiff } from './Diff'
import { resourcePolicyAnnotation } from '../manifest/Hook'
import { sortByKind, uninstallOrder } from '../manifest/KindOrder'
import { describeRef, groupOf, type KubeObject, type ObjectRef } from './KubeObject'
import type { ManifestObject } from './Manifest'
import { applyMergePatch, createThreeWayMergePatch } from './MergePatch'
import type { PlannedChange } from './ReleaseService'
import { type ReleaseError, resourceNotOwned } from './ReleaseError'

/** One step of applying a release to the cluster. */
export type Change =
  | { readonly action: 'create'; readonly ref: ObjectRef; readonly object: KubeObject }
  | {
      readonly action: 'update'
      readonly ref: ObjectRef
      readonly object: KubeObject
      readonly patch: Readonly<Record<string, unknown>>
      readonly live: KubeObject
    }
  | { readonly action: 'unchanged'; readonly ref: ObjectRef; readonly object: KubeObject }
  | { readonly action: 'delete'; readonly ref: ObjectRef; readonly object: KubeObject }
  | { readonly action: 'keep'; readonly ref: ObjectRef; readonly object: KubeObject }

/** Creates and updates in the new manifest's (install) order, then deletions and kept objects in uninstall order. */
export interface ChangeSet {
  readonly changes: ReadonlyArray<Change>
}

/** How the change set sees the cluster: which kinds are namespaced, and the live object of a ref. */
export interface ClusterView {
  readonly namespaced: (apiVersion: string, kind: string) => boolean
  readonly live: (ref: ObjectRef) => KubeObject | undefined
}

/** What to do with an object that is live but was not in the previous manifest. */
export type Existing = 'refuse' | 'adopt' | 'create'

/** The ref of a manifest object, placed in the release namespace when its kind is namespaced and it names none. */
export const placedRef = (o: KubeObject, namespace: string, view: Pick<ClusterView, 'namespaced'>): ObjectRef => {
  const name = o.metadata.name ?? ''
  return view.namespaced(o.apiVersion, o.kind)
    ? { apiVersion: o.apiVersion, kind: o.kind, name, namespace: o.metadata.namespace ?? namespace }
    : { apiVersion: o.apiVersion, kind: o.kind, name }
}

/** The object with its namespace filled in as `ref` places it. */
export const placed = (o: KubeObject, ref: ObjectRef): KubeObject =>
  ref.namespace === undefined ? o : { ...o, metadata: { ...o.metadata, namespace: ref.namespace } }

const identity = (r: ObjectRef): string => `${groupOf(r.apiVersion)}/${r.kind}/${r.namespace ?? ''}/${r.name}`

/** Whether an object carries `helm.sh/resource-policy: keep`. */
export const isKept = (o: KubeObject): boolean => o.metadata.annotations?.[resourcePolicyAnnotation] === 'keep'

/**
 * The change set from the previous release manifest to the next one against the live cluster:
 * an object absent live is created; one present live and in the old manifest is patched with a
 * three-way JSON merge patch (old manifest, new manifest, live: fields other tools set are kept) or
 * left unchanged when the patch is empty; one present live but not in the old manifest fails with
 * ResourceNotOwned with `existing: 'refuse'` (Helm v2 upgrade), is patched with 'adopt', or is created
 * anyway with 'create' (Helm v2 install, which the API server then refuses as AlreadyExists); an object of the old
 * manifest missing from the new is deleted — unless `helm.sh/resource-policy: keep` — when it is live.
 * `existing` may also decide per object.
 */
export const computeChangeSet = (
  previous: ReadonlyArray<ManifestObject>,
  next: ReadonlyArray<ManifestObject>,
  namespace: string,
  view: ClusterView,
  existing: Existing | ((ref: ObjectRef) => Existing) = 'refuse',
): E.Either<ReleaseError, ChangeSet> => {
  const policy = typeof existing === 'function' ? existing : () => existing
  const old = new Map(
    previous.map((m) => {
      const ref = placedRef(m.object, namespace, view)
      return [identity(ref), { ref, object: placed(m.object, ref) }] as const
    }),
  )
  const changes: Change[] = []
  const seen = new Set<string>()
  for (const m of next) {
    const ref = placedRef(m.object, namespace, view)
    const object = placed(m.object, ref)
    const id = identity(ref)
    seen.add(id)
    const live = view.live(ref)
    const before = old.get(id)
    const mode = policy(ref)
    if (live === undefined || (before === undefined && mode === 'create'))
      changes.push({ action: 'create', ref, object })
    else if (before === undefined && mode === 'refuse') return E.left(resourceNotOwned(ref.kind, ref.name))
    else {
      const patch = createThreeWayMergePatch(before?.object ?? live, object, live)
      changes.push(
        Object.keys(patch).length === 0
          ? { action: 'unchanged', ref, object }
          : { action: 'update', ref, object, patch, live },
      )
    }
  }
  const gone = [...old.entries()].filter(([id, o]) => !seen.has(id) && view.live(o.ref) !== undefined).map(([, o]) => o)
  for (const o of sortByKind(gone, (x) => x.ref.kind, uninstallOrder))
    changes.push({ action: isKept(o.object) ? 'keep' : 'delete', ref: o.ref, object: o.object })
  return E.right({ changes })
}

/** The refs of a change set that `--wait` waits for (created, updated and unchanged objects). */
export const waitedRefs = (cs: ChangeSet): ObjectRef[] =>
  cs.changes.filter((c) => c.action === 'create' || c.action === 'update' || c.action === 'unchanged').map((c) => c.ref)

const strip = (o: KubeObject): unknown => {
  const { status: _s, ...rest } = o as Record<string, unknown>
  const {
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    generation: _g,
    managedFields: _m,
    ...metadata
  } = o.metadata
  return { ...rest, metadata }
}

/** The plan view of a change set: each change with a YAML diff (live → desired for updates). */
export const planOf = (cs: ChangeSet): PlannedChange[] =>
  cs.changes.map((c): PlannedChange => {
    switch (c.action) {
      case 'create':
        return { action: 'create', ref: c.ref, diff: lineDiff('', objectYaml(c.object)) }
      case 'update':
        return {
          action: 'update',
          ref: c.ref,
          diff: lineDiff(objectYaml(strip(c.live)), objectYaml(strip(applyMergePatch(c.live, c.patch) as KubeObject))),
        }
      case 'delete':
        return { action: 'delete', ref: c.ref, diff: lineDiff(objectYaml(c.object), '') }
      default:
        return { action: c.action, ref: c.ref, diff: '' }
    }
  })

/** A plan as text: one `+ create Kind/ns/name` line per object (`~ update`, `- delete`, `= keep`), diffs indented under updates. */
export const formatPlan = (changes: ReadonlyArray<PlannedChange>): string => {
  const sign = { create: '+', update: '~', delete: '-', keep: '=', unchanged: ' ' } as const
  const counts = { create: 0, update: 0, delete: 0, keep: 0, unchanged: 0 }
  const lines: string[] = []
  for (const c of changes) {
    counts[c.action]++
    lines.push(
      `${sign[c.action]} ${c.action} ${describeRef(c.ref)}${c.action === 'keep' ? ' (helm.sh/resource-policy: keep)' : ''}`,
    )
    if (c.action === 'update') for (const l of c.diff.replace(/\n$/, '').split('\n')) lines.push(`    ${l}`)
  }
  lines.push(
    `Plan: ${counts.create} to create, ${counts.update} to change, ${counts.delete} to delete, ${counts.unchanged} unchanged.`,
  )
  return `${lines.join('\n')}\n`
}
