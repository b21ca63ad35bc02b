// Helm v2's tunnel to Tiller (pkg/helm/portforwarder): the Tiller pod found through the API, port-forwarded from
// a loopback port with client-node (loaded only when a command talks to a Tiller with no --host).
import { createServer, type Socket } from 'node:net'
import { Writable } from 'node:stream'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import type { HelmError } from '../../domain/errors'
import { decodeJson, statusOfAnswer } from '../../domain/release/ApiBodies'
import { tillerNotFound, tillerPodNotReady } from '../../domain/transport/TransportError'
import { clusterConfigured } from './index'
import { connect, loadFromEnv, type Rest } from './Rest'

/** Where to look for Tiller's pod: its namespace and the kubeconfig (file, context) to reach the cluster. */
export interface TunnelSettings {
  readonly namespace: string
  readonly kubeconfig?: string | undefined
  readonly kubeContext?: string | undefined
}

// The pod list answer, decoded at the boundary: only what the search reads (name, phase, conditions).
const ConditionC = t.partial({ type: t.string, status: t.string, reason: t.string, message: t.string })
const TillerPodC = t.partial({
  metadata: t.partial({ name: t.string }),
  status: t.partial({ phase: t.string, conditions: t.union([t.array(ConditionC), t.null]) }),
})
const PodListC = t.partial({ items: t.union([t.array(TillerPodC), t.null]) })
type TillerPod = t.TypeOf<typeof TillerPodC>

// Helm v2 portforwarder.isPodReady: the pod's Ready condition is True
const podReady = (p: TillerPod): boolean =>
  (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')

const podState = (p: TillerPod): string => {
  const phase = p.status?.phase ?? 'Pending'
  const ready = (p.status?.conditions ?? []).find((c) => c.type === 'Ready')
  const why = ready?.reason ?? ready?.message
  return `${p.metadata?.name ?? '?'} is ${phase}${phase === 'Running' ? ' but not Ready' : ''}${why ? ` (${why})` : ''}`
}

/** A local address forwarded to Tiller's pod; `refusal` is why the pod refused a forward, if it did. */
export type Tunnel = { address: string; close: () => void; refusal: () => string | undefined }
/** A tunnel, or why there is none (no cluster configured at all; a cluster but no ready Tiller pod). */
export type TunnelOutcome =
  | { readonly _tag: 'NoCluster' }
  | { readonly _tag: 'Failed'; readonly error: HelmError }
  | { readonly _tag: 'Open'; readonly tunnel: Tunnel }

/**
 * Helm v2's tunnel: the first ready pod labelled app=helm,name=tiller in Tiller's namespace, port-forwarded
 * (through client-node) from a random loopback port to 44134. NoCluster when none is configured; Failed says
 * why there is no tunnel (the API unreachable, no such pod, none ready), within seconds.
 */
export const openTillerTunnel = async (
  s: TunnelSettings,
  env: Readonly<Record<string, string | undefined>>,
  progress?: (line: string) => void,
): Promise<TunnelOutcome> => {
  if (!s.kubeconfig && !clusterConfigured(env)) return { _tag: 'NoCluster' }
  const failed = (reason: string): TunnelOutcome => ({ _tag: 'Failed', error: tillerNotFound(s.namespace, reason) })
  const { KubeConfig, PortForward } = await import('@kubernetes/client-node')
  const kc = new KubeConfig()
  try {
    if (s.kubeconfig) kc.loadFromFile(s.kubeconfig)
    else loadFromEnv(kc, env, KubeConfig)
    if (s.kubeContext) kc.setCurrentContext(s.kubeContext)
  } catch (e) {
    return failed(`the kubeconfig cannot be read: ${(e as Error).message.split('\n')[0]}`)
  }
  let rest: Rest
  try {
    rest = await connect({
      ...(s.kubeconfig ? { kubeconfig: s.kubeconfig } : {}),
      ...(s.kubeContext ? { context: s.kubeContext } : {}),
      env,
      timeoutMs: 5000,
      retries: 1,
      ...(progress ? { progress } : {}),
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
  if (res.status !== 200)
    return failed(`cannot list the pods ${where}: ${statusOfAnswer(res.status, res.text).message}`)
  const list = decodeJson(PodListC, res.text, `the pods ${where}`)
  if (E.isLeft(list)) return failed(list.left)
  const pods = list.right.items ?? []
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
        // without retries (retryCount 0) client-node answers with the WebSocket itself
        const w = typeof ws === 'function' ? ws() : ws
        if (!w) return socket.destroy()
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
