// bin/tiller's flags and their TILLER_* environment variables (Helm v2 cmd/tiller names and defaults,
// except --listen and --probe-listen, which bind to loopback unless told otherwise).

/** What `tiller` was asked to do. */
export interface TillerFlags {
  readonly listen: string
  readonly probeListen: string
  readonly probe: boolean
  /** Helm v2's drivers, or Helm 3/4's layout (`helm3-*`: records in each release's namespace, shared with real Helm). */
  readonly storage: 'configmap' | 'secret' | 'memory' | 'helm3-secret' | 'helm3-configmap'
  readonly historyMax: number
  readonly tls: boolean
  readonly tlsVerify: boolean
  readonly tlsCert: string
  readonly tlsKey: string
  readonly tlsCaCert: string
  readonly kubeconfig?: string
  readonly kubeContext?: string
  /** Where the in-process sandbox keeps its state (only when no cluster is configured). */
  readonly sandboxDataDir?: string
  /** Where the in-process sandbox's kubeconfig is written. */
  readonly sandboxKubeconfig?: string
  /** Seconds a shutdown waits for running operations. */
  readonly shutdownGrace: number
  /** Seconds one render may run in its worker before it is stopped. */
  readonly renderTimeout: number
  /** MiB of V8 heap one render worker may use. */
  readonly renderMemory: number
  /** Render workers at most (renders that run at once). */
  readonly renderWorkers: number
  readonly debug: boolean
  readonly version: boolean
  readonly help: boolean
}

export const tillerUsage = `Usage: tiller [flags]

The Kubernetes Helm server (Wheelhouse). With no cluster configured it starts the sandbox cluster in-process.

Flags:
      --listen string             address:port to listen on (default "127.0.0.1:44134"; ":44134" = every interface)
      --probe                     enable probes over http (default true)
      --probe-listen string       address:port to listen on for probes (default "127.0.0.1:44135")
      --storage string            storage driver to use. One of 'configmap', 'memory', or 'secret' (default "configmap"),
                                  or 'helm3-secret' / 'helm3-configmap': Helm 3/4's records, shared with real Helm
      --history-max int           maximum number of releases kept in release history, with 0 meaning no limit ($TILLER_HISTORY_MAX)
      --tls                       enable TLS ($TILLER_TLS_ENABLE)
      --tls-verify                enable TLS and verify remote certificate ($TILLER_TLS_VERIFY)
      --tls-cert string           path to TLS certificate file (default "$TILLER_TLS_CERTS/tls.crt")
      --tls-key string            path to TLS private key file (default "$TILLER_TLS_CERTS/tls.key")
      --tls-ca-cert string        trust certificates signed by this CA (default "$TILLER_TLS_CERTS/ca.crt")
      --kubeconfig string         kubeconfig file of the cluster (default: $KUBECONFIG, ~/.kube/config, in-cluster)
      --kube-context string       kubeconfig context to use
      --sandbox-data-dir string   state folder of the in-process sandbox cluster
      --sandbox-kubeconfig string where to write the in-process sandbox's kubeconfig
      --shutdown-grace int        seconds a SIGTERM waits for running operations (default 30)
      --render-timeout int        seconds one chart render may take; past it the render is stopped and its request fails (default 30) ($TILLER_RENDER_TIMEOUT)
      --render-memory int         MiB of heap one chart render may use; past it the render is stopped and its request fails (default 512) ($TILLER_RENDER_MEMORY)
      --render-workers int        chart renders that run at once, each in its own worker thread (default 2) ($TILLER_RENDER_WORKERS)
      --debug                     log debug lines
      --version                   print the version number
`

const truthy = (v: string | undefined): boolean =>
  v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false'

/** A positive integer setting (a flag's value, or its environment variable's: `dflt` when that is unset or empty). */
const positive = (name: string, v: string | undefined, dflt?: number): number => {
  if (dflt !== undefined && (v === undefined || v === '')) return dflt
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1)
    throw new Error(`invalid argument "${v ?? ''}" for "${name}": want a positive integer`)
  return Number(v)
}

/** Parses argv (and env defaults); throws an Error with Go flag-style text on a bad flag. */
export const parseTillerFlags = (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
): TillerFlags => {
  const certs = env.TILLER_TLS_CERTS ?? '/etc/certs'
  const f: { -readonly [K in keyof TillerFlags]: TillerFlags[K] } = {
    listen: '127.0.0.1:44134',
    probeListen: '127.0.0.1:44135',
    probe: true,
    storage: 'configmap',
    historyMax: Number(env.TILLER_HISTORY_MAX ?? 0) || 0,
    tls: truthy(env.TILLER_TLS_ENABLE),
    tlsVerify: truthy(env.TILLER_TLS_VERIFY),
    tlsCert: `${certs}/tls.crt`,
    tlsKey: `${certs}/tls.key`,
    tlsCaCert: `${certs}/ca.crt`,
    shutdownGrace: 30,
    renderTimeout: positive('TILLER_RENDER_TIMEOUT', env.TILLER_RENDER_TIMEOUT, 30),
    renderMemory: positive('TILLER_RENDER_MEMORY', env.TILLER_RENDER_MEMORY, 512),
    renderWorkers: positive('TILLER_RENDER_WORKERS', env.TILLER_RENDER_WORKERS, 2),
    debug: false,
    version: false,
    help: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const eq = a.indexOf('=')
    const flag = a.startsWith('-') && eq > 0 ? a.slice(0, eq) : a
    const inline = a.startsWith('-') && eq > 0 ? a.slice(eq + 1) : undefined
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new Error(`flag needs an argument: ${flag}`)
      return v
    }
    const bool = (): boolean => (inline === undefined ? true : truthy(inline))
    const int = (): number => {
      const v = value()
      if (!/^-?\d+$/.test(v))
        throw new Error(`invalid argument "${v}" for "${flag}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`)
      return Number(v)
    }
    switch (flag.replace(/^--?/, '--')) {
      case '--listen':
        f.listen = value()
        break
      case '--probe-listen':
        f.probeListen = value()
        break
      case '--probe':
        f.probe = bool()
        break
      case '--storage': {
        const s = value()
        if (s !== 'configmap' && s !== 'secret' && s !== 'memory' && s !== 'helm3-secret' && s !== 'helm3-configmap')
          throw new Error(`unknown storage driver "${s}"`)
        f.storage = s
        break
      }
      case '--history-max':
        f.historyMax = int()
        break
      case '--tls':
        f.tls = bool()
        break
      case '--tls-verify':
        f.tlsVerify = bool()
        break
      case '--tls-cert':
        f.tlsCert = value()
        break
      case '--tls-key':
        f.tlsKey = value()
        break
      case '--tls-ca-cert':
        f.tlsCaCert = value()
        break
      case '--kubeconfig':
        f.kubeconfig = value()
        break
      case '--kube-context':
        f.kubeContext = value()
        break
      case '--sandbox-data-dir':
        f.sandboxDataDir = value()
        break
      case '--sandbox-kubeconfig':
        f.sandboxKubeconfig = value()
        break
      case '--shutdown-grace':
        f.shutdownGrace = int()
        break
      case '--render-timeout':
        f.renderTimeout = positive(flag, value())
        break
      case '--render-memory':
        f.renderMemory = positive(flag, value())
        break
      case '--render-workers':
        f.renderWorkers = positive(flag, value())
        break
      case '--debug':
        f.debug = bool()
        break
      case '--version':
        f.version = true
        break
      case '--help':
      case '--h':
        f.help = true
        break
      default:
        throw new Error(`unknown flag: ${flag}`)
    }
  }
  // Helm v2: --tls-verify implies --tls
  if (f.tlsVerify) f.tls = true
  return f
}
