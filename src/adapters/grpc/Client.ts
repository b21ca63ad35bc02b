import * as grpc from '@grpc/grpc-js'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import type * as S from '../../domain/release/ReleaseService'
import { tillerConnectionFailed } from '../../domain/transport/TransportError'
import type { TillerApi } from '../../ports/TillerApi'
import type { ProtoRelease } from '../../domain/release/proto/ReleaseMessage'
import { MAX_MESSAGE_BYTES, VERSION_HEADER, errorOf, releaseServiceDefinition } from './Service'
import * as M from './ServiceMessages'

/** Client-side TLS: `ca` verifies Tiller (absent with `insecure`: any certificate is accepted, as v2's --tls without --tls-verify). */
export interface ClientTls {
  readonly ca?: Buffer
  readonly cert?: Buffer
  readonly key?: Buffer
  /** Accept any server certificate (Helm v2 `--tls` without `--tls-verify`). */
  readonly insecure: boolean
  /** The name to verify the server certificate against (`--tls-hostname`). */
  readonly hostname?: string
}

export interface GrpcClientOptions {
  /** `host:port` of Tiller. */
  readonly address: string
  /** Sent as `x-helm-api-client`. */
  readonly clientVersion: string
  readonly tls?: ClientTls
  /** Seconds to wait for the connection (`--tiller-connection-timeout`). */
  readonly connectTimeout?: number
}

/** The TillerApi over gRPC, plus `close`. */
export interface GrpcTillerClient extends TillerApi {
  readonly close: () => void
}

type P = Record<string, unknown>

/** A TillerApi speaking hapi.services.tiller.ReleaseService to `address`; failures come back as Tiller's HelmError. */
export const grpcTillerClient = (opts: GrpcClientOptions): GrpcTillerClient => {
  const def = releaseServiceDefinition()
  const t = opts.tls
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
  const deadline = () => new Date(Date.now() + (opts.connectTimeout ?? 300) * 1000)
  const ready = (): Promise<E.Either<HelmError, void>> =>
    new Promise((resolve) =>
      client.waitForReady(deadline(), (err) => resolve(err ? E.left(connErr(err.message)) : E.right(undefined))),
    )
  const call = (method: string, req: P): Promise<E.Either<HelmError, P>> =>
    ready().then((ok) =>
      E.isLeft(ok)
        ? ok
        : new Promise((resolve) => {
            const m = def[method]!
            client.makeUnaryRequest(m.path, m.requestSerialize, m.responseDeserialize, req, metadata(), (err, res) =>
              resolve(err ? E.left(errorOf(err, connErr)) : E.right(res as P)),
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
  }
}
