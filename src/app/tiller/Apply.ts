import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import { type HelmError, message } from '../../domain/errors'
import { type ChangeSet, computeChangeSet, type Existing, placedRef, waitedRefs } from '../../domain/release/ChangeSet'
import { stringMapAt } from '../../domain/release/Fields'
import { kindNotFound } from '../../domain/release/KubeError'
import { selectorString } from '../../domain/release/LabelSelector'
import { type Discovery, groupOf, type KubeObject, type ObjectRef } from '../../domain/release/KubeObject'
import { type ManifestObject, manifestObjects } from '../../domain/release/Manifest'
import { mapInOrder } from './Concurrent'

/** Which kinds a discovery answer calls namespaced, and whether it serves a kind at all. */
export interface Scope {
  readonly served: (apiVersion: string, kind: string) => boolean
  readonly namespaced: (apiVersion: string, kind: string) => boolean
}

// one operation asks for the scope of every object it places: made once per discovery answer (never changed)
const scopes = new WeakMap<Discovery, Scope>()

/** Which kinds discovery calls namespaced, and whether it serves a kind at all. */
export const scopeOf = (discovery: Discovery): Scope => {
  const known = scopes.get(discovery)
  if (known !== undefined) return known
  const byKind = new Map(discovery.resources.map((r) => [`${r.groupVersion}/${r.kind}`, r.namespaced]))
  const scope: Scope = {
    served: (apiVersion, kind) => byKind.has(`${apiVersion}/${kind}`),
    namespaced: (apiVersion, kind) => byKind.get(`${apiVersion}/${kind}`) ?? true,
  }
  scopes.set(discovery, scope)
  return scope
}

/** The objects of a manifest, every kind checked against discovery (KindNotFound, Helm's "no matches for kind"). */
export const objectsOf = (manifest: string, discovery: Discovery): E.Either<HelmError, ManifestObject[]> => {
  const objs = manifestObjects(manifest)
  if (E.isLeft(objs)) return objs
  const scope = scopeOf(discovery)
  const unknown = objs.right.find((m) => !scope.served(m.object.apiVersion, m.object.kind))
  return unknown ? E.left(kindNotFound(unknown.object.apiVersion, unknown.object.kind)) : objs
}

const identity = (r: ObjectRef): string => `${groupOf(r.apiVersion)}/${r.kind}/${r.namespace ?? ''}/${r.name}`

/**
 * The change set from `oldManifest` to `newManifest` against what is live now (objects are fetched
 * once). Old-manifest kinds the server no longer serves are skipped (they cannot be live). A live object
 * named in one of the `owned` manifests (revisions after the old one that failed or were interrupted)
 * belongs to the release and is adopted whatever `existing` says.
 */
export const changesFor = async (
  d: Deps,
  discovery: Discovery,
  oldManifest: string,
  newManifest: string,
  namespace: string,
  existing: Existing = 'refuse',
  owned: ReadonlyArray<string> = [],
): Promise<E.Either<HelmError, ChangeSet>> => {
  const next = objectsOf(newManifest, discovery)
  if (E.isLeft(next)) return next
  const scope = scopeOf(discovery)
  const prevAll = manifestObjects(oldManifest)
  if (E.isLeft(prevAll)) return prevAll
  const prev = prevAll.right.filter((m) => scope.served(m.object.apiVersion, m.object.kind))
  const live = new Map<string, KubeObject>()
  const refs = new Map<string, ObjectRef>()
  for (const m of [...prev, ...next.right]) {
    const ref = placedRef(m.object, namespace, scope)
    if (!refs.has(identity(ref))) refs.set(identity(ref), ref)
  }
  // read together (the first failure in manifest order is the answer, as when read one after another)
  const fetched = await mapInOrder([...refs.values()], (ref) => d.kube.get(ref)())
  for (const [i, ref] of [...refs.values()].entries()) {
    const got = fetched[i]!
    if (E.isRight(got)) live.set(identity(ref), got.right)
    else if (got.left._tag !== 'KubeNotFound') return got
  }
  const ours = new Set<string>()
  for (const m of owned) {
    const objs = manifestObjects(m)
    if (E.isRight(objs)) for (const o of objs.right) ours.add(identity(placedRef(o.object, namespace, scope)))
  }
  return computeChangeSet(
    prev,
    next.right,
    namespace,
    { namespaced: scope.namespaced, live: (r) => live.get(identity(r)) },
    ours.size === 0 ? existing : (r) => (ours.has(identity(r)) ? 'adopt' : existing),
  )
}

/** Helm v2 `ensureNamespace`: creates the release namespace (labelled `name=<ns>`) when it is missing. */
export const ensureNamespace = async (d: Deps, namespace: string): Promise<E.Either<HelmError, void>> => {
  const ref = { apiVersion: 'v1', kind: 'Namespace', name: namespace }
  const got = await d.kube.get(ref)()
  if (E.isRight(got)) return E.right(undefined)
  if (got.left._tag !== 'KubeNotFound') return got
  const made = await d.kube.create({ ...ref, metadata: { name: namespace, labels: { name: namespace } } })()
  return E.isLeft(made) && made.left._tag !== 'KubeAlreadyExists' ? made : E.right(undefined)
}

/** Options of applying a change set. */
export interface ApplyOptions {
  readonly force?: boolean | undefined
  readonly recreate?: boolean | undefined
  readonly wait?: boolean | undefined
  readonly timeout: number
}

/** The workload kinds whose pods `--recreate-pods` restarts (Helm v2 `getSelectorFromObject`). */
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'])

/**
 * The label selector (`a=b,c=d`) of a workload's pods as Helm v2 builds it: `spec.selector.matchLabels`
 * (a ReplicationController's `spec.selector` map). v2 turns an empty one into a selector of every pod in the
 * namespace; here a workload without matchLabels restarts nothing.
 */
const podSelectorOf = (o: KubeObject): string | undefined => {
  const labels =
    o.kind === 'ReplicationController'
      ? stringMapAt(o, 'spec', 'selector')
      : stringMapAt(o, 'spec', 'selector', 'matchLabels')
  const pairs = Object.entries(labels)
  if (pairs.length === 0) return undefined
  return selectorString(pairs.map(([key, v]) => ({ key, operator: '=', values: [v] })))
}

/**
 * Helm v2 `--recreate-pods`: deletes the pods the workload's selector matches, each with a UID precondition
 * (a pod its controller already replaced under the same name is left alone); its controller starts new ones.
 */
const recreatePods = async (d: Deps, workload: KubeObject, namespace: string): Promise<E.Either<HelmError, void>> => {
  const selector = podSelectorOf(workload)
  if (selector === undefined) return E.right(undefined)
  const pods = await d.kube.list({ apiVersion: 'v1', kind: 'Pod', namespace, labelSelector: selector })()
  if (E.isLeft(pods)) return pods
  for (const p of pods.right) {
    const name = p.metadata.name ?? ''
    d.log.info(`Restarting pod: ${namespace}/${name}`)
    const uid = p.metadata.uid
    const gone = await d.kube.delete({ apiVersion: 'v1', kind: 'Pod', name, namespace }, uid ? { uid } : undefined)()
    if (E.isLeft(gone) && gone.left._tag !== 'KubeNotFound' && gone.left._tag !== 'KubeConflict') return gone
  }
  return E.right(undefined)
}

/**
 * Applies a change set (Helm v2 `kube.Client.Update`): create, patch — with `force`, delete and create
 * again when the patch fails — delete removed objects (not kept ones), recreate the pods of every workload
 * of the release with `recreate` (changed or not: v2 users restart pods this way), then wait. Every object
 * created is appended to `created` (for `--cleanup-on-fail`), even when a later step fails.
 */
export const applyChanges = async (
  d: Deps,
  cs: ChangeSet,
  opts: ApplyOptions,
  created: ObjectRef[] = [],
): Promise<E.Either<HelmError, void>> => {
  for (const c of cs.changes) {
    switch (c.action) {
      case 'create': {
        const made = await d.kube.create(c.object)()
        if (E.isLeft(made)) return made
        created.push(c.ref)
        break
      }
      case 'update':
      case 'unchanged': {
        // Helm v2 updateResource: the live object after the patch (or as it is, when nothing changed)
        let live: KubeObject | undefined
        if (c.action === 'update') {
          const patched = await d.kube.patch(c.ref, c.patch)()
          if (E.isRight(patched)) live = patched.right
          else {
            if (!opts.force) return patched
            // --force: only once the patch failed, delete and create the object again (no PUT in v2)
            d.log.info(
              `Cannot patch ${c.ref.kind}: "${c.ref.name}" (${message(patched.left)}); --force: deleting and creating it again`,
            )
            const gone = await d.kube.delete(c.ref)()
            if (E.isLeft(gone) && gone.left._tag !== 'KubeNotFound') return gone
            const made = await d.kube.create(c.object)()
            if (E.isLeft(made)) return made
            live = made.right
          }
        }
        if (opts.recreate && WORKLOADS.has(c.ref.kind)) {
          if (live === undefined) {
            const got = await d.kube.get(c.ref)()
            if (E.isLeft(got)) return got
            live = got.right
          }
          const re = await recreatePods(d, live, c.ref.namespace ?? 'default')
          if (E.isLeft(re)) return re
        }
        break
      }
      case 'delete': {
        const gone = await d.kube.delete(c.ref)()
        if (E.isLeft(gone) && gone.left._tag !== 'KubeNotFound') return gone
        break
      }
      default:
        break
    }
  }
  if (!opts.wait) return E.right(undefined)
  return d.kube.waitReady(waitedRefs(cs), { timeoutSeconds: opts.timeout, onProgress: (m) => d.log.debug(m) })()
}

/** Deletes objects, ignoring those already gone (used by uninstall and `--cleanup-on-fail`). */
export const deleteAll = async (d: Deps, refs: ReadonlyArray<ObjectRef>): Promise<E.Either<HelmError, void>> => {
  for (const ref of refs) {
    const gone = await d.kube.delete(ref)()
    if (E.isLeft(gone) && gone.left._tag !== 'KubeNotFound') return gone
  }
  return E.right(undefined)
}
