// The verbs on resources: list/get/create/update/patch/delete with the API server's semantics
// (namespaces must exist, 409 on names and stale resourceVersions, status subresource, finalizers,
// owner references and cascading delete, paging).
import { parse as parseYaml } from 'yaml'
import type { Registry } from './Discovery'
import { prepareCreate, prepareStatusUpdate, prepareUpdate, now } from './Objects'
import { jsonPatch, mergePatch, PatchError, strategicMergePatch, withRemovals } from './Patch'
import { groupVersion, resourceKey, type KObj, type ResourceType } from './Resources'
import { scaleOf } from './Scale'
import { fieldSelector, labelSelector, SelectorError } from './Selectors'
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
  readonly body: KObj
}

const NAMESPACES = '/namespaces'

/** Returns the object as served in the requested version. */
export const served = (r: ResourceType, o: KObj): KObj => ({ ...o, apiVersion: groupVersion(r), kind: r.kind })

export const compileSelectors = (q: URLSearchParams): ((o: KObj) => boolean) => {
  try {
    const l = labelSelector(q.get('labelSelector'))
    const f = fieldSelector(q.get('fieldSelector'))
    return (o) => l(o) && f(o)
  } catch (e) {
    if (e instanceof SelectorError) throw S.badRequest(e.message)
    throw e
  }
}

export class Api {
  /** What each field manager last applied to each object (by uid), standing in for managedFields. */
  private readonly applied = new Map<string, KObj>()

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: Registry,
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

  list(t: Target, q: URLSearchParams): Reply {
    const match = compileSelectors(q)
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
      code: 200,
      body: {
        kind: `${t.r.kind}List`,
        apiVersion: groupVersion(t.r),
        metadata: {
          resourceVersion: String(this.store.rv),
          ...(next !== undefined
            ? { continue: Buffer.from(String(next)).toString('base64url'), remainingItemCount: all.length - next }
            : {}),
        },
        items: page.map((o) => served(t.r, o)),
      },
    }
  }

  get(t: Target): Reply {
    return { code: 200, body: served(t.r, this.existing(t)) }
  }

  private requireNamespace(ns: string | undefined): void {
    if (ns === undefined) return
    const nsRes = this.registry.find('', 'v1', 'namespaces')!
    if (!this.store.get(resourceKey(nsRes), undefined, ns)) throw S.notFound(nsRes, ns)
  }

  private checkNamespace(t: Target, body: KObj): void {
    const bodyNs = body.metadata?.namespace
    if (t.r.namespaced && bodyNs && t.ns && bodyNs !== t.ns)
      throw S.badRequest('the namespace of the provided object does not match the namespace sent on the request')
  }

  create(t: Target, body: KObj, q: URLSearchParams): Reply {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw S.badRequest('the body of the request was not an object')
    this.checkNamespace(t, body)
    this.requireNamespace(t.r.namespaced ? t.ns : undefined)
    const o = prepareCreate(t.r, body, t.ns)
    if (this.store.get(this.key(t.r), o.metadata.namespace, o.metadata.name))
      throw S.alreadyExists(t.r, o.metadata.name)
    if (q.get('dryRun') === 'All') return { code: 201, body: served(t.r, o) }
    return { code: 201, body: served(t.r, this.store.put(this.key(t.r), o)) }
  }

  update(t: Target, body: KObj, q: URLSearchParams): Reply {
    if (typeof body !== 'object' || body === null) throw S.badRequest('the body of the request was not an object')
    const old = this.existing(t)
    if (body.metadata?.name && body.metadata.name !== t.name)
      throw S.badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${t.name})`,
      )
    this.checkNamespace(t, body)
    const conflict = () => S.conflict(t.r, t.name!)
    const o = t.sub === 'status' ? prepareStatusUpdate(old, body, conflict) : prepareUpdate(t.r, old, body, conflict)
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

  patch(t: Target, contentType: string, raw: string, q: URLSearchParams): Reply {
    const type = contentType.split(';')[0]!.trim()
    let patch: unknown
    try {
      patch = type === 'application/apply-patch+yaml' ? parseYaml(raw) : JSON.parse(raw)
    } catch (e) {
      throw S.badRequest(`error decoding patch: ${(e as Error).message}`)
    }
    const current = this.store.get(this.key(t.r), t.ns, t.name!)
    if (!current) {
      // server-side apply creates what does not exist yet
      if (type === 'application/apply-patch+yaml' && t.sub === undefined) {
        const made = this.create(t, patch as KObj, q)
        if (q.get('dryRun') !== 'All')
          this.applied.set(`${made.body.metadata.uid}|${q.get('fieldManager') ?? ''}`, patch as KObj)
        return made
      }
      throw S.notFound(t.r, t.name!)
    }
    if (t.sub === 'scale') return this.updateScale(t, this.applyPatch(t, type, scaleOf(current), patch), q)
    if (type === 'application/apply-patch+yaml') {
      const k = `${current.metadata.uid}|${q.get('fieldManager') ?? ''}`
      const last = this.applied.get(k)
      const reply = this.update(
        t,
        this.applyPatch(t, type, served(t.r, current), last ? withRemovals(last, patch) : patch),
        q,
      )
      if (q.get('dryRun') !== 'All') this.applied.set(k, patch as KObj)
      return reply
    }
    return this.update(t, this.applyPatch(t, type, served(t.r, current), patch), q)
  }

  private applyPatch(t: Target, type: string, base: KObj, patch: unknown): KObj {
    try {
      switch (type) {
        case 'application/merge-patch+json':
          return mergePatch(base, patch) as KObj
        case 'application/json-patch+json':
          return jsonPatch(base, patch) as KObj
        case 'application/strategic-merge-patch+json':
          if (t.r.crd) throw S.unsupportedMediaType(type)
          return strategicMergePatch(base, patch) as KObj
        case 'application/apply-patch+yaml':
          // Low-fidelity server-side apply: the applied configuration is merged strategically into the live
          // object (no managedFields, so fields another manager set are never reported as conflicts).
          return strategicMergePatch(base, patch) as KObj
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
  updateScale(t: Target, scale: KObj, q: URLSearchParams): Reply {
    const current = this.existing(t)
    const rv = scale.metadata?.resourceVersion
    if (rv && rv !== current.metadata.resourceVersion) throw S.conflict(t.r, t.name!)
    const replicas = scale.spec?.replicas
    if (typeof replicas !== 'number' || replicas < 0)
      throw S.invalid({ kind: 'Scale', group: 'autoscaling' }, t.name!, [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
          field: 'spec.replicas',
        },
      ])
    const { resourceVersion: _rv, ...md } = current.metadata
    const updated = this.update(
      { ...t, sub: undefined },
      { ...current, metadata: md, spec: { ...current.spec, replicas } },
      q,
    )
    return { code: 200, body: scaleOf(updated.body) }
  }

  delete(t: Target, q: URLSearchParams, body: KObj | undefined): Reply {
    const current = this.existing(t)
    const precondition = body?.preconditions
    if (precondition?.uid && precondition.uid !== current.metadata.uid) throw S.conflict(t.r, t.name!)
    if (precondition?.resourceVersion && precondition.resourceVersion !== current.metadata.resourceVersion)
      throw S.conflict(t.r, t.name!)
    const policy =
      q.get('propagationPolicy') ?? body?.propagationPolicy ?? (body?.orphanDependents ? 'Orphan' : 'Background')
    if (q.get('dryRun') === 'All') return { code: 200, body: S.deleted(t.r, current) }
    if ((current.metadata.finalizers ?? []).length > 0) {
      const pending = current.metadata.deletionTimestamp
        ? current
        : this.store.put(this.key(t.r), { ...current, metadata: { ...current.metadata, deletionTimestamp: now() } })
      return { code: 202, body: served(t.r, pending) }
    }
    const gone = this.remove(t.r, current, policy)
    return { code: 200, body: S.deleted(t.r, gone) }
  }

  deleteCollection(t: Target, q: URLSearchParams): Reply {
    const match = compileSelectors(q)
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
    const uid = owner.metadata?.uid
    if (!uid) return
    for (const [res, o] of [...this.store.entries()]) {
      const refs: KObj[] = o.metadata.ownerReferences ?? []
      if (!refs.some((ref) => ref.uid === uid)) continue
      if (policy === 'Orphan') {
        const rest = refs.filter((ref) => ref.uid !== uid)
        const md = { ...o.metadata, ownerReferences: rest }
        if (rest.length === 0) delete md.ownerReferences
        this.store.put(res, { ...o, metadata: md })
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

  private ownerExists(ref: KObj, ns: string | undefined): boolean {
    const [group, _v] = String(ref.apiVersion ?? '').includes('/')
      ? String(ref.apiVersion).split('/')
      : ['', ref.apiVersion]
    const r = this.registry.byKind(group ?? '', ref.kind)
    if (!r) return false
    const o = this.store.get(resourceKey(r), r.namespaced ? ns : undefined, ref.name)
    return o !== undefined && o.metadata.uid === ref.uid
  }
}

/** Whether a path is the Namespace resource itself rather than a namespaced collection. */
export const isNamespacePath = (segs: ReadonlyArray<string>): boolean =>
  segs[0] === NAMESPACES.slice(1) &&
  (segs.length <= 2 || (segs.length === 3 && ['status', 'finalize'].includes(segs[2]!)))
