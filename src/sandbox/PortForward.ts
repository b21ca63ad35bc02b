// pods/portforward over WebSocket, as the API server proxies it to the kubelet: subprotocol
// v4.channel.k8s.io (or channel.k8s.io); for the i-th port of `?ports=` channel 2i carries data and 2i+1
// errors, each opened by the port number (2 bytes, little-endian); every message is prefixed by its channel
// byte. Sandbox pods run nothing, so a pod port is forwarded to the loopback address its annotation
// `sandbox.wheelhouse.io/forward-<port>` names ("127.0.0.1:<hostPort>").
import type { IncomingMessage } from 'node:http'
import { createConnection, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { type KObj, strAt } from './engine/Json'
import { builtinResources, resourceKey } from './engine/Resources'
import * as S from './engine/Status'
import type { ObjectStore } from './engine/Store'
import { acceptWebSocket, offeredProtocols, rejectUpgrade, type WebSocketConn } from './WebSocket'

/** Annotation prefix naming where a pod port is forwarded: `sandbox.wheelhouse.io/forward-44134: 127.0.0.1:5000`. */
export const POD_FORWARD = 'sandbox.wheelhouse.io/forward-'

// what the kubelet's port-forward WebSocket endpoint speaks (base64 variants aside)
const PROTOCOLS = ['v4.channel.k8s.io', 'channel.k8s.io']
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])
const PODS = builtinResources.find((r) => r.kind === 'Pod')!

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward\/?$/

/** Whether an upgrade request is for pods/portforward (otherwise the caller answers 404). */
export const isPortForward = (pathname: string): boolean => PATH.test(pathname)

const statusBody = (e: S.ApiError): string => JSON.stringify(e.status)

const loopbackTarget = (value: string): { host: string; port: number } | undefined => {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(value.trim())
  const host = m?.[1] ?? m?.[2]
  const port = Number(m?.[3])
  return host && LOOPBACK.has(host) && port > 0 && port < 65536 ? { host, port } : undefined
}

const portBytes = (channel: number, port: number): Buffer => {
  const b = Buffer.alloc(3)
  b[0] = channel
  b.writeUInt16LE(port, 1)
  return b
}

/** One forwarded port on channels `2i` (data) and `2i+1` (error). */
const forwardPort = (
  ws: WebSocketConn,
  pod: KObj,
  i: number,
  port: number,
  onDone: () => void,
): ((data: Buffer) => void) => {
  const dataCh = 2 * i
  const errCh = dataCh + 1
  const meta = pod.metadata
  const fail = (why: string) => {
    // the kubelet's wording (pkg/kubelet/cri/streaming/portforward)
    ws.send(
      Buffer.concat([
        Buffer.from([errCh]),
        Buffer.from(
          `error forwarding port ${port} to pod ${meta.namespace}/${meta.name}, uid ${meta.uid ?? ''}: ${why}`,
        ),
      ]),
    )
    onDone()
  }
  const annotation = meta.annotations?.[`${POD_FORWARD}${port}`]
  const target = typeof annotation === 'string' ? loopbackTarget(annotation) : undefined
  if (!target) {
    fail(
      annotation === undefined
        ? `nothing listens on port ${port} (the sandbox runs no containers; annotate the pod ${POD_FORWARD}${port}: 127.0.0.1:<port>)`
        : `${POD_FORWARD}${port} must name a loopback host:port, not ${JSON.stringify(annotation)}`,
    )
    return () => {}
  }
  const pending: Buffer[] = []
  let conn: Socket | undefined
  const socket = createConnection(target)
  socket.on('connect', () => {
    conn = socket
    for (const b of pending.splice(0)) socket.write(b)
  })
  socket.on('data', (c: Buffer) => ws.send(Buffer.concat([Buffer.from([dataCh]), c])))
  socket.on('error', (e: NodeJS.ErrnoException) => {
    if (conn) return onDone()
    fail(
      `dial tcp ${target.host}:${target.port}: connect: ${e.code === 'ECONNREFUSED' ? 'connection refused' : e.message}`,
    )
  })
  socket.on('close', onDone)
  ws.onClose(() => socket.destroy())
  return (data) => {
    if (conn) conn.write(data)
    else pending.push(data)
  }
}

/**
 * Serves an upgrade request for pods/portforward: 404 for a missing pod, 400 without ports, then the
 * channels above; the connection closes when a forwarded connection ends or fails.
 */
export const servePortForward = (
  store: ObjectStore,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: URL,
): void => {
  const [, ns, name] = PATH.exec(url.pathname)!.map((s) => decodeURIComponent(s))
  const pod = store.get(resourceKey(PODS), ns, name!)
  if (!pod) return rejectUpgrade(socket, 404, 'Not Found', statusBody(S.notFound(PODS, name!)))
  const ports = url.searchParams.getAll('ports').flatMap((p) => p.split(','))
  const nums = ports.map(Number)
  if (nums.length === 0)
    return rejectUpgrade(socket, 400, 'Bad Request', statusBody(S.badRequest('at least one port must be specified')))
  const bad = ports.find((_, i) => !Number.isInteger(nums[i]) || nums[i]! < 1 || nums[i]! > 65535)
  if (bad !== undefined)
    return rejectUpgrade(
      socket,
      400,
      'Bad Request',
      statusBody(S.badRequest(`unable to parse "${bad}" as a port: invalid port`)),
    )
  const phase = strAt(pod, 'status', 'phase')
  if (phase !== 'Running')
    return rejectUpgrade(
      socket,
      400,
      'Bad Request',
      statusBody(
        S.badRequest(`unable to upgrade connection: pod ${name} is not running (phase ${phase ?? 'unknown'})`),
      ),
    )
  const protocol = offeredProtocols(req).find((p) => PROTOCOLS.includes(p))
  if (protocol === undefined)
    return rejectUpgrade(
      socket,
      400,
      'Bad Request',
      statusBody(S.badRequest(`no supported WebSocket subprotocol; one of ${PROTOCOLS.join(', ')}`)),
    )
  const ws = acceptWebSocket(req, socket, head, protocol)
  if (!ws) return
  for (let i = 0; i < nums.length; i++) {
    ws.send(portBytes(2 * i, nums[i]!))
    ws.send(portBytes(2 * i + 1, nums[i]!))
  }
  // as the kubelet, the whole stream ends once any forwarded connection is done
  const done = () => ws.close()
  const writers = nums.map((port, i) => forwardPort(ws, pod, i, port, done))
  ws.onMessage((msg) => {
    const ch = msg[0]
    if (ch === undefined || ch % 2 === 1) return
    writers[ch / 2]?.(msg.subarray(1))
  })
}
