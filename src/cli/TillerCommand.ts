import { resolve } from 'node:path'
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
    // node:path imported statically: node has loaded it already, and an import() of it would start node's ESM
    // loader (bin/helm runs the bundle as a vm.Script, whose dynamic imports go through it): ~2 ms per install
    const abs = (p: string) => resolve(this.context.cwd, p)
    const hostname = this.tlsHostname ?? env.HELM_TLS_HOSTNAME
    const { connectTiller } = await import('./wiring')
    const write = (line: string) => this.context.stderr.write(line)
    const conn = await connectTiller(
      {
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
      },
      env,
      write,
    )
    if (E.isLeft(conn)) return conn
    this.connection = conn.right
    return E.right(withProgress(conn.right.api, write, { connected: conn.right.connected }))
  }
}

// under 10 s, so that no command waits 10 s in silence
const PROGRESS_EVERY_MS = 8_000

const VERBS: Record<keyof TillerApi, string> = {
  installRelease: 'install',
  updateRelease: 'upgrade',
  rollbackRelease: 'roll back',
  uninstallRelease: 'delete',
  listReleases: 'list the releases',
  getReleaseStatus: 'read the status of',
  getReleaseContent: 'read',
  getHistory: 'read the history of',
  runReleaseTest: 'run the tests of',
  getVersion: 'tell its version',
}

/**
 * Beyond Helm v2, no call waits in silence: while a call runs (once connected; the connection reports its own
 * waiting) a line says every `everyMs` (8 s) what Tiller is doing. An install/upgrade/rollback with --wait says
 * which of the release's resources are not ready yet (from GetReleaseStatus) once the release name is known; a
 * test run says so when no result came for that long.
 */
export const withProgress = (
  api: TillerApi,
  write: (line: string) => void,
  opts: { readonly everyMs?: number; readonly connected?: () => boolean } = {},
): TillerApi => {
  const everyMs = opts.everyMs ?? PROGRESS_EVERY_MS
  const connected = opts.connected ?? (() => true)
  const generic = (method: keyof TillerApi, name: string | undefined, elapsed: number, timeout?: number) =>
    `waiting for Tiller to ${VERBS[method]}${name ? ` ${name}` : ''} (${elapsed}s${timeout ? ` of ${timeout}s` : ''})\n`
  const ticking = (tick: (elapsed: number) => void) => {
    const started = Date.now()
    const timer = setInterval(() => {
      if (connected()) tick(Math.round((Date.now() - started) / 1000))
    }, everyMs)
    return () => clearInterval(timer)
  }
  const watch =
    <Req, A>(method: keyof TillerApi, call: (req: Req) => TE.TaskEither<HelmError, A>) =>
    (req: Req): TE.TaskEither<HelmError, A> =>
    async () => {
      const r = (req ?? {}) as { readonly wait?: boolean; readonly timeout?: number; readonly name?: string }
      const stop = ticking((elapsed) => {
        if (!r.wait) return write(generic(method, r.name, elapsed, r.timeout))
        const of = r.timeout ? ` of ${r.timeout}s` : ''
        const name = r.name
        if (!name) return write(`waiting for the release to become ready (${elapsed}s${of})\n`)
        void api
          .getReleaseStatus({ name })()
          .then((st) => {
            const pending = E.isRight(st) ? notReady(st.right.info.status.resources ?? '') : []
            write(
              `waiting for release ${name} to become ready (${elapsed}s${of})${pending.length ? `: not ready: ${pending.join(', ')}` : ''}\n`,
            )
          })
      })
      try {
        return await call(req)()
      } finally {
        stop()
      }
    }
  const tests = (req: Parameters<TillerApi['runReleaseTest']>[0]) =>
    (async function* () {
      let quietSince = Date.now()
      const stop = ticking(() => {
        const quiet = Math.round((Date.now() - quietSince) / 1000)
        if (quiet * 1000 >= everyMs - 50) write(generic('runReleaseTest', req.name, quiet, req.timeout))
      })
      try {
        for await (const m of api.runReleaseTest(req)) {
          quietSince = Date.now()
          yield m
        }
      } finally {
        stop()
      }
    })()
  return {
    installRelease: watch('installRelease', api.installRelease),
    updateRelease: watch('updateRelease', api.updateRelease),
    rollbackRelease: watch('rollbackRelease', api.rollbackRelease),
    uninstallRelease: watch('uninstallRelease', api.uninstallRelease),
    listReleases: watch('listReleases', api.listReleases),
    getReleaseStatus: watch('getReleaseStatus', api.getReleaseStatus),
    getReleaseContent: watch('getReleaseContent', api.getReleaseContent),
    getHistory: watch('getHistory', api.getHistory),
    getVersion: () => watch('getVersion', (_: undefined) => api.getVersion())(undefined),
    runReleaseTest: tests,
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
