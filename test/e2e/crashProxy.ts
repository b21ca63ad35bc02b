// A loopback proxy between Tiller and the API server that counts the mutating requests (POST, PUT, PATCH,
// DELETE) it forwards and, once armed with k, calls `kill` as soon as the k-th one has been answered by the
// server — before Tiller hears the answer — and forwards nothing after it: Tiller dies right after its
// k-th write landed. Tiller reaches it through a kubeconfig whose server is http://127.0.0.1:PORT.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Socket } from 'node:net'
import { parse } from 'yaml'

export interface CrashProxy {
  /** A kubeconfig that reaches the upstream server through the proxy (plain HTTP on loopback). */
  readonly kubeconfig: string
  /** The writes forwarded since the last `arm`, as `METHOD path`. */
  readonly writes: string[]
  /** From now on, call `kill` once the k-th write (counted from here) has been answered; `Infinity` only counts. */
  readonly arm: (k: number, kill: () => Promise<void>) => void
  /** Whether the armed kill happened. */
  readonly fired: () => boolean
  readonly close: () => Promise<void>
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Starts a proxy in front of the API server that `upstreamKubeconfig` (the sandbox's) names. */
export const startCrashProxy = async (upstreamKubeconfig: string): Promise<CrashProxy> => {
  const kc = parse(upstreamKubeconfig) as {
    clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>
    users: Array<{ user: { token: string } }>
  }
  const upstream = new URL(kc.clusters[0]!.cluster.server)
  const ca = Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64')
  const token = kc.users[0]!.user.token
  const writes: string[] = []
  const sockets = new Set<Socket>()
  let killAt = Number.POSITIVE_INFINITY
  let kill: () => Promise<void> = async () => undefined
  let dead = false

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (dead) return void req.socket.destroy()
    const method = req.method ?? 'GET'
    const up = httpsRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method,
        headers: { ...req.headers, host: upstream.host },
        ca,
      },
      (upRes) => {
        if (!mutating.has(method)) {
          if (dead) return void req.socket.destroy()
          res.writeHead(upRes.statusCode ?? 502, upRes.headers)
          upRes.pipe(res)
          return
        }
        const chunks: Buffer[] = []
        upRes.on('data', (c: Buffer) => chunks.push(c))
        upRes.on('end', () => {
          if (dead) return void req.socket.destroy()
          writes.push(`${method} ${req.url}`)
          if (writes.length >= killAt) {
            dead = true
            req.socket.destroy()
            void kill()
            return
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers)
          res.end(Buffer.concat(chunks))
        })
      },
    )
    up.on('error', () => req.socket.destroy())
    req.pipe(up)
  }

  const server: Server = createServer(handle)
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  return {
    kubeconfig: [
      'apiVersion: v1',
      'kind: Config',
      // client-node takes a plain http:// server only with TLS verification off (there is no TLS to verify)
      `clusters: [{ name: proxy, cluster: { server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true } }]`,
      `users: [{ name: proxy, user: { token: "${token}" } }]`,
      'contexts: [{ name: proxy, context: { cluster: proxy, user: proxy } }]',
      'current-context: proxy',
      '',
    ].join('\n'),
    writes,
    arm: (k, f) => {
      writes.length = 0
      killAt = k
      kill = f
      dead = false
    },
    fired: () => dead,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
