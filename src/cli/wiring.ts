import { existsSync, readFileSync } from 'node:fs'
import { createConnection, createServer, type Socket } from 'node:net'
import { Writable } from 'node:stream'
import * as E from 'fp-ts/Either'
import type { HelmError } from '../domain/errors'
import { tillerConnectionFailed, tillerNotFound, tlsSetupFailed } from '../domain/transport/TransportError'
import type { TillerApi } from '../ports/TillerApi'
import { clientVersion } from './version'

/** How the client reaches Tiller (global flags, TLS flags and their environment variables, resolved). */
export interface TillerSettings {
  /** `--host` / $HELM_HOST: skip the tunnel. */
  readonly host?: string
  readonly namespace: string
  readonly kubeconfig?: string
  readonly kubeContext?: string
  /** Seconds (`--tiller-connection-timeout`, default 300). */
  readonly connectTimeout: number
  readonly tls?: {
    readonly verify: boolean
    readonly caCert: string
    readonly cert: string
    readonly key: string
    readonly hostname?: string
  }
}

/** A connected client; `close` ends the connection and any tunnel. */
export interface TillerConnection {
  readonly api: TillerApi
  readonly close: () => void
}

const DEFAULT_LOCAL = '127.0.0.1:44134'

const probe = (address: string, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const i = address.lastIndexOf(':')
    const s = createConnection({
      host: address.slice(0, i).replace(/^\[|\]$/g, ''),
      port: Number(address.slice(i + 1)),
    })
    const done = (ok: boolean) => {
      s.destroy()
      resolve(ok)
    }
    s.setTimeout(ms, () => done(false))
    s.once('connect', () => done(true))
    s.once('error', () => done(false))
  })

/**
 * Helm v2's tunnel: the first Running pod labelled app=helm,name=tiller in Tiller's namespace, port-forwarded
 * (through client-node) from a random loopback port to 44134. Undefined when no cluster or no such pod.
 */
const openTunnel = async (
  s: TillerSettings,
): Promise<{ address: string; close: () => void; refusal: () => string | undefined } | undefined> => {
  const k8s = await import('../adapters/k8s')
  if (!s.kubeconfig && !k8s.clusterConfigured(process.env)) return undefined
  const { KubeConfig, PortForward } = await import('@kubernetes/client-node')
  const kc = new KubeConfig()
  try {
    if (s.kubeconfig) kc.loadFromFile(s.kubeconfig)
    else kc.loadFromDefault()
    if (s.kubeContext) kc.setCurrentContext(s.kubeContext)
  } catch {
    return undefined
  }
  const rest = await k8s
    .connect({
      ...(s.kubeconfig ? { kubeconfig: s.kubeconfig } : {}),
      ...(s.kubeContext ? { context: s.kubeContext } : {}),
      timeoutMs: 5000,
    })
    .catch(() => undefined)
  if (!rest) return undefined
  const res = await rest
    .request({
      method: 'GET',
      path: `/api/v1/namespaces/${s.namespace}/pods`,
      query: { labelSelector: 'app=helm,name=tiller' },
    })
    .catch(() => undefined)
  if (res?.status !== 200) return undefined
  const pods =
    (JSON.parse(res.text) as { items?: Array<{ metadata?: { name?: string }; status?: { phase?: string } }> }).items ??
    []
  const pod = pods.find((p) => p.status?.phase === 'Running')?.metadata?.name
  if (!pod) return undefined
  const forward = new PortForward(kc)
  // client-node ends neither side when the other goes: a local connection and its WebSocket are closed together,
  // or a refused forward (error channel) would leave gRPC waiting on a socket that never answers
  const sockets = new Set<Socket>()
  let refusal: string | undefined
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    const errors = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        if (chunk.length) refusal = chunk.toString('utf8')
        done()
      },
    })
    forward.portForward(s.namespace, pod, [44134], socket, errors, socket).then(
      (ws) => {
        const w = ws as unknown as { close: () => void; onclose: (() => void) | null }
        if (socket.destroyed) return w.close()
        w.onclose = () => socket.destroy()
        socket.on('close', () => w.close())
      },
      () => socket.destroy(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    address: `127.0.0.1:${port}`,
    refusal: () => refusal,
    close: () => {
      server.close()
      for (const c of sockets) c.destroy()
    },
  }
}

/** A failed connection through the tunnel says why the pod refused the forward (its error channel), if it did. */
const explainRefusal = (api: TillerApi, refusal: () => string | undefined): TillerApi => {
  const explain = (e: HelmError): HelmError => {
    const why = refusal()
    return e._tag === 'TillerConnectionFailed' && why ? tillerConnectionFailed(e.address, why) : e
  }
  const out: Record<string, unknown> = { ...api }
  for (const [name, call] of Object.entries(api)) {
    if (typeof call !== 'function') continue
    // TaskEither calls only (a streaming call or close returns something else, passed through)
    out[name] = (...args: unknown[]) => {
      const task = (call as (...a: unknown[]) => unknown)(...args)
      if (typeof task !== 'function') return task
      return async () => {
        const r = (await (task as () => Promise<E.Either<HelmError, unknown>>)()) as E.Either<HelmError, unknown>
        return E.isLeft(r) ? E.left(explain(r.left)) : r
      }
    }
  }
  return out as unknown as TillerApi
}

/**
 * Connects the client to Tiller: `--host` as given; else a tunnel to the Tiller pod; else a Tiller listening
 * on 127.0.0.1:44134 (bin/tiller's default). Fails with TillerNotFound when there is none, TlsSetupFailed
 * when a TLS file cannot be read.
 */
export const connectTiller = async (s: TillerSettings): Promise<E.Either<HelmError, TillerConnection>> => {
  let tls: import('../adapters/grpc/Client').ClientTls | undefined
  if (s.tls) {
    try {
      const read = (p: string) => (existsSync(p) ? readFileSync(p) : undefined)
      const ca = s.tls.verify ? readFileSync(s.tls.caCert) : undefined
      const cert = read(s.tls.cert)
      const key = read(s.tls.key)
      tls = {
        insecure: !s.tls.verify,
        ...(ca ? { ca } : {}),
        ...(cert ? { cert } : {}),
        ...(key ? { key } : {}),
        ...(s.tls.hostname ? { hostname: s.tls.hostname } : {}),
      }
    } catch (e) {
      return E.left(tlsSetupFailed((e as Error).message))
    }
  }
  let address = s.host
  let tunnel: { close: () => void; refusal: () => string | undefined } | undefined
  if (!address) {
    const t = await openTunnel(s)
    if (t) {
      address = t.address
      tunnel = t
    } else if (await probe(DEFAULT_LOCAL, 1000)) {
      address = DEFAULT_LOCAL
    } else {
      return E.left(tillerNotFound(s.namespace))
    }
  }
  const { grpcTillerClient } = await import('../adapters/grpc/Client')
  const client = grpcTillerClient({
    address,
    clientVersion: clientVersion.semVer,
    connectTimeout: s.connectTimeout,
    ...(tls ? { tls } : {}),
  })
  return E.right({
    api: tunnel ? explainRefusal(client, tunnel.refusal) : client,
    close: () => {
      client.close()
      tunnel?.close()
    },
  })
}
