// A watch on one resource: the events a client sees, replayed from a resourceVersion (Expired once the
// history no longer reaches back), filtered by namespace and selectors; an object that starts or stops
// matching the selectors is ADDED to or DELETED from the watch. Transport-free: the HTTP server streams
// the events as newline-delimited JSON, the memory KubeClient hands them to its caller.
import { compileSelectors, type Query, served, type Target } from './Api'
import type { JsonObject, KObj } from './Json'
import { resourceKey } from './Resources'
import * as S from './Status'
import type { ObjectStore, StoreEvent } from './Store'

/** The type of one watch event. */
export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'

/**
 * Starts a watch: `send` gets the initial or replayed events at once, then every change; returns the function
 * that ends it, or 'ended' when the watch ended at once (an ERROR event was sent). Throws 400 on bad selectors.
 */
export const openWatch = (
  store: ObjectStore,
  t: Target,
  q: Query,
  send: (type: WatchType, object: JsonObject) => void,
): (() => void) | 'ended' => {
  const match = compileSelectors(t.r, q)
  const key = resourceKey(t.r)
  const typeFor = (e: StoreEvent): WatchType | undefined => {
    if (e.res !== key || (t.ns !== undefined && e.obj.metadata.namespace !== t.ns)) return undefined
    const now = match(e.obj)
    if (e.type !== 'MODIFIED' || !e.prev) return now ? e.type : undefined
    const before = match(e.prev)
    return now ? (before ? 'MODIFIED' : 'ADDED') : before ? 'DELETED' : undefined
  }
  const current = (): void => {
    for (const o of store.list(key, t.ns)) if (match(o)) send('ADDED', served(t.r, o))
  }
  const rvParam = q.get('resourceVersion')
  if (q.get('sendInitialEvents') === 'true') {
    // a streaming list (client-go's WatchList): the current objects, then a bookmark that marks their end
    current()
    send('BOOKMARK', {
      kind: t.r.kind,
      apiVersion: served(t.r, { apiVersion: '', kind: '', metadata: { name: '' } }).apiVersion,
      metadata: { resourceVersion: String(store.rv), annotations: { 'k8s.io/initial-events-end': 'true' } },
    })
  } else if (rvParam === null || rvParam === '' || rvParam === '0') {
    current()
  } else {
    const rv = Number(rvParam)
    const events = Number.isFinite(rv) ? store.eventsSince(rv) : 'expired'
    if (events === 'expired') {
      send('ERROR', { ...S.gone(`too old resource version: ${rvParam} (${store.rv})`).status })
      return 'ended'
    }
    for (const e of events) {
      const type = typeFor(e)
      if (type) send(type, served(t.r, e.obj as KObj))
    }
  }
  return store.subscribe((e) => {
    const type = typeFor(e)
    if (type) send(type, served(t.r, e.obj))
  })
}
