import * as E from 'fp-ts/Either'
import type { HelmError } from '../domain/errors'
import { tillerConnectionFailed, tillerNotFound, tlsSetupFailed } from '../domain/transport/TransportError'
import type { Tunnel } from '../adapters/k8s/TillerTunnel'
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
 * Where Tiller is when no `--host` names it (Helm v2's setupConnection): a tunnel to the Tiller pod, else a Tiller
 * listening on 127.0.0.1:44134 (`progress`: what the tunnel waits for). `close` ends the tunnel. Left TillerNotFound /
 * TillerPodNotReady (why there is none).
 */
export const tillerEndpoint = async (
  s: Pick<TillerSettings, 'namespace' | 'kubeconfig' | 'kubeContext'>,
  env: Readonly<Record<string, string | undefined>>,
  progress?: (line: string) => void,
): Promise<E.Either<HelmError, { readonly address: string; readonly tunnel?: Tunnel; readonly close: () => void }>> => {
  const { openTillerTunnel } = await import('../adapters/k8s/TillerTunnel')
  const { probe } = await import('../adapters/grpc/TcpProbe')
  const t = await openTillerTunnel(s, env, progress)
  if (t._tag === 'Open') return E.right({ address: t.tunnel.address, tunnel: t.tunnel, close: t.tunnel.close })
  if (await probe(DEFAULT_LOCAL, 1000)) return E.right({ address: DEFAULT_LOCAL, close: () => undefined })
  return E.left(t._tag === 'Failed' ? t.error : tillerNotFound(s.namespace, noClusterReason))
}

/**
 * Connects the client to Tiller: `--host` as given; else a tunnel to the Tiller pod; else a Tiller listening
 * on 127.0.0.1:44134 (bin/tiller's default). Fails at once with TillerNotFound / TillerPodNotReady (why there is no
 * tunnel), TlsSetupFailed (a TLS file unreadable, expired or not matching its key); the connection itself says
 * why it does not come up (see grpcTillerClient) and reports what it waits for on `progress`.
 */
export const connectTiller = async (
  s: TillerSettings,
  env: Readonly<Record<string, string | undefined>>,
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
    const found = await tillerEndpoint(s, env, progress)
    if (E.isLeft(found)) return found
    address = found.right.address
    tunnel = found.right.tunnel
  }
  const { grpcTillerClient } = await import('../adapters/grpc/Client')
  const client = grpcTillerClient({
    address,
    clientVersion: clientVersion.semVer,
    connectTimeout: s.connectTimeout,
    env,
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
