import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/Either'
import { recoverReleases } from '../app/tiller/Recover'
import type { TillerFlags } from './flags'
import { startProbes } from './probes'
import { tillerVersion } from '../domain/transport/Version'
import { goLogTime, streamLogger } from '../adapters/system/System'
import { logRequests } from './RequestLog'
import { wireTiller } from './wiring'

const hostPort = (addr: string): { host: string; port: number } => {
  const m = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(addr)
  if (!m) throw new Error(`address wants HOST:PORT, got "${addr}"`)
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) }
}

/** A started Tiller; `stop` is the graceful shutdown. */
export interface RunningTiller {
  readonly grpcPort: number
  readonly probePort?: number
  readonly stop: () => Promise<void>
}

/**
 * Starts Tiller as `flags` say: wiring (cluster or in-process sandbox, storage), recovery of interrupted
 * operations, the gRPC server (TLS / mutual TLS), the probes. Lines go to `write` (stderr in bin/tiller).
 */
export const runTiller = async (
  flags: TillerFlags,
  env: Readonly<Record<string, string | undefined>>,
  write: (line: string) => void,
): Promise<E.Either<string, RunningTiller>> => {
  const log = streamLogger(write, flags.debug)
  const main = (m: string) => write(`[main] ${goLogTime(new Date())} ${m}\n`)
  let tls: { cert: Buffer; key: Buffer; ca?: Buffer; verify: boolean } | undefined
  if (flags.tls) {
    try {
      tls = {
        cert: readFileSync(flags.tlsCert),
        key: readFileSync(flags.tlsKey),
        ...(flags.tlsVerify ? { ca: readFileSync(flags.tlsCaCert) } : {}),
        verify: flags.tlsVerify,
      }
    } catch (e) {
      return E.left(`could not create server TLS configuration: ${(e as Error).message}`)
    }
  }
  const wired = await wireTiller(flags, env, log)
  if (E.isLeft(wired)) return wired
  const w = wired.right
  if (w.sandbox) {
    main(`no cluster configured: started the sandbox cluster in-process at ${w.sandbox.url}`)
    main(`its kubeconfig: ${w.sandbox.kubeconfigPath} (export KUBECONFIG=${w.sandbox.kubeconfigPath} for kubectl)`)
  } else {
    main(`cluster: ${w.cluster}`)
  }
  main(`Starting Tiller ${tillerVersion.semVer} (tls=${flags.tls})`)
  await recoverReleases(w.tiller.deps, 'Tiller restarted')
  const { startGrpcServer } = await import('../adapters/grpc/Server')
  let grpc: Awaited<ReturnType<typeof startGrpcServer>>
  try {
    grpc = await startGrpcServer({
      api: logRequests(w.tiller, log),
      listen: flags.listen,
      version: tillerVersion.semVer,
      log: log.info,
      ...(tls ? { tls } : {}),
    })
  } catch (e) {
    await w.stopRenders()
    await w.sandbox?.stop()
    return E.left(`cannot listen on ${flags.listen}: ${(e as Error).message}`)
  }
  const listen = hostPort(flags.listen)
  main(`GRPC listening on ${listen.host || '0.0.0.0'}:${grpc.port}`)
  let ready = true
  let probes: Awaited<ReturnType<typeof startProbes>> | undefined
  if (flags.probe) {
    const p = hostPort(flags.probeListen)
    try {
      probes = await startProbes(p.host, p.port, { ready: () => ready, inFlight: grpc.inFlight, handled: grpc.handled })
      const addr = probes.address()
      main(`Probes listening on ${p.host || '0.0.0.0'}:${typeof addr === 'object' && addr ? addr.port : p.port}`)
    } catch (e) {
      await grpc.stop(0)
      await w.stopRenders()
      await w.sandbox?.stop()
      return E.left(`cannot listen on ${flags.probeListen}: ${(e as Error).message}`)
    }
  }
  main(
    w.store.name.startsWith('helm3-')
      ? `Storage driver is Helm 3's ${w.store.name === 'helm3-secret' ? 'Secret' : 'ConfigMap'} (in each release's namespace)`
      : `Storage driver is ${w.store.name === 'configmap' ? 'ConfigMap' : w.store.name === 'secret' ? 'Secret' : 'Memory'} (namespace ${w.namespace})`,
  )
  main(`Max history per release is ${flags.historyMax}`)
  main(
    `Charts render in up to ${flags.renderWorkers} worker(s), each render bounded by ${flags.renderTimeout}s and ${flags.renderMemory} MiB`,
  )
  const probeAddr = probes?.address()
  return E.right({
    grpcPort: grpc.port,
    ...(probeAddr && typeof probeAddr === 'object' ? { probePort: probeAddr.port } : {}),
    stop: async () => {
      ready = false
      main(`shutting down: waiting up to ${flags.shutdownGrace}s for ${grpc.inFlight()} running call(s)`)
      await grpc.stop(flags.shutdownGrace * 1000)
      await recoverReleases(w.tiller.deps, 'Tiller shut down during the operation', true)
      await w.stopRenders()
      await new Promise<void>((resolve) => (probes ? probes.close(() => resolve()) : resolve()))
      await w.sandbox?.stop()
      main('stopped')
    },
  })
}
