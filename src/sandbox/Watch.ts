// `GET …?watch=true`: newline-delimited JSON events, replayed from a resourceVersion (410 once the history
// no longer reaches back), filtered by namespace and selectors, ended by timeoutSeconds or shutdown.
import type { ServerResponse } from 'node:http'
import { compileSelectors, served, type Target } from './Api'
import { resourceKey, type KObj } from './Resources'
import * as S from './Status'
import type { ObjectStore, StoreEvent } from './Store'

/** Streams a watch on `res` until the client goes, the timeout passes or `open` is cleared on shutdown. */
export const serveWatch = (
  store: ObjectStore,
  t: Target,
  q: URLSearchParams,
  res: ServerResponse,
  open: Set<ServerResponse>,
  durable: () => Promise<void> = () => Promise.resolve(),
): void => {
  const match = compileSelectors(q)
  const key = resourceKey(t.r)
  // an object that starts or stops matching the selectors is ADDED to or DELETED from the watch
  const typeFor = (e: StoreEvent): string | undefined => {
    if (e.res !== key || (t.ns !== undefined && e.obj.metadata?.namespace !== t.ns)) return undefined
    const now = match(e.obj)
    if (e.type !== 'MODIFIED' || !e.prev) return now ? e.type : undefined
    const before = match(e.prev)
    return now ? (before ? 'MODIFIED' : 'ADDED') : before ? 'DELETED' : undefined
  }
  // events go out in order, each once it is on disk (a watcher never sees a change a crash takes back)
  let sent: Promise<void> = Promise.resolve()
  const send = (type: string, object: KObj): void => {
    const line = `${JSON.stringify({ type, object })}\n`
    sent = sent
      .then(durable)
      .then(() => {
        if (!res.writableEnded && !res.destroyed) res.write(line)
      })
      .catch(() => {
        res.destroy()
      })
  }
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache',
  })
  // clients (client-go) wait for the response headers before they consider the watch established
  res.flushHeaders()
  open.add(res)

  const rvParam = q.get('resourceVersion')
  if (q.get('sendInitialEvents') === 'true') {
    // a streaming list (client-go's WatchList): the current objects, then a bookmark that marks their end
    for (const o of store.list(key, t.ns)) if (match(o)) send('ADDED', served(t.r, o))
    send('BOOKMARK', {
      kind: t.r.kind,
      apiVersion: served(t.r, {}).apiVersion,
      metadata: { resourceVersion: String(store.rv), annotations: { 'k8s.io/initial-events-end': 'true' } },
    })
  } else if (rvParam === null || rvParam === '' || rvParam === '0') {
    for (const o of store.list(key, t.ns)) if (match(o)) send('ADDED', served(t.r, o))
  } else {
    const rv = Number(rvParam)
    const events = Number.isFinite(rv) ? store.eventsSince(rv) : 'expired'
    if (events === 'expired') {
      send('ERROR', S.gone(`too old resource version: ${rvParam} (${store.rv})`).status)
      open.delete(res)
      void sent.then(() => res.end())
      return
    }
    for (const e of events) {
      const type = typeFor(e)
      if (type) send(type, served(t.r, e.obj))
    }
  }

  const unsubscribe = store.subscribe((e) => {
    const type = typeFor(e)
    if (type) send(type, served(t.r, e.obj))
  })
  const timeout = Number(q.get('timeoutSeconds') ?? 0)
  const timer = timeout > 0 ? setTimeout(() => void sent.then(() => res.end()), timeout * 1000) : undefined
  const finish = (): void => {
    unsubscribe()
    if (timer) clearTimeout(timer)
    open.delete(res)
  }
  res.on('close', finish)
  res.on('finish', finish)
}
