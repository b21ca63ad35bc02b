import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../domain/errors'
import type { TillerApi } from '../ports/TillerApi'
import { Flag } from './front/Flag'
import { HelmCommand } from './HelmCommand'

/** The base of every command that talks to Tiller: Helm v2's TLS flags and the connection. */
export abstract class TillerCommand extends HelmCommand {
  tls = Flag.bool('--tls', 'Enable TLS for request')
  tlsVerify = Flag.bool('--tls-verify', 'Enable TLS for request and verify remote')
  tlsCaCert = Flag.string('--tls-ca-cert', 'Path to TLS CA certificate file', {
    shownDefault: () => '$HELM_HOME/ca.pem',
  })
  tlsCert = Flag.string('--tls-cert', 'Path to TLS certificate file', { shownDefault: () => '$HELM_HOME/cert.pem' })
  tlsKey = Flag.string('--tls-key', 'Path to TLS key file', { shownDefault: () => '$HELM_HOME/key.pem' })
  tlsHostname = Flag.string(
    '--tls-hostname',
    'The server name used to verify the hostname on the returned certificates from the server',
  )

  private connection: { close: () => void } | undefined

  /** Closes the Tiller connection (if any) once the command is done. */
  override async validateAndExecute(): Promise<number> {
    try {
      return await super.validateAndExecute()
    } finally {
      this.connection?.close()
    }
  }

  /** Runs `use` with a connected Tiller; a connection failure is printed as Helm does. */
  async withTiller(use: (api: TillerApi) => Promise<number>): Promise<number> {
    const api = await this.connect()
    return E.isLeft(api) ? this.fail(api.left) : use(api.right)
  }

  /** Connects to Tiller (`--host`, the tunnel, or a local Tiller) with the TLS flags; closed when the command ends. */
  async connect(): Promise<E.Either<HelmError, TillerApi>> {
    const env = this.context.env
    const on = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false'
    const verify = this.tlsVerify || on(env.HELM_TLS_VERIFY)
    const tls = this.tls || verify || on(env.HELM_TLS_ENABLE)
    const home = this.helmHome()
    const path = await import('node:path')
    const abs = (p: string) => path.resolve(this.context.cwd, p)
    const hostname = this.tlsHostname ?? env.HELM_TLS_HOSTNAME
    const { connectTiller } = await import('./wiring')
    const conn = await connectTiller({
      ...(this.tillerHost() ? { host: this.tillerHost()! } : {}),
      namespace: this.tillerNamespace ?? env.TILLER_NAMESPACE ?? 'kube-system',
      ...(this.kubeconfig ? { kubeconfig: this.kubeconfig } : {}),
      ...(this.kubeContext ? { kubeContext: this.kubeContext } : {}),
      connectTimeout: Number(this.tillerConnectionTimeout ?? 300) || 300,
      ...(tls
        ? {
            tls: {
              verify,
              caCert: abs(this.tlsCaCert ?? env.HELM_TLS_CA_CERT ?? `${home}/ca.pem`),
              cert: abs(this.tlsCert ?? env.HELM_TLS_CERT ?? `${home}/cert.pem`),
              key: abs(this.tlsKey ?? env.HELM_TLS_KEY ?? `${home}/key.pem`),
              ...(hostname ? { hostname } : {}),
            },
          }
        : {}),
    })
    if (E.isLeft(conn)) return conn
    this.connection = conn.right
    return E.right(withWaitProgress(conn.right.api, (line) => this.context.stderr.write(line)))
  }
}

const PROGRESS_EVERY_MS = 10_000

/**
 * Beyond Helm v2: an install/upgrade/rollback with --wait says every 10 s that it is still waiting, with the
 * release's resources that are not ready yet (from GetReleaseStatus) once the release name is known.
 */
export const withWaitProgress = (
  api: TillerApi,
  write: (line: string) => void,
  everyMs = PROGRESS_EVERY_MS,
): TillerApi => {
  const watch =
    <
      Req extends {
        readonly wait?: boolean | undefined
        readonly timeout?: number | undefined
        readonly name?: string | undefined
      },
      A,
    >(
      call: (req: Req) => TE.TaskEither<HelmError, A>,
    ) =>
    (req: Req): TE.TaskEither<HelmError, A> =>
    async () => {
      if (!req.wait) return call(req)()
      const started = Date.now()
      const timer = setInterval(() => {
        const elapsed = Math.round((Date.now() - started) / 1000)
        const of = req.timeout ? ` of ${req.timeout}s` : ''
        const name = req.name
        if (!name) return write(`waiting for the release to become ready (${elapsed}s${of})\n`)
        void api
          .getReleaseStatus({ name })()
          .then((st) => {
            const pending = E.isRight(st) ? notReady(st.right.info.status.resources ?? '') : []
            write(
              `waiting for release ${name} to become ready (${elapsed}s${of})${pending.length ? `: not ready: ${pending.join(', ')}` : ''}\n`,
            )
          })
      }, everyMs)
      try {
        return await call(req)()
      } finally {
        clearInterval(timer)
      }
    }
  return {
    ...api,
    installRelease: watch(api.installRelease),
    updateRelease: watch(api.updateRelease),
    rollbackRelease: watch(api.rollbackRelease),
  }
}

// rows of the status resource table whose READY column reads n/m with n < m, as KIND/NAME
const notReady = (table: string): string[] => {
  const out: string[] = []
  for (const block of table.split('\n\n')) {
    const [head, columns, ...rows] = block.split('\n')
    const kind = /^==> (?:.*\/)?(\w+)$/.exec(head ?? '')?.[1]
    const at = (columns ?? '').split(/ {2,}|\t+/).indexOf('READY')
    if (!kind || at < 0) continue
    for (const row of rows) {
      const cells = row.split(/ {2,}|\t+/)
      const m = /^(\d+)\/(\d+)$/.exec(cells[at] ?? '')
      if (m && Number(m[1]) < Number(m[2])) out.push(`${kind}/${cells[0]}`)
    }
  }
  return out
}
