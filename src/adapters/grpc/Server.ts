import * as grpc from '@grpc/grpc-js'
import * as E from 'fp-ts/Either'
import { type HelmError, message } from '../../domain/errors'
import { incompatibleVersions } from '../../domain/transport/TransportError'
import { isCompatible } from '../../domain/transport/Version'
import type { TillerApi } from '../../ports/TillerApi'
import { historyWithin, listReleasesChunks } from './Fit'
import { MAX_MESSAGE_BYTES, VERSION_HEADER, errorStatus, releaseServiceDefinition } from './Service'
import * as M from './ServiceMessages'

/** The certificates of a TLS Tiller; `verify` requires client certificates signed by `ca` (mutual TLS). */
export interface ServerTls {
  readonly cert: Buffer
  readonly key: Buffer
  readonly ca?: Buffer
  readonly verify: boolean
}

export interface GrpcServerOptions {
  readonly api: TillerApi
  /** `host:port`; Go's `:port` form means every interface. */
  readonly listen: string
  /** The server's version, checked against each client's `x-helm-api-client`. */
  readonly version: string
  readonly tls?: ServerTls
  /** Where the server's own lines go (a refused client version, as Helm v2's interceptor logs it). */
  readonly log?: (line: string) => void
}

/** A running ReleaseService server. */
export interface GrpcServer {
  readonly port: number
  /** Calls being served right now. */
  readonly inFlight: () => number
  /** Handled calls by `method code` (for /metrics). */
  readonly handled: () => ReadonlyMap<string, number>
  /** Stops accepting calls, waits up to `graceMs` for running ones, then cuts the rest. */
  readonly stop: (graceMs: number) => Promise<void>
}

type Unary = (call: grpc.ServerUnaryCall<Record<string, unknown>, object>, cb: grpc.sendUnaryData<object>) => void
type Streaming = (call: grpc.ServerWritableStream<Record<string, unknown>, object>) => void

/** Serves `api` as hapi.services.tiller.ReleaseService on `listen` (plaintext, TLS or mutual TLS). */
export const startGrpcServer = async (opts: GrpcServerOptions): Promise<GrpcServer> => {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_connection_idle_ms': 10 * 60 * 1000,
    'grpc.http2.min_ping_interval_without_data_ms': 20 * 1000,
    'grpc.keepalive_permit_without_calls': 1,
  })
  let running = 0
  const handled = new Map<string, number>()
  const count = (method: string, code: string) =>
    handled.set(`${method} ${code}`, (handled.get(`${method} ${code}`) ?? 0) + 1)
  // Helm v2's interceptors refuse with a plain error: status UNKNOWN, "incompatible versions client[..] server[..]",
  // and log it (pkg/tiller/server.go checkClientVersion); GetVersion is exempt
  const versionError = (md: grpc.Metadata): HelmError | undefined => {
    const client = String(md.get(VERSION_HEADER)[0] ?? '')
    if (isCompatible(client, opts.version)) return undefined
    const e = incompatibleVersions(client, opts.version)
    opts.log?.(message(e))
    return e
  }
  const unary =
    (
      method: string,
      run: (req: Record<string, unknown>) => Promise<E.Either<HelmError, object>>,
      checkVersion = true,
    ): Unary =>
    (call, cb) => {
      const bad = checkVersion ? versionError(call.metadata) : undefined
      if (bad) {
        count(method, 'Unknown')
        return cb(errorStatus(bad))
      }
      running++
      run(call.request)
        .then(
          (res) => {
            count(method, E.isRight(res) ? 'OK' : 'Unknown')
            if (E.isRight(res)) cb(null, res.right)
            else cb(errorStatus(res.left))
          },
          (err: unknown) => {
            count(method, 'Internal')
            cb({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) })
          },
        )
        .finally(() => running--)
    }
  const streaming =
    (
      method: string,
      run: (req: Record<string, unknown>, write: (m: object) => void) => Promise<HelmError | undefined>,
    ): Streaming =>
    (call) => {
      const bad = versionError(call.metadata)
      if (bad) {
        count(method, 'Unknown')
        call.emit('error', errorStatus(bad))
        return
      }
      running++
      run(call.request, (m) => call.write(m))
        .then(
          (e) => {
            count(method, e ? 'Unknown' : 'OK')
            if (e) call.emit('error', errorStatus(e))
            else call.end()
          },
          (err: unknown) => {
            count(method, 'Internal')
            call.emit('error', {
              code: grpc.status.INTERNAL,
              details: err instanceof Error ? err.message : String(err),
            })
          },
        )
        .finally(() => running--)
    }
  const api = opts.api
  const bound = <A, B>(parsed: E.Either<HelmError, A>, f: (a: A) => Promise<E.Either<HelmError, B>>) =>
    E.isLeft(parsed) ? Promise.resolve(parsed as E.Either<HelmError, B>) : f(parsed.right)
  const handlers: grpc.UntypedServiceImplementation = {
    InstallRelease: unary('InstallRelease', (p) =>
      bound(M.fromInstallRequest(p), async (req) => E.map(M.toReleaseResponse)(await api.installRelease(req)())),
    ),
    UpdateRelease: unary('UpdateRelease', (p) =>
      bound(M.fromUpdateRequest(p), async (req) => E.map(M.toReleaseResponse)(await api.updateRelease(req)())),
    ),
    RollbackRelease: unary('RollbackRelease', async (p) =>
      E.map(M.toReleaseResponse)(await api.rollbackRelease(M.fromRollbackRequest(p))()),
    ),
    UninstallRelease: unary('UninstallRelease', async (p) =>
      E.map((r: { release: Parameters<typeof M.toProtoRelease>[0]; info: string }) => ({
        release: M.toProtoRelease(r.release),
        info: r.info,
      }))(await api.uninstallRelease(M.fromUninstallRequest(p))()),
    ),
    GetReleaseStatus: unary('GetReleaseStatus', async (p) =>
      E.map(M.toStatusResponse)(
        await api.getReleaseStatus({ name: String(p.name ?? ''), version: Number(p.version ?? 0) })(),
      ),
    ),
    GetReleaseContent: unary('GetReleaseContent', async (p) =>
      E.map((r: { release: Parameters<typeof M.toProtoRelease>[0] }) => ({ release: M.toProtoRelease(r.release) }))(
        await api.getReleaseContent({ name: String(p.name ?? ''), version: Number(p.version ?? 0) })(),
      ),
    ),
    GetHistory: unary('GetHistory', async (p) =>
      E.map((r: { releases: ReadonlyArray<Parameters<typeof M.toProtoRelease>[0]> }) => ({
        releases: historyWithin(r.releases.map(M.toProtoRelease)),
      }))(await api.getHistory({ name: String(p.name ?? ''), max: Number(p.max ?? 0) })()),
    ),
    GetVersion: unary(
      'GetVersion',
      async () =>
        E.map((r: { version: { semVer: string; gitCommit: string; gitTreeState: string } }) => ({
          Version: {
            sem_ver: r.version.semVer,
            git_commit: r.version.gitCommit,
            git_tree_state: r.version.gitTreeState,
          },
        }))(await api.getVersion()()),
      false,
    ),
    ListReleases: streaming('ListReleases', async (p, write) => {
      const res = await api.listReleases(M.fromListRequest(p))()
      if (E.isLeft(res)) return res.left
      for (const chunk of listReleasesChunks(res.right)) write(chunk)
      return undefined
    }),
    RunReleaseTest: streaming('RunReleaseTest', async (p, write) => {
      for await (const m of api.runReleaseTest(M.fromTestRequest(p))) {
        if (E.isLeft(m)) return m.left
        write({ msg: m.right.msg, status: m.right.status })
      }
      return undefined
    }),
  }
  server.addService(releaseServiceDefinition(), handlers)
  const address = opts.listen.startsWith(':') ? `0.0.0.0${opts.listen}` : opts.listen
  const creds = opts.tls
    ? grpc.ServerCredentials.createSsl(
        opts.tls.ca ?? null,
        [{ cert_chain: opts.tls.cert, private_key: opts.tls.key }],
        opts.tls.verify,
      )
    : grpc.ServerCredentials.createInsecure()
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, creds, (err, p) => (err ? reject(err) : resolve(p))),
  )
  return {
    port,
    inFlight: () => running,
    handled: () => handled,
    stop: async (graceMs) => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown()
          resolve()
        }, graceMs)
        server.tryShutdown(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    },
  }
}
