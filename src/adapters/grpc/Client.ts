import * as grpc from '@grpc/grpc-js'
import { isIP } from 'node:net'
import { checkServerIdentity, type ConnectionOptions } from 'node:tls'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import type * as S from '../../domain/release/ReleaseService'
import { tillerConnectionFailed } from '../../domain/transport/TransportError'
import type { TillerApi } from '../../ports/TillerApi'
import type { ProtoRelease } from '../../domain/release/proto/ReleaseMessage'
import { MAX_MESSAGE_BYTES, VERSION_HEADER, clientServiceDefinition, errorOf } from './Service'
import * as M from './ServiceMessages'
import { probeTiller, type ProbeTls } from './Probe'

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
  /** A cause found elsewhere (the tunnel's port-forward refusal): once it answers, the wait ends with it. */
  readonly explain?: () => string | undefined
}

/** The TillerApi over gRPC, plus `close` and whether the connection is up. */
export interface GrpcTillerClient extends TillerApi {
  readonly close: () => void
  readonly connected: () => boolean
}

// grpc-js gives tls.connect the target's host as `servername` even when it is an IP address, and Node warns about
// that on stderr (DEP0123) at every TLS connection; Helm v2 (Go) sends no server name for an IP. The warning tells
// a user nothing, so it alone is dropped.
let ipServernameQuiet = false
const quietIpServernameWarning = (): void => {
  if (ipServernameQuiet) return
  ipServernameQuiet = true
  const emit = process.emitWarning.bind(process) as (...a: unknown[]) => void
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: unknown }).code : rest[1]
    if (code !== 'DEP0123') emit(warning, ...rest)
  }) as typeof process.emitWarning
}

/** The TLS options the channel's connections use, for a probe of our own (no server name for an IP, as Go). */
const probeTlsOf = (address: string, t: ClientTls): ProbeTls => {
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
  const def = clientServiceDefinition()
  const t = opts.tls
  if (t) quietIpServernameWarning()
  const creds = t
    ? grpc.credentials.createSsl(t.insecure ? null : (t.ca ?? null), t.key ?? null, t.cert ?? null, {
        ...(t.insecure ? { rejectUnauthorized: false, checkServerIdentity: () => undefined } : {}),
      })
    : grpc.credentials.createInsecure()
  const client = new grpc.Client(opts.address, creds, {
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.keepalive_time_ms': 30 * 1000,
    ...(t?.hostname ? { 'grpc.ssl_target_name_override': t.hostname, 'grpc.default_authority': t.hostname } : {}),
  })
  const metadata = () => {
    const md = new grpc.Metadata()
    md.set(VERSION_HEADER, opts.clientVersion)
    return md
  }
  const connErr = (reason: string): HelmError => tillerConnectionFailed(opts.address, reason)
  const timeoutS = opts.connectTimeout ?? 300
  const probeTls = t ? probeTlsOf(opts.address, t) : undefined
  const channel = client.getChannel()
  const READY = grpc.connectivityState.READY
  /**
   * Waits for the channel, and says why it does not come up: when it fails (or is not up after 1.5 s) a probe
   * of our own finds the cause; a definite one (refused, TLS mismatch, certificate refused, the tunnel's
   * refusal) ends the wait at once, anything else is reported on `progress` until the connection timeout.
   */
  const ready = (): Promise<E.Either<HelmError, void>> => {
    if (channel.getConnectivityState(true) === READY) return Promise.resolve(E.right(undefined))
    return new Promise((resolve) => {
      const started = Date.now()
      const deadline = new Date(started + timeoutS * 1000)
      let state = 'connecting'
      let settled = false
      let probing = false
      let lastProbe = 0
      const timers: NodeJS.Timeout[] = []
      const finish = (r: E.Either<HelmError, void>) => {
        if (settled) return
        settled = true
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
        void probeTiller(opts.address, probeTls, 3000).then((r) => {
          probing = false
          if (settled || explained()) return
          if (r._tag === 'Refused') {
            if (channel.getConnectivityState(false) !== READY) finish(E.left(connErr(r.reason)))
          } else state = r._tag === 'NoAnswer' ? r.state : 'Tiller answers; the gRPC connection is being set up'
        })
      }
      // our own waitForReady: grpc-js's, left pending when we give up early, revives a closed channel and keeps
      // the process alive until its deadline
      const { TRANSIENT_FAILURE, SHUTDOWN } = grpc.connectivityState
      const step = () => {
        if (settled) return
        const now = channel.getConnectivityState(true)
        if (now === READY) return finish(E.right(undefined))
        if (now === SHUTDOWN) return finish(E.left(connErr('the connection was closed')))
        if (now === TRANSIENT_FAILURE) probe()
        channel.watchConnectivityState(now, deadline, (err) => {
          if (settled) return
          if (!err) return step()
          if (!explained()) finish(E.left(connErr(`no connection within ${timeoutS}s (${state})`)))
        })
      }
      step()
      if (settled) return
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
  const call = (method: string, req: P): Promise<E.Either<HelmError, P>> =>
    ready().then((ok) =>
      E.isLeft(ok)
        ? ok
        : new Promise((resolve) => {
            const m = def[method]!
            client.makeUnaryRequest(m.path, m.requestSerialize, m.responseDeserialize, req, metadata(), (err, res) =>
              resolve(err ? E.left(errorOf(err, connErr, () => m.requestSerialize(req).length)) : E.right(res as P)),
            )
          }),
    )
  async function* stream(method: string, req: P): AsyncGenerator<E.Either<HelmError, P>> {
    const ok = await ready()
    if (E.isLeft(ok)) return yield ok
    const m = def[method]!
    const s = client.makeServerStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, req, metadata())
    try {
      for await (const msg of s) yield E.right(msg as P)
    } catch (err) {
      yield E.left(errorOf(err, connErr))
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
    close: () => client.close(),
    connected: () => channel.getConnectivityState(false) === READY,
  }
}
