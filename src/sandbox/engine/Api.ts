// The verbs on resources: list/get/create/update/patch/delete with the API server's semantics (bodies
// decoded as its Go types are, namespaces must exist, 409 on names and stale resourceVersions, 422 on what
// validation refuses, status subresource, finalizers, owner references and cascading delete, paging).
import * as E from 'fp-ts/Either'
import { applyMergePatch } from '../../domain/release/MergePatch'
import { parseLabelSelector } from '../../domain/release/LabelSelector'
import { decodeObject } from './Decode'
import { fieldSelector } from './FieldSelector'
import { isObject, type JsonObject, type KObj, type OwnerReference, strAt } from './Json'
import { type Prep, prepareCreate, prepareStatusUpdate, prepareUpdate, timestamp } from './Objects'
import { jsonPatch, PatchError, strategicMergePatch, withRemovals } from './Patch'
import type { Registry } from './Registry'
import { groupVersion, resourceKey, type ResourceType } from './Resources'
import { scaleOf } from './Scale'
import * as S from './Status'
import type { ObjectStore } from './Store'

/** A request on a resource, once routed. */
export interface Target {
  readonly r: ResourceType
  readonly ns: string | undefined
  readonly name: string | undefined
  readonly sub: string | undefined
}

/** An answer: HTTP code and JSON body. */
export interface Reply {
  readonly code: number
  readonly body: JsonObject
}

/** The query parameters the verbs read (a URLSearchParams, or a plain record from the memory adapter). */
export interface Query {
  readonly get: (name: string) => string | null
}

/** Returns the object as served in the requested version. */
export const served = (r: ResourceType, o: KObj): KObj => ({ ...o, apiVersion: groupVersion(r), kind: r.kind })

/** The list/watch filter of `labelSelector` and `fieldSelector` (400 BadRequest on a malformed one). */
export const compileSelectors = (r: ResourceType, q: Query): ((o: KObj) => boolean) => {
  const l = parseLabelSelector(q.get('labelSelector') ?? '')
  if (E.isLeft(l)) throw S.badRequest(l.left)
  const f = fieldSelector(q.get('fieldSelector'), r.kind, Boolean(r.crd))
  if (E.isLeft(f)) throw S.badRequest(f.left)
  return (o) => l.right(o.metadata.labels ?? {}) && f.right(o)
}

/** `Deployment in version "v1" cannot be handled as a Deployment: <the Go decoder's error>` (400). */
const undecodable = (r: ResourceType, reason: string): S.ApiError =>
  S.badRequest(`${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: ${reason}`)

/** A body decoded as the API server decodes it into the resource's Go type (400 when it cannot be). */
const decodeBody = (r: ResourceType, body: unknown): KObj => {
  const o = decodeObject(r.kind, !r.crd, body)
  if (E.isLeft(o)) throw undecodable(r, o.left)
  return o.right
}

/** Options of a DELETE (meta/v1 DeleteOptions). */
interface DeleteOptions {
  readonly uid?: string
  readonly resourceVersion?: string
  readonly policy: string
}

const deleteOptions = (q: Query, body: unknown): DeleteOptions => {
  if (body !== undefined && !isObject(body)) throw S.badRequest('the body of the request was not an object')
  const orphan = isObject(body) && body.orphanDependents === true
  const uid = strAt(body, 'preconditions', 'uid')
  const rv = strAt(body, 'preconditions', 'resourceVersion')
  return {
    ...(uid ? { uid } : {}),
    ...(rv ? { resourceVersion: rv } : {}),
    policy: q.get('propagationPolicy') ?? strAt(body, 'propagationPolicy') ?? (orphan ? 'Orphan' : 'Background'),
  }
}

export class Api {
  /** What each field manager last applied to each object (by uid), standing in for managedFields. */
  private readonly applied = new Map<string, JsonObject>()

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: Registry,
    private readonly prep: Prep,
  ) {
    store.subscribe((e) => {
      if (e.type !== 'DELETED') return
      for (const k of this.applied.keys()) if (k.startsWith(`${e.obj.metadata.uid}|`)) this.applied.delete(k)
    })
  }

  private key(r: ResourceType): string {
    return resourceKey(r)
  }

  private existing(t: Target): KObj {
    const o = this.store.get(this.key(t.r), t.ns, t.name!)
    if (!o) throw S.notFound(t.r, t.name!)
    return o
  }

  list(t: Target, q: Query): Reply {
    const { items, metadata } = this.listObjects(t, q)
    return { code: 200, body: { kind: `${t.r.kind}List`, apiVersion: groupVersion(t.r), metadata, items } }
  }

  /** One page of the objects a list selects, as served, with the list's metadata. */
  listObjects(t: Target, q: Query): { readonly items: KObj[]; readonly metadata: JsonObject } {
    const match = compileSelectors(t.r, q)
    const all = this.store.list(this.key(t.r), t.ns).filter(match)
    const limit = Number(q.get('limit') ?? 0)
    let start = 0
    const cont = q.get('continue')
    if (cont) {
      const n = Number(Buffer.from(cont, 'base64url').toString())
      if (!Number.isInteger(n) || n < 0) throw S.badRequest('invalid continue token')
      start = n
    }
    const page = limit > 0 ? all.slice(start, start + limit) : all.slice(start)
    const next = limit > 0 && start + limit < all.length ? start + limit : undefined
    return {
      metadata: {
        resourceVersion: String(this.store.rv),
        ...(next !== undefined
          ? { continue: Buffer.from(String(next)).toString('base64url'), remainingItemCount: all.length - next }
          : {}),
      },
      items: page.map((o) => served(t.r, o)),
    }
  }

  get(t: Target): Reply {
    return { code: 200, body: this.getObject(t) }
  }

  /** The object a get names, as served (404 when missing). */
  getObject(t: Target): KObj {
    return served(t.r, this.existing(t))
  }

  private requireNamespace(ns: string | undefined): void {
    if (ns === undefined) return
    const nsRes = this.registry.find('', 'v1', 'namespaces')!
    if (!this.store.get(resourceKey(nsRes), undefined, ns)) throw S.notFound(nsRes, ns)
  }

  private checkNamespace(t: Target, body: KObj): void {
    const bodyNs = body.metadata.namespace
    if (t.r.namespaced && bodyNs && t.ns && bodyNs !== t.ns)
      throw S.badRequest('the namespace of the provided object does not match the namespace sent on the request')
  }

  create(t: Target, raw: unknown, q: Query): Reply {
    const body = decodeBody(t.r, raw)
    this.checkNamespace(t, body)
    this.requireNamespace(t.r.namespaced ? t.ns : undefined)
    const o = prepareCreate(this.prep, t.r, body, t.ns)
    if (this.store.get(this.key(t.r), o.metadata.namespace, o.metadata.name))
      throw S.alreadyExists(t.r, o.metadata.name)
    if (q.get('dryRun') === 'All') return { code: 201, body: served(t.r, o) }
    return { code: 201, body: served(t.r, this.store.put(this.key(t.r), o)) }
  }

  update(t: Target, raw: unknown, q: Query): Reply {
    return this.replace(t, decodeBody(t.r, raw), q)
  }

  private replace(t: Target, body: KObj, q: Query): Reply {
    const old = this.existing(t)
    if (body.metadata.name && body.metadata.name !== t.name)
      throw S.badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${t.name})`,
      )
    this.checkNamespace(t, body)
    const conflict = () => S.conflict(t.r, t.name!)
    const o =
      t.sub === 'status' ? prepareStatusUpdate(old, body, conflict) : prepareUpdate(this.prep, t.r, old, body, conflict)
    if (q.get('dryRun') === 'All') return { code: 200, body: served(t.r, o) }
    return { code: 200, body: served(t.r, this.save(t, o)) }
  }

  /** Stores an updated object; one whose deletion was pending and whose finalizers are gone is removed. */
  private save(t: Target, o: KObj): KObj {
    if (o.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).length === 0) {
      const gone = this.store.remove(this.key(t.r), o.metadata.namespace, o.metadata.name)!
      this.collect(gone, 'Background')
      return gone
    }
    return this.store.put(this.key(t.r), o)
  }

  /**
   * Applies a patch (already parsed from its bytes) of media type `type`. The patched object is decoded as a
   * create's body is; when it cannot be, the answer is the API server's 422 on the field `patch`.
   */
  patch(t: Target, type: string, patch: unknown, q: Query): Reply {
    const current = this.store.get(this.key(t.r), t.ns, t.name!)
    if (!current) {
      // server-side apply creates what does not exist yet
      if (type === 'application/apply-patch+yaml' && t.sub === undefined) {
        const made = this.create(t, patch, q)
        const uid = strAt(made.body, 'metadata', 'uid')
        if (q.get('dryRun') !== 'All' && isObject(patch))
          this.applied.set(`${uid}|${q.get('fieldManager') ?? ''}`, patch)
        return made
      }
      throw S.notFound(t.r, t.name!)
    }
    if (t.sub === 'scale') return this.updateScale(t, this.applyPatch(t, type, scaleOf(current), patch), q)
    const decodePatched = (o: unknown): KObj => {
      const d = decodeObject(t.r.kind, !t.r.crd, o)
      if (E.isRight(d)) return d.right
      // apiserver patch.go: a patched object that does not decode is Invalid on "patch", kind and name empty
      throw S.invalid({ kind: '', group: '' }, '', [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(JSON.stringify(o))}: ${d.left}`,
          field: 'patch',
        },
      ])
    }
    if (type === 'application/apply-patch+yaml') {
      const k = `${current.metadata.uid}|${q.get('fieldManager') ?? ''}`
      const last = this.applied.get(k)
      const reply = this.replace(
        t,
        decodePatched(this.applyPatch(t, type, served(t.r, current), last ? withRemovals(last, patch) : patch)),
        q,
      )
      if (q.get('dryRun') !== 'All' && isObject(patch)) this.applied.set(k, patch)
      return reply
    }
    return this.replace(t, decodePatched(this.applyPatch(t, type, served(t.r, current), patch)), q)
  }

  private applyPatch(t: Target, type: string, base: JsonObject, patch: unknown): unknown {
    try {
      switch (type) {
        case 'application/merge-patch+json':
          return applyMergePatch(base, patch)
        case 'application/json-patch+json':
          return jsonPatch(base, patch)
        case 'application/strategic-merge-patch+json':
          if (t.r.crd) throw S.unsupportedMediaType(type)
          return strategicMergePatch(base, patch)
        case 'application/apply-patch+yaml':
          // Low-fidelity server-side apply: the applied configuration is merged strategically into the live
          // object (no managedFields, so fields another manager set are never reported as conflicts).
          return strategicMergePatch(base, patch)
        default:
          throw S.unsupportedMediaType(type)
      }
    } catch (e) {
      if (e instanceof PatchError)
        throw e.code === 422
          ? S.invalid(t.r, t.name!, [{ reason: 'FieldValueInvalid', message: e.message, field: '' }])
          : S.badRequest(e.message)
      throw e
    }
  }

  getScale(t: Target): Reply {
    return { code: 200, body: scaleOf(this.existing(t)) }
  }

  /** Writes `spec.replicas` of a Scale through to its workload. */
  updateScale(t: Target, scale: unknown, q: Query): Reply {
    const current = this.existing(t)
    const rv = strAt(scale, 'metadata', 'resourceVersion')
    if (rv && rv !== current.metadata.resourceVersion) throw S.conflict(t.r, t.name!)
    const replicas = isObject(scale) && isObject(scale.spec) ? scale.spec.replicas : undefined
    if (typeof replicas !== 'number' || replicas < 0)
      throw S.invalid({ kind: 'Scale', group: 'autoscaling' }, t.name!, [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
          field: 'spec.replicas',
        },
      ])
    const { resourceVersion: _rv, ...md } = current.metadata
    const updated = this.replace(
      { ...t, sub: undefined },
      { ...current, metadata: md, spec: { ...(isObject(current.spec) ? current.spec : {}), replicas } },
      q,
    )
    return { code: 200, body: scaleOf(updated.body as KObj) }
  }

  delete(t: Target, q: Query, body: unknown): Reply {
    const current = this.existing(t)
    const opts = deleteOptions(q, body)
    if (opts.uid && opts.uid !== current.metadata.uid)
      throw S.conflictPrecondition(
        t.r,
        t.name!,
        `UID in precondition: ${opts.uid}, UID in object meta: ${current.metadata.uid}`,
      )
    if (opts.resourceVersion && opts.resourceVersion !== current.metadata.resourceVersion)
      throw S.conflictPrecondition(
        t.r,
        t.name!,
        `ResourceVersion in precondition: ${opts.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      )
    if (q.get('dryRun') === 'All') return { code: 200, body: { ...S.deleted(t.r, current) } }
    if ((current.metadata.finalizers ?? []).length > 0) {
      const pending = current.metadata.deletionTimestamp
        ? current
        : this.store.put(this.key(t.r), {
            ...current,
            metadata: { ...current.metadata, deletionTimestamp: timestamp(this.prep.env.now()) },
          })
      return { code: 202, body: served(t.r, pending) }
    }
    const gone = this.remove(t.r, current, opts.policy)
    return { code: 200, body: { ...S.deleted(t.r, gone) } }
  }

  deleteCollection(t: Target, q: Query): Reply {
    const match = compileSelectors(t.r, q)
    const policy = q.get('propagationPolicy') ?? 'Background'
    const gone = this.store.list(this.key(t.r), t.ns).filter(match)
    for (const o of gone) this.remove(t.r, o, policy)
    return {
      code: 200,
      body: {
        kind: `${t.r.kind}List`,
        apiVersion: groupVersion(t.r),
        metadata: {},
        items: gone.map((o) => served(t.r, o)),
      },
    }
  }

  /** Removes an object now and applies the propagation policy to its dependents. */
  remove(r: ResourceType, o: KObj, policy: string): KObj {
    if (r.kind === 'Namespace') {
      // the namespace controller empties a terminating namespace before it goes
      for (const [res, child] of [...this.store.entries()])
        if (child.metadata.namespace === o.metadata.name)
          this.store.remove(res, child.metadata.namespace, child.metadata.name)
    }
    const gone = this.store.remove(this.key(r), o.metadata.namespace, o.metadata.name) ?? o
    this.collect(gone, policy)
    return gone
  }

  /** The garbage collector: dependents of a removed owner are deleted (Background/Foreground) or orphaned. */
  private collect(owner: KObj, policy: string): void {
    const uid = owner.metadata.uid
    if (!uid) return
    for (const o of this.store.dependentsOf(uid)) {
      const res = this.resourceOfStored(o)
      if (res === undefined) continue
      const refs: OwnerReference[] = o.metadata.ownerReferences ?? []
      if (policy === 'Orphan') {
        const rest = refs.filter((ref) => ref.uid !== uid)
        const { ownerReferences: _o, ...md } = o.metadata
        this.store.put(res, { ...o, metadata: rest.length === 0 ? md : { ...md, ownerReferences: rest } })
      } else if (refs.every((ref) => ref.uid === uid || !this.ownerExists(ref, o.metadata.namespace))) {
        const gone = this.store.remove(res, o.metadata.namespace, o.metadata.name)
        if (gone) this.collect(gone, 'Background')
      } else {
        this.store.put(res, {
          ...o,
          metadata: { ...o.metadata, ownerReferences: refs.filter((ref) => ref.uid !== uid) },
        })
      }
    }
  }

  /** The storage key of a stored object's resource. */
  private resourceOfStored(o: KObj): string | undefined {
    const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0]! : ''
    const r = this.registry.byKind(group, o.kind)
    return r ? resourceKey(r) : undefined
  }

  private ownerExists(ref: OwnerReference, ns: string | undefined): boolean {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : ''
    const r = this.registry.byKind(group, ref.kind)
    if (!r) return false
    const o = this.store.get(resourceKey(r), r.namespaced ? ns : undefined, ref.name)
    return o !== undefined && o.metadata.uid === ref.uid
  }
}

/** Whether a path is the Namespace resource itself rather than a namespaced collection. */
export const isNamespacePath = (segs: ReadonlyArray<string>): boolean =>
  segs[0] === 'namespaces' && (segs.length <= 2 || (segs.length === 3 && ['status', 'finalize'].includes(segs[2]!)))
