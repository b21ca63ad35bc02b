import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { HelmCommand } from '../HelmCommand'

export default class InitCommand extends HelmCommand {
  static override paths = [['init']]
  static override usage = Command.Usage({
    description: 'initialize Helm on both client and server',
    details: `This command installs Tiller (the Helm server-side component) onto your
Kubernetes Cluster and sets up local configuration in $HELM_HOME (default ~/.helm/).

As with the rest of the Helm commands, 'helm init' discovers Kubernetes clusters
by reading $KUBECONFIG (default '~/.kube/config') and using the default context.

To set up just a local environment, use '--client-only'. That will configure
$HELM_HOME, but not attempt to connect to a Kubernetes cluster and install the Tiller
deployment. With '-o yaml|json' the Tiller manifests are printed and nothing is installed.

To make Tiller refuse clients without a certificate from your CA, make certificates with
scripts/tls/make-certs.sh and pass --tiller-tls-verify with --tiller-tls-cert, --tiller-tls-key and --tls-ca-cert.`,
  })
  clientOnly = Option.Boolean('-c,--client-only', false, { description: 'if set does not install Tiller' })
  upgrade = Option.Boolean('--upgrade', false, { description: 'upgrade if Tiller is already installed' })
  forceUpgrade = Option.Boolean('--force-upgrade', false, {
    description: 'force upgrade of Tiller to the current helm version',
  })
  serviceAccount = Option.String('--service-account', { description: 'name of service account' })
  historyMax = Option.String('--history-max', '0', {
    description: 'limit the maximum number of revisions saved per release. Use 0 for no limit.',
  })
  image = Option.String('-i,--tiller-image', { description: 'override Tiller image' })
  canary = Option.Boolean('--canary-image', false, { description: 'use the canary Tiller image' })
  overrides = Option.Array('--override', [], {
    description:
      'override values for the Tiller Deployment manifest (can specify multiple or separate values with commas: key1=val1,key2=val2)',
  })
  replicas = Option.String('--replicas', '1', { description: 'amount of tiller instances to run on the cluster' })
  nodeSelectors = Option.String('--node-selectors', {
    description: 'labels to specify the node on which Tiller is installed (app=tiller,helm=rocks)',
  })
  output = Option.String('-o,--output', {
    description: "skip installation and output Tiller's manifest in specified format (json or yaml)",
  })
  netHost = Option.Boolean('--net-host', false, { description: 'install Tiller with net=host' })
  wait = Option.Boolean('--wait', false, { description: 'block until Tiller is running and ready to receive requests' })
  dryRun = Option.Boolean('--dry-run', false, { description: 'do not install local or remote' })
  skipRefresh = Option.Boolean('--skip-refresh', false, {
    description: 'do not refresh (download) the local repository cache',
  })
  skipRepos = Option.Boolean('--skip-repos', false, { description: 'skip adding the stable and local repositories' })
  stableRepoUrl = Option.String('--stable-repo-url', { description: 'URL for stable repository' })
  localRepoUrl = Option.String('--local-repo-url', { description: 'URL for local repository' })
  tillerTls = Option.Boolean('--tiller-tls', false, { description: 'install Tiller with TLS enabled' })
  tillerTlsVerify = Option.Boolean('--tiller-tls-verify', false, {
    description: 'install Tiller with TLS enabled and to verify remote certificates',
  })
  tillerTlsCert = Option.String('--tiller-tls-cert', {
    description: 'path to TLS certificate file to install with Tiller',
  })
  tillerTlsKey = Option.String('--tiller-tls-key', { description: 'path to TLS key file to install with Tiller' })
  tlsCaCert = Option.String('--tls-ca-cert', { description: 'path to CA root certificate' })
  automount = Option.Boolean('--automount-service-account-token', true, {
    description: 'auto-mount the given service account to tiller',
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
      if (this.output !== 'json' && this.output !== 'yaml') {
        this.context.stderr.write(`Error: unknown output format "${this.output}"\n`)
        return 1
      }
      const { toYamlString } = await import('../../domain/yaml/Write')
      for (const o of tillerObjects(opts))
        out.write(this.output === 'json' ? `${JSON.stringify(o, null, 4)}\n` : `---\n${toYamlString(o as never)}\n`)
      return 0
    }
    if (this.dryRun) return 0
    const { initHelmHome } = await import('../../adapters/helm-home/Init')
    const home = this.helmHome()
    const made = await initHelmHome(
      home,
      {
        ...(this.stableRepoUrl ? { stableRepoUrl: this.stableRepoUrl } : {}),
        ...(this.localRepoUrl ? { localRepoUrl: this.localRepoUrl } : {}),
        skipRefresh: this.skipRefresh,
        skipRepos: this.skipRepos,
      },
      (line) => out.write(`${line}\n`),
    )()
    if (E.isLeft(made)) return this.fail(made.left)
    out.write(`$HELM_HOME has been configured at ${home}.\n`)
    if (this.clientOnly) {
      out.write("Not installing Tiller due to 'client-only' flag having been set\n")
    } else {
      const { installTiller } = await import('../TillerInstaller')
      const done = await installTiller(
        {
          ...(this.kubeconfig ? { kubeconfig: this.kubeconfig } : {}),
          ...(this.kubeContext ? { context: this.kubeContext } : {}),
        },
        tillerObjects(opts),
        {
          upgrade: this.upgrade || this.forceUpgrade,
          wait: this.wait,
          waitSeconds: Number(this.tillerConnectionTimeout ?? 300) || 300,
          progress: (line) => this.context.stderr.write(line),
        },
      )
      if (E.isLeft(done)) {
        this.context.stderr.write(`Error: ${done.left}\n`)
        return 1
      }
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
    const historyMax = Number(this.historyMax)
    const replicas = Number(this.replicas)
    if (!Number.isInteger(historyMax) || historyMax < 0)
      return `invalid argument "${this.historyMax}" for "--history-max" flag`
    if (!Number.isInteger(replicas) || replicas < 1) return `invalid argument "${this.replicas}" for "--replicas" flag`
    const nodeSelectors: Record<string, string> = {}
    for (const pair of (this.nodeSelectors ?? '').split(',').filter(Boolean)) {
      const [k, v] = pair.split('=')
      if (!k || v === undefined) return `failed to parse node selectors "${this.nodeSelectors}"`
      nodeSelectors[k] = v
    }
    let tls: import('../../domain/release/TillerObjects').TillerInstallOptions['tls']
    const verify = this.tillerTlsVerify
    if (this.tillerTls || verify) {
      if (!this.tillerTlsCert || !this.tillerTlsKey) return 'missing required TLS CA file'
      if (verify && !this.tlsCaCert) return 'missing required TLS CA file'
      const { readFile } = await import('node:fs/promises')
      const path = await import('node:path')
      const read = (p: string) => readFile(path.resolve(this.context.cwd, p))
      try {
        tls = {
          cert: await read(this.tillerTlsCert),
          key: await read(this.tillerTlsKey),
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
