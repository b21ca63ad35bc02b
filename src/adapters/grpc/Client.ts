import { isIP } from 'node:net'
import type { ConnectionOptions } from 'node:tls'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import type * as S from '../../domain/release/ReleaseService'
import { remoteError, tillerConnectionFailed } from '../../domain/transport/TransportError'
import type { TillerApi } from '../../ports/TillerApi'
import type { ProtoRelease } from '../../domain/release/proto/ReleaseMessage'
import { type CallFailure, type ClientMethod, VERSION_HEADER, clientServiceDefinition, errorOf } from './ClientService'
import { startCall } from './H2Call'
import { H2Channel } from './H2Channel'
import * as M from './ServiceMessages'
import type { ProbeTls } from './Probe'
/** Client-side TLS: `ca` verifies Tiller (absent with `insecure`: any certificate is accepted, as v2's --tls without --tls-verify). */
export interface ClientTls {
  readonly ca?: Buffer
  readonly cert?: Buffer
  readonly key?: Buffer
  /** Accept any server certificate (Helm v2 `--tls` without `--tls-verify`). */
  readonly insecure: boolean
  /** The name to verify the server certificate against (`--tls-hostname`). */
  readonly hostname?: string
  /** The files behind `ca` and `cert`, named in error messages. */
  readonly caFile?: string
  readonly certFile?: string
}

export interface GrpcClientOptions {
  /** `host:port` of Tiller. */
  readonly address: string
  /** Sent as `x-helm-api-client`. */
  readonly clientVersion: string
  readonly tls?: ClientTls
  /** Seconds to wait for the connection (`--tiller-connection-timeout`). */
  readonly connectTimeout?: number
  /** Told what the connection waits for, every `progressEveryMs` (default 5 s) until Tiller is reachable. */
  readonly progress?: (line: string) => void
  readonly progressEveryMs?: number
  /** The environment: an HTTP CONNECT proxy from grpc_proxy / https_proxy / http_proxy unless no_grpc_proxy / no_proxy names the host, as grpc-js reads them. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** A cause found elsewhere (the tunnel's port-forward refusal): once it answers, the wait ends with it. */
  readonly explain?: () => string | undefined
}

/** The TillerApi over gRPC, plus `close` and whether the connection is up. */
export interface GrpcTillerClient extends TillerApi {
  readonly close: () => void
  readonly connected: () => boolean
}

/** The TLS options of the channel's connections and of a probe of our own (no server name for an IP, as Go). */
const probeTlsOf = async (address: string, t: ClientTls): Promise<ProbeTls> => {
  const { checkServerIdentity } = await import('node:tls')
  const host = address.slice(0, address.lastIndexOf(':')).replace(/^\[|\]$/g, '')
  const name = t.hostname ?? host
  const options: ConnectionOptions = {
    ...(t.ca && !t.insecure ? { ca: t.ca } : {}),
    ...(t.cert ? { cert: t.cert } : {}),
    ...(t.key ? { key: t.key } : {}),
    ...(isIP(name) ? {} : { servername: name }),
    rejectUnauthorized: !t.insecure,
    checkServerIdentity: t.insecure ? () => undefined : (_h, cert) => checkServerIdentity(name, cert),
  }
  return { options, hasClientCert: t.cert !== undefined, caFile: t.caFile }
}

type P = Record<string, unknown>

/** A TillerApi speaking hapi.services.tiller.ReleaseService to `address`; failures come back as Tiller's HelmError. */
export const grpcTillerClient = (opts: GrpcClientOptions): GrpcTillerClient => {
  let def: Promise<Record<string, ClientMethod>> | undefined
  const t = opts.tls
  let probeTls: Promise<ProbeTls> | undefined
  const tlsOf = t ? () => (probeTls ??= probeTlsOf(opts.address, t)) : undefined
  // Helm v2 (grpc-go) names the target as its authority, or the --tls-hostname
  const authority = t?.hostname ?? opts.address
  const channel = new H2Channel({
    address: opts.address,
    authority,
    keepaliveMs: 30 * 1000,
    ...(opts.env ? { env: opts.env } : {}),
    ...(tlsOf ? { tls: async () => (await tlsOf()).options } : {}),
  })
  const metadata = { [VERSION_HEADER]: opts.clientVersion }
  const connErr = (reason: string): HelmError => tillerConnectionFailed(opts.address, reason)
  const timeoutS = opts.connectTimeout ?? 300
  /**
   * Waits for the channel, and says why it does not come up: when it fails (or is not up after 1.5 s) a probe
   * of our own finds the cause; a definite one (refused, TLS mismatch, certificate refused, the tunnel's
   * refusal) ends the wait at once, anything else is reported on `progress` until the connection timeout.
   */
  const ready = (): Promise<E.Either<HelmError, void>> => {
    if (channel.getState(true) === 'READY') return Promise.resolve(E.right(undefined))
    return new Promise((resolve) => {
      const started = Date.now()
      let state = 'connecting'
      let settled = false
      let probing = false
      let lastProbe = 0
      let unwatch: () => unknown = () => undefined
      const timers: NodeJS.Timeout[] = []
      const finish = (r: E.Either<HelmError, void>) => {
        if (settled) return
        settled = true
        unwatch()
        for (const timer of timers) clearTimeout(timer)
        resolve(r)
      }
      const explained = (): boolean => {
        const why = opts.explain?.()
        if (why) finish(E.left(connErr(why)))
        return why !== undefined
      }
      const probe = () => {
        if (settled || probing || Date.now() - lastProbe < 1000 || explained()) return
        probing = true
        lastProbe = Date.now()
        void (async () => {
          const { probeTiller } = await import('./Probe')
          const r = await probeTiller(opts.address, tlsOf ? await tlsOf() : undefined, 3000)
          probing = false
          if (settled || explained()) return
          if (r._tag === 'Refused') {
            if (channel.getState(false) !== 'READY') finish(E.left(connErr(r.reason)))
          } else state = r._tag === 'NoAnswer' ? r.state : 'Tiller answers; the gRPC connection is being set up'
        })()
      }
      const step = () => {
        if (settled) return
        const now = channel.getState(true)
        if (now === 'READY') return finish(E.right(undefined))
        if (now === 'SHUTDOWN') return finish(E.left(connErr('the connection was closed')))
        if (now === 'TRANSIENT_FAILURE') probe()
        unwatch = channel.onceChanged(step)
      }
      step()
      if (settled) return
      timers.push(
        setTimeout(() => {
          if (!explained()) finish(E.left(connErr(`no connection within ${timeoutS}s (${state})`)))
        }, timeoutS * 1000),
      )
      timers.push(setTimeout(probe, 1500))
      const progress = opts.progress
      if (progress)
        timers.push(
          setInterval(() => {
            const s = Math.round((Date.now() - started) / 1000)
            progress(`waiting for Tiller at ${opts.address} (${s}s of ${timeoutS}s): ${state}\n`)
          }, opts.progressEveryMs ?? 5000),
        )
    })
  }
  /** Starts `method` with `req` once the channel is READY; `message` gets each answer, `end` the outcome. */
  const start = async (
    method: string,
    req: P,
    message: (m: P) => void,
    end: (e: HelmError | undefined) => void,
  ): Promise<void> => {
    const ok = await ready()
    if (E.isLeft(ok)) return end(ok.left)
    const m = (await (def ??= clientServiceDefinition()))[method]!
    const session = channel.session()
    if (!session) return end(connErr('the connection was closed'))
    let body: Buffer
    try {
      body = m.requestSerialize(req)
    } catch (e) {
      return end(connErr(`the request cannot be encoded: ${(e as Error).message}`))
    }
    channel.callStarted()
    let failed = false
    startCall(session, { path: m.path, authority, secure: t !== undefined, metadata }, body, {
      message: (bytes) => {
        if (failed) return
        try {
          message(m.responseDeserialize(bytes) as P)
        } catch (e) {
          failed = true
          end(remoteError(`Tiller's answer cannot be read: ${(e as Error).message}`))
        }
      },
      end: (f: CallFailure | undefined) => {
        channel.callEnded()
        if (!failed) end(f === undefined ? undefined : errorOf(f, connErr, () => body.length))
      },
    })
  }
  const call = (method: string, req: P): Promise<E.Either<HelmError, P>> =>
    new Promise((resolve) => {
      let answer: P | undefined
      void start(
        method,
        req,
        (m) => {
          answer ??= m
        },
        (e) =>
          resolve(
            e ? E.left(e) : answer ? E.right(answer) : E.left(remoteError('Tiller ended the call without an answer')),
          ),
      )
    })
  async function* stream(method: string, req: P): AsyncGenerator<E.Either<HelmError, P>> {
    const queue: Array<E.Either<HelmError, P> | 'end'> = []
    let wake: (() => void) | undefined
    const push = (x: E.Either<HelmError, P> | 'end') => {
      queue.push(x)
      wake?.()
    }
    void start(
      method,
      req,
      (m) => push(E.right(m)),
      (e) => push(e ? E.left(e) : 'end'),
    )
    for (;;) {
      if (queue.length === 0) await new Promise<void>((r) => (wake = r))
      wake = undefined
      const x = queue.shift()!
      if (x === 'end') return
      yield x
      if (E.isLeft(x)) return
    }
  }
  const te =
    <A>(f: () => Promise<E.Either<HelmError, A>>): TE.TaskEither<HelmError, A> =>
    () =>
      f()
  const releaseCall = (method: string, req: P) =>
    te(async () => E.chain(M.fromReleaseResponse)(await call(method, req)))
  return {
    installRelease: (req) => releaseCall('InstallRelease', M.toInstallRequest(req)),
    updateRelease: (req) => releaseCall('UpdateRelease', M.toUpdateRequest(req)),
    rollbackRelease: (req) => releaseCall('RollbackRelease', M.toRollbackRequest(req)),
    uninstallRelease: (req) =>
      te(async () =>
        E.chain((p: P) =>
          E.map((rs: S.UninstallReleaseResponse['release'][]) => ({ release: rs[0]!, info: String(p.info ?? '') }))(
            M.fromReleases([(p.release as ProtoRelease) ?? {}]),
          ),
        )(await call('UninstallRelease', M.toUninstallRequest(req))),
      ),
    getReleaseStatus: (req) =>
      te(async () =>
        E.map(M.fromStatusResponse)(await call('GetReleaseStatus', { name: req.name, version: req.version ?? 0 })),
      ),
    getReleaseContent: (req) =>
      te(async () =>
        E.chain((p: P) =>
          E.map((rs: S.UninstallReleaseResponse['release'][]) => ({ release: rs[0]! }))(
            M.fromReleases([(p.release as ProtoRelease) ?? {}]),
          ),
        )(await call('GetReleaseContent', { name: req.name, version: req.version ?? 0 })),
      ),
    getHistory: (req) =>
      te(async () =>
        E.chain((p: P) =>
          E.map((releases: S.GetHistoryResponse['releases']) => ({ releases }))(
            M.fromReleases((p.releases as ProtoRelease[]) ?? []),
          ),
        )(await call('GetHistory', { name: req.name, max: req.max ?? 0 })),
      ),
    getVersion: () =>
      te(async () =>
        E.map((p: P) => {
          const v = (p.Version ?? {}) as P
          return {
            version: {
              semVer: String(v.sem_ver ?? ''),
              gitCommit: String(v.git_commit ?? ''),
              gitTreeState: String(v.git_tree_state ?? ''),
            },
          }
        })(await call('GetVersion', {})),
      ),
    listReleases: (req) =>
      te(async () => {
        // the server may split one answer over several messages: join them
        let head: P | undefined
        const releases: ProtoRelease[] = []
        for await (const m of stream('ListReleases', M.toListRequest(req))) {
          if (E.isLeft(m)) return m
          head ??= m.right
          releases.push(...((m.right.releases as ProtoRelease[]) ?? []))
        }
        const decoded = M.fromReleases(releases)
        if (E.isLeft(decoded)) return decoded
        return E.right({
          count: Number(head?.count ?? 0),
          next: String(head?.next ?? ''),
          total: Number(head?.total ?? 0),
          releases: decoded.right,
        })
      }),
    runReleaseTest: (req) =>
      (async function* () {
        for await (const m of stream('RunReleaseTest', M.toTestRequest(req))) {
          if (E.isLeft(m)) return yield m
          yield E.right({
            msg: String(m.right.msg ?? ''),
            status: (m.right.status ?? 'UNKNOWN') as S.TestReleaseResponse['status'],
          })
        }
      })(),
    close: () => channel.close(),
    connected: () => channel.getState(false) === 'READY',
  }
}
