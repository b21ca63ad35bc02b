import * as E from 'fp-ts/Either'
import type { KubeObject } from '../../domain/release/KubeObject'
import { HelmCommand, usage } from '../HelmCommand'
import { Flag } from '../front/Flag'

export default class InitCommand extends HelmCommand {
  static override paths = [['init']]
  static override usage = usage({
    use: 'init',
    short: 'Initialize Helm on both client and server',
    long: `
This command installs Tiller (the Helm server-side component) onto your
Kubernetes Cluster and sets up local configuration in $HELM_HOME (default ~/.helm/).

As with the rest of the Helm commands, 'helm init' discovers Kubernetes clusters
by reading $KUBECONFIG (default '~/.kube/config') and using the default context.

To set up just a local environment, use '--client-only'. That will configure
$HELM_HOME, but not attempt to connect to a Kubernetes cluster and install the Tiller
deployment.

When installing Tiller, 'helm init' will attempt to install the latest released
version. You can specify an alternative image with '--tiller-image'. For those
frequently working on the latest code, the flag '--canary-image' will install
the latest pre-release version of Tiller (e.g. the HEAD commit in the GitHub
repository on the master branch).

To dump a manifest containing the Tiller deployment YAML, combine the
'--dry-run' and '--debug' flags.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length !== 0 ? 'This command does not accept arguments' : undefined
  clientOnly = Flag.bool('-c,--client-only', 'If set does not install Tiller')
  upgrade = Flag.bool('--upgrade', 'Upgrade if Tiller is already installed')
  forceUpgrade = Flag.bool('--force-upgrade', 'Force upgrade of Tiller to the current helm version')
  serviceAccount = Flag.string('--service-account', 'Name of service account')
  historyMax = Flag.int(
    '--history-max',
    0,
    'Limit the maximum number of revisions saved per release. Use 0 for no limit.',
  )
  image = Flag.string('-i,--tiller-image', 'Override Tiller image')
  canary = Flag.bool('--canary-image', 'Use the canary Tiller image')
  overrides = Flag.stringArray(
    '--override',
    'Override values for the Tiller Deployment manifest (can specify multiple or separate values with commas: key1=val1,key2=val2)',
  )
  replicas = Flag.int('--replicas', 1, 'Amount of tiller instances to run on the cluster')
  nodeSelectors = Flag.string(
    '--node-selectors',
    'Labels to specify the node on which Tiller is installed (app=tiller,helm=rocks)',
  )
  output = Flag.outputFormat(
    '-o,--output',
    "Skip installation and output Tiller's manifest in specified format (json or yaml)",
  )
  netHost = Flag.bool('--net-host', 'Install Tiller with net=host')
  wait = Flag.bool('--wait', 'Block until Tiller is running and ready to receive requests')
  dryRun = Flag.bool('--dry-run', 'Do not install local or remote')
  skipRefresh = Flag.bool('--skip-refresh', 'Do not refresh (download) the local repository cache')
  skipRepos = Flag.bool('--skip-repos', 'Skip adding the stable and local repositories')
  stableRepoUrl = Flag.stringDefault('--stable-repo-url', 'https://charts.helm.sh/stable', 'URL for stable repository')
  localRepoUrl = Flag.stringDefault('--local-repo-url', 'http://127.0.0.1:8879/charts', 'URL for local repository')
  useDeprecatedStableRepository = Flag.bool(
    '--use-deprecated-stable-repository',
    'Use the old (googleapis) repository URL even though that URL is being shutdown.',
  )
  tillerTls = Flag.bool('--tiller-tls', 'Install Tiller with TLS enabled')
  tillerTlsVerify = Flag.bool(
    '--tiller-tls-verify',
    'Install Tiller with TLS enabled and to verify remote certificates',
  )
  tillerTlsCert = Flag.string('--tiller-tls-cert', 'Path to TLS certificate file to install with Tiller')
  tillerTlsKey = Flag.string('--tiller-tls-key', 'Path to TLS key file to install with Tiller')
  // v2 keeps it as the TLS server name of its own connection to the new Tiller; our --wait watches the Deployment
  tillerTlsHostname = Flag.string(
    '--tiller-tls-hostname',
    'The server name used to verify the hostname on the returned certificates from Tiller',
  )
  tlsCaCert = Flag.string('--tls-ca-cert', 'Path to CA root certificate')
  automount = Flag.bool('--automount-service-account-token', 'Auto-mount the given service account to tiller', {
    default: true,
  })

  async execute(): Promise<number> {
    const out = this.context.stdout
    const namespace = this.tillerNamespace ?? this.context.env.TILLER_NAMESPACE ?? 'kube-system'
    const opts = await this.installOptions(namespace)
    if (typeof opts === 'string') {
      this.context.stderr.write(`Error: ${opts}\n`)
      return 1
    }
    const { tillerObjects: objectsOf } = await import('../../domain/release/TillerObjects')
    // Helm v2 applies --override to the Deployment with the --set parser
    const { parseSet } = await import('../../domain/values/Strvals')
    const tillerObjects = (o: typeof opts) =>
      objectsOf(o).map((obj) => {
        if (obj.kind !== 'Deployment') return obj
        let m = obj as never
        for (const expr of this.overrides) {
          const next = parseSet(expr, m)
          if (E.isLeft(next)) throw new Error(`failed to parse override "${expr}"`)
          m = next.right as never
        }
        return m as Record<string, unknown>
      })
    try {
      tillerObjects(opts)
    } catch (e) {
      this.context.stderr.write(`Error: ${(e as Error).message}\n`)
      return 1
    }
    if (this.output !== undefined) {
      const { toYamlString } = await import('../../domain/yaml/Write')
      for (const o of tillerObjects(opts))
        out.write(this.output === 'json' ? `${JSON.stringify(o, null, 4)}\n` : `---\n${toYamlString(o as never)}\n`)
      return 0
    }
    if (this.dryRun) return 0
    const { initHome } = await import('../../app/client/InitHome')
    const { clientDeps } = await import('../ClientWiring')
    const deps = clientDeps(this)
    const home = this.helmHome()
    const made = await initHome({
      // v2: --use-deprecated-stable-repository wins over --stable-repo-url
      stableRepoUrl: this.useDeprecatedStableRepository
        ? 'https://kubernetes-charts.storage.googleapis.com'
        : this.stableRepoUrl,
      localRepoUrl: this.localRepoUrl,
      skipRefresh: this.skipRefresh,
      skipRepos: this.skipRepos,
    })(deps)()
    if (E.isLeft(made)) return this.fail(made.left)
    out.write(`$HELM_HOME has been configured at ${home}.\n`)
    if (this.clientOnly) {
      out.write("Not installing Tiller due to 'client-only' flag having been set\n")
    } else {
      const { installTiller } = await import('../../app/client/TillerInstall')
      const done = await installTiller({
        objects: tillerObjects(opts) as unknown as ReadonlyArray<KubeObject>,
        upgrade: this.upgrade || this.forceUpgrade,
        wait: this.wait,
        waitSeconds: Number(this.tillerConnectionTimeout ?? 300) || 300,
        progress: (line) => this.context.stderr.write(line),
      })(deps)()
      if (E.isLeft(done)) return this.fail(done.left)
      if (done.right === 'exists') {
        out.write(
          'Warning: Tiller is already installed in the cluster.\n(Use --client-only to suppress this message, or --upgrade to upgrade Tiller to the current version.)\n',
        )
      } else if (done.right === 'upgraded') {
        out.write(
          `\nTiller (the Helm server-side component) has been updated to ${opts.image ?? (await import('../../domain/release/TillerObjects')).defaultTillerImage} .\n`,
        )
      } else {
        out.write('\nTiller (the Helm server-side component) has been installed into your Kubernetes Cluster.\n')
        if (!opts.tls?.verify)
          out.write(
            "\nPlease note: by default, Tiller is deployed with an insecure 'allow unauthenticated users' policy.\nTo prevent this, run `helm init` with the --tiller-tls-verify flag.\nFor more information on securing your installation see: scripts/tls/make-certs.sh\n",
          )
      }
    }
    out.write('Happy Helming!\n')
    return 0
  }

  private async installOptions(
    namespace: string,
  ): Promise<import('../../domain/release/TillerObjects').TillerInstallOptions | string> {
    const { canaryTillerImage } = await import('../../domain/release/TillerObjects')
    const historyMax = this.historyMax
    const replicas = this.replicas
    const nodeSelectors: Record<string, string> = {}
    for (const pair of (this.nodeSelectors ?? '').split(',').filter(Boolean)) {
      const [k, v] = pair.split('=')
      if (!k || v === undefined) return `failed to parse node selectors "${this.nodeSelectors}"`
      nodeSelectors[k] = v
    }
    let tls: import('../../domain/release/TillerObjects').TillerInstallOptions['tls']
    const verify = this.tillerTlsVerify
    if (this.tillerTls || verify) {
      // Helm v2 tlsOptions: each file must be given and exist, checked in this order
      const { readFile, stat } = await import('node:fs/promises')
      const path = await import('node:path')
      const missing = async (p: string | undefined) =>
        !p ||
        (await stat(path.resolve(this.context.cwd, p)).then(
          () => false,
          (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
        ))
      if (await missing(this.tillerTlsKey)) return 'missing required TLS key file'
      if (await missing(this.tillerTlsCert)) return 'missing required TLS certificate file'
      if (verify && (await missing(this.tlsCaCert))) return 'missing required TLS CA file'
      const read = (p: string) => readFile(path.resolve(this.context.cwd, p))
      try {
        tls = {
          cert: await read(this.tillerTlsCert as string),
          key: await read(this.tillerTlsKey as string),
          ...(verify ? { ca: await read(this.tlsCaCert!) } : {}),
          verify,
        }
      } catch (e) {
        return (e as Error).message
      }
    }
    return {
      namespace,
      ...(this.image ? { image: this.image } : this.canary ? { image: canaryTillerImage } : {}),
      ...(this.serviceAccount ? { serviceAccount: this.serviceAccount } : {}),
      historyMax,
      replicas,
      nodeSelectors,
      hostNetwork: this.netHost,
      automountServiceAccountToken: this.automount,
      ...(tls ? { tls } : {}),
    }
  }
}
