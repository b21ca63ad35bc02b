// `GET …?watch=true` over HTTP: the engine's watch events as newline-delimited JSON, each sent once it is on
// disk, ended by timeoutSeconds or shutdown.
import type { ServerResponse } from 'node:http'
import type { Query, Target } from './engine/Api'
import type { JsonObject } from './engine/Json'
import type { ObjectStore } from './engine/Store'
import { openWatch, type WatchType } from './engine/Watch'

/** Streams a watch on `res` until the client goes, the timeout passes or `open` is cleared on shutdown. */
export const serveWatch = (
  store: ObjectStore,
  t: Target,
  q: Query,
  res: ServerResponse,
  open: Set<ServerResponse>,
  durable: () => Promise<void> = () => Promise.resolve(),
): void => {
  // events go out in order, each once it is on disk (a watcher never sees a change a crash takes back)
  let sent: Promise<void> = Promise.resolve()
  const send = (type: WatchType, object: JsonObject): void => {
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
  // selectors are checked before the stream starts (a bad one is a 400 answer, not a stream)
  const pending: Array<[WatchType, JsonObject]> = []
  let started = false
  const stop = openWatch(store, t, q, (type, object) => (started ? send(type, object) : pending.push([type, object])))
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache',
  })
  // clients (client-go) wait for the response headers before they consider the watch established
  res.flushHeaders()
  open.add(res)
  started = true
  for (const [type, object] of pending) send(type, object)
  if (stop === 'ended') {
    open.delete(res)
    void sent.then(() => res.end())
    return
  }
  const timeout = Number(q.get('timeoutSeconds') ?? 0)
  const timer = timeout > 0 ? setTimeout(() => void sent.then(() => res.end()), timeout * 1000) : undefined
  const finish = (): void => {
    stop()
    if (timer) clearTimeout(timer)
    open.delete(res)
  }
  res.on('close', finish)
  res.on('finish', finish)
}
