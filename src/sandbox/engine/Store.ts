// The fake cluster's storage: objects by resource, one global increasing resourceVersion, a bounded event
// history for watch replay, and change listeners (watches, fake controllers, persistence).
import type { KObj } from './Json'

/** One change, as a watch streams it. */
export interface StoreEvent {
  readonly rv: number
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'
  /** resourceKey of the object's resource (`group/plural`). */
  readonly res: string
  readonly obj: KObj
  /** The object before a MODIFIED change. */
  readonly prev?: KObj
}

/** What a snapshot file holds. */
export interface Snapshot {
  readonly rv: number
  readonly objects: ReadonlyArray<readonly [string, KObj]>
}

const objKey = (ns: string | undefined, name: string): string => `${ns ?? ''}/${name}`

/** In-memory object storage. Stored objects must never be mutated by callers: write a copy. */
export class ObjectStore {
  private readonly objects = new Map<string, Map<string, KObj>>()
  private readonly history: StoreEvent[] = []
  private readonly listeners = new Set<(e: StoreEvent) => void>()
  /** owner uid → the objects whose ownerReferences name it (`res\u0000key` → [res, key]) */
  private readonly dependents = new Map<string, Map<string, readonly [string, string]>>()
  private rvCounter: number

  constructor(
    private readonly historyLimit = 5000,
    snapshot?: Snapshot,
  ) {
    this.rvCounter = snapshot?.rv ?? 1
    for (const [res, obj] of snapshot?.objects ?? []) {
      this.bucket(res).set(objKey(obj.metadata.namespace, obj.metadata.name), obj)
      this.index(res, undefined, obj)
    }
  }

  /** Keeps the owner index in step with a change from `prev` to `next` (either may be absent). */
  private index(res: string, prev: KObj | undefined, next: KObj | undefined): void {
    const o = next ?? prev
    if (!o) return
    const before = prev?.metadata.ownerReferences
    const after = next?.metadata.ownerReferences
    if (before === undefined && after === undefined) return
    const key = objKey(o.metadata.namespace, o.metadata.name)
    const id = `${res}\u0000${key}`
    for (const ref of before ?? []) this.dependents.get(ref.uid)?.delete(id)
    for (const ref of after ?? []) {
      let set = this.dependents.get(ref.uid)
      if (!set) this.dependents.set(ref.uid, (set = new Map()))
      set.set(id, [res, key])
    }
  }

  /** The objects of resource `res` whose ownerReferences name the owner `uid`. */
  dependentsOf(uid: string, res?: string): KObj[] {
    const out: KObj[] = []
    for (const [r, key] of this.dependents.get(uid)?.values() ?? []) {
      if (res !== undefined && r !== res) continue
      const o = this.objects.get(r)?.get(key)
      if (o) out.push(o)
    }
    return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))
  }

  /** The latest resourceVersion handed out. */
  get rv(): number {
    return this.rvCounter
  }

  private bucket(res: string): Map<string, KObj> {
    let b = this.objects.get(res)
    if (!b) this.objects.set(res, (b = new Map()))
    return b
  }

  get(res: string, ns: string | undefined, name: string): KObj | undefined {
    return this.objects.get(res)?.get(objKey(ns, name))
  }

  /** Objects of a resource (in one namespace, or all), ordered by namespace then name like etcd keys. */
  list(res: string, ns?: string): KObj[] {
    const b = this.objects.get(res)
    if (!b) return []
    const out: Array<[string, KObj]> = []
    for (const [k, o] of b) if (ns === undefined || o.metadata.namespace === ns) out.push([k, o])
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    return out.map(([, o]) => o)
  }

  /** Every stored object with its resource key. */
  *entries(): Generator<readonly [string, KObj]> {
    for (const [res, b] of this.objects) for (const o of b.values()) yield [res, o]
  }

  /** Stores `obj` (whose metadata.resourceVersion is overwritten) and emits ADDED or MODIFIED. */
  put(res: string, obj: KObj): KObj {
    const key = objKey(obj.metadata.namespace, obj.metadata.name)
    const prev = this.bucket(res).get(key)
    const rv = ++this.rvCounter
    const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } }
    this.bucket(res).set(key, stored)
    this.index(res, prev, stored)
    this.emit(prev ? { rv, type: 'MODIFIED', res, obj: stored, prev } : { rv, type: 'ADDED', res, obj: stored })
    return stored
  }

  /** Removes an object and emits DELETED with a new resourceVersion. */
  remove(res: string, ns: string | undefined, name: string): KObj | undefined {
    const b = this.objects.get(res)
    const key = objKey(ns, name)
    const old = b?.get(key)
    if (!b || !old) return undefined
    b.delete(key)
    this.index(res, old, undefined)
    const rv = ++this.rvCounter
    const last = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } }
    this.emit({ rv, type: 'DELETED', res, obj: last })
    return last
  }

  /** Events after `rv`, or 'expired' when the history no longer reaches back that far. */
  eventsSince(rv: number): ReadonlyArray<StoreEvent> | 'expired' {
    if (rv >= this.rvCounter) return []
    // the window is the last historyLimit events (the array holds a few more between batch trims)
    const start = Math.max(0, this.history.length - this.historyLimit)
    const first = this.history[start]
    if (!first || first.rv > rv + 1) return 'expired'
    const i = this.history.findIndex((e, j) => j >= start && e.rv > rv)
    return i < 0 ? [] : this.history.slice(i)
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  snapshot(): Snapshot {
    return { rv: this.rvCounter, objects: [...this.entries()] }
  }

  private emit(e: StoreEvent): void {
    this.history.push(e)
    // trimmed in batches: dropping one event per write would copy the whole history every time
    if (this.history.length > this.historyLimit + Math.max(64, this.historyLimit >> 3))
      this.history.splice(0, this.history.length - this.historyLimit)
    for (const l of [...this.listeners]) l(e)
  }
}
