import { createConnection, createServer, type Socket } from 'node:net'
import { Writable } from 'node:stream'
import * as E from 'fp-ts/Either'
import type { HelmError } from '../domain/errors'
import {
  tillerConnectionFailed,
  tillerNotFound,
  tillerPodNotReady,
  tlsSetupFailed,
} from '../domain/transport/TransportError'
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

const noClusterReason =
  'no cluster is configured (no $KUBECONFIG, ~/.kube/config or service account) and nothing listens on 127.0.0.1:44134; --host or $HELM_HOST names a Tiller'

/** A connected client; `close` ends the connection and any tunnel; `connected` whether it is up now. */
export interface TillerConnection {
  readonly api: TillerApi
  readonly connected: () => boolean
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

type TillerPod = {
  metadata?: { name?: string }
  status?: { phase?: string; conditions?: Array<{ type?: string; status?: string; reason?: string; message?: string }> }
}

// Helm v2 portforwarder.isPodReady: the pod's Ready condition is True
const podReady = (p: TillerPod): boolean =>
  (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')

const podState = (p: TillerPod): string => {
  const phase = p.status?.phase ?? 'Pending'
  const ready = (p.status?.conditions ?? []).find((c) => c.type === 'Ready')
  const why = ready?.reason ?? ready?.message
  return `${p.metadata?.name ?? '?'} is ${phase}${phase === 'Running' ? ' but not Ready' : ''}${why ? ` (${why})` : ''}`
}

type Tunnel = { address: string; close: () => void; refusal: () => string | undefined }
type TunnelOutcome =
  | { readonly _tag: 'NoCluster' }
  | { readonly _tag: 'Failed'; readonly error: HelmError }
  | { readonly _tag: 'Open'; readonly tunnel: Tunnel }

/**
 * Helm v2's tunnel: the first ready pod labelled app=helm,name=tiller in Tiller's namespace, port-forwarded
 * (through client-node) from a random loopback port to 44134. NoCluster when none is configured; Failed says
 * why there is no tunnel (the API unreachable, no such pod, none ready), within seconds.
 */
const openTunnel = async (s: TillerSettings): Promise<TunnelOutcome> => {
  const k8s = await import('../adapters/k8s')
  if (!s.kubeconfig && !k8s.clusterConfigured(process.env)) return { _tag: 'NoCluster' }
  const failed = (reason: string): TunnelOutcome => ({ _tag: 'Failed', error: tillerNotFound(s.namespace, reason) })
  const { KubeConfig, PortForward } = await import('@kubernetes/client-node')
  const kc = new KubeConfig()
  try {
    if (s.kubeconfig) kc.loadFromFile(s.kubeconfig)
    else kc.loadFromDefault()
    if (s.kubeContext) kc.setCurrentContext(s.kubeContext)
  } catch (e) {
    return failed(`the kubeconfig cannot be read: ${(e as Error).message.split('\n')[0]}`)
  }
  let rest: Awaited<ReturnType<typeof k8s.connect>>
  try {
    rest = await k8s.connect({
      ...(s.kubeconfig ? { kubeconfig: s.kubeconfig } : {}),
      ...(s.kubeContext ? { context: s.kubeContext } : {}),
      timeoutMs: 5000,
      retries: 1,
    })
  } catch (e) {
    return failed((e as Error).message.split('\n')[0]!)
  }
  const where = `in namespace "${s.namespace}" of ${rest.server}`
  let res: Awaited<ReturnType<typeof rest.request>>
  try {
    res = await rest.request({
      method: 'GET',
      path: `/api/v1/namespaces/${encodeURIComponent(s.namespace)}/pods`,
      query: { labelSelector: 'app=helm,name=tiller' },
    })
  } catch (e) {
    return failed(`cannot list the pods ${where}: ${(e as Error).message.split('\n')[0]}`)
  }
  if (res.status !== 200) {
    let why = `HTTP ${res.status}`
    try {
      why = (JSON.parse(res.text) as { message?: string }).message ?? why
    } catch {}
    return failed(`cannot list the pods ${where}: ${why}`)
  }
  const pods = (JSON.parse(res.text) as { items?: TillerPod[] }).items ?? []
  if (pods.length === 0)
    return failed(
      `no pod labelled app=helm,name=tiller ${where} (helm init installs one; --host names a Tiller elsewhere)`,
    )
  const pod = pods.find(podReady)?.metadata?.name
  if (!pod) return { _tag: 'Failed', error: tillerPodNotReady(s.namespace, pods.map(podState).join('; ')) }
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
      (e: unknown) => {
        refusal ??= `the port-forward to pod ${s.namespace}/${pod} failed: ${(e as Error)?.message ?? String(e)}`
        socket.destroy()
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    _tag: 'Open',
    tunnel: {
      address: `127.0.0.1:${port}`,
      refusal: () => refusal,
      close: () => {
        server.close()
        for (const c of sockets) c.destroy()
      },
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
 * on 127.0.0.1:44134 (bin/tiller's default). Fails at once with TillerNotFound / TillerPodNotReady (why there is no
 * tunnel), TlsSetupFailed (a TLS file unreadable, expired or not matching its key); the connection itself says
 * why it does not come up (see grpcTillerClient) and reports what it waits for on `progress`.
 */
export const connectTiller = async (
  s: TillerSettings,
  progress?: (line: string) => void,
): Promise<E.Either<HelmError, TillerConnection>> => {
  let tls: import('../adapters/grpc/Client').ClientTls | undefined
  if (s.tls) {
    const { loadClientTls } = await import('../adapters/grpc/TlsFiles')
    const loaded = loadClientTls(s.tls, new Date())
    if (E.isLeft(loaded)) return E.left(tlsSetupFailed(loaded.left))
    tls = loaded.right
  }
  let address = s.host
  let tunnel: Tunnel | undefined
  if (!address) {
    const t = await openTunnel(s)
    if (t._tag === 'Open') {
      address = t.tunnel.address
      tunnel = t.tunnel
    } else if (await probe(DEFAULT_LOCAL, 1000)) {
      address = DEFAULT_LOCAL
    } else {
      return E.left(t._tag === 'Failed' ? t.error : tillerNotFound(s.namespace, noClusterReason))
    }
  }
  const { grpcTillerClient } = await import('../adapters/grpc/Client')
  const client = grpcTillerClient({
    address,
    clientVersion: clientVersion.semVer,
    connectTimeout: s.connectTimeout,
    ...(tls ? { tls } : {}),
    ...(progress ? { progress } : {}),
    ...(tunnel ? { explain: tunnel.refusal } : {}),
  })
  return E.right({
    api: tunnel ? explainRefusal(client, tunnel.refusal) : client,
    connected: client.connected,
    close: () => {
      client.close()
      tunnel?.close()
    },
  })
}
