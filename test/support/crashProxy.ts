// A loopback proxy between Tiller and the API server that counts the mutating requests (POST, PUT, PATCH,
// DELETE) it forwards and, once armed with k, calls `kill` as soon as the k-th one has been answered by the
// server — before Tiller hears the answer — and forwards nothing after it: Tiller dies right after its
// k-th write landed. Tiller reaches it through a kubeconfig whose server is http://127.0.0.1:PORT.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Socket } from 'node:net'
import * as E from 'fp-ts/Either'
import { parse } from 'yaml'
import type { NamespacedObjects } from '../../src/ports/NamespacedObjects'

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

/** A release's records as stored, read from their labels, and the chunks no head refers to. */
export interface StoredRelease {
  readonly heads: ReadonlyArray<{ readonly version: number; readonly status: string }>
  readonly orphans: ReadonlyArray<string>
}

/** The stored records of release `name` in `namespace` (ConfigMap storage), straight from the API server. */
export const storedRelease = async (
  objects: NamespacedObjects,
  namespace: string,
  name: string,
): Promise<StoredRelease> => {
  const all = await objects.list('ConfigMap', namespace, `NAME=${name}`)()
  if (E.isLeft(all)) throw new Error(`cannot list ${name}: ${JSON.stringify(all.left)}`)
  const heads = all.right
    .filter((o) => o.labels.OWNER === 'TILLER')
    .map((o) => ({
      name: o.name,
      version: Number(o.labels.VERSION),
      status: o.labels.STATUS ?? '',
      nonce: o.data.nonce,
    }))
    .sort((a, b) => a.version - b.version)
  const nonceOf = new Map(heads.map((h) => [h.name, h.nonce]))
  const orphans = all.right
    .filter((o) => o.labels.OWNER === 'TILLER-CHUNK' && nonceOf.get(o.labels.CHUNK_OF ?? '') !== o.labels.NONCE)
    .map((o) => o.name)
  return { heads: heads.map(({ version, status }) => ({ version, status })), orphans }
}

/**
 * What is wrong with a release at rest (none: whole): revisions not 1..n, a PENDING_* or DELETING revision
 * left, more than one DEPLOYED (or none when `deployed` is 'one'), chunks no record refers to.
 */
export const problemsOf = (s: StoredRelease, deployed: 'one' | 'at most one'): string[] => {
  const seen = s.heads.map((h) => `v${h.version} ${h.status}`).join(', ')
  const out: string[] = []
  if (s.heads.some((h, i) => h.version !== i + 1)) out.push(`revisions are not 1..n: ${seen}`)
  if (s.heads.some((h) => /^PENDING_|^DELETING$/.test(h.status))) out.push(`left locked: ${seen}`)
  const n = s.heads.filter((h) => h.status === 'DEPLOYED').length
  if (n > 1 || (deployed === 'one' && n !== 1)) out.push(`${n} DEPLOYED: ${seen}`)
  if (s.orphans.length > 0) out.push(`orphan chunks: ${s.orphans.join(', ')}`)
  return out
}
