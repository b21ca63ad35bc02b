import * as E from 'fp-ts/Either'
import { TillerCommand } from '../TillerCommand'
import { Flag } from '../front/Flag'
import { usage } from '../HelmCommand'

export default class ResetCommand extends TillerCommand {
  static override paths = [['reset']]
  static override usage = usage({
    use: 'reset',
    short: 'Uninstalls Tiller from a cluster',
    long: `
This command uninstalls Tiller (the Helm server-side component) from your
Kubernetes Cluster and optionally deletes local configuration in
$HELM_HOME (default ~/.helm/)
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length !== 0 ? 'This command does not accept arguments' : undefined
  force = Flag.bool(
    '-f,--force',
    'Forces Tiller uninstall even if there are releases installed, or if Tiller is not in ready state. Releases are not deleted.)',
  )
  removeHelmHome = Flag.bool('--remove-helm-home', 'If set, deletes $HELM_HOME')

  async execute(): Promise<number> {
    const namespace = this.tillerNamespace ?? this.context.env.TILLER_NAMESPACE ?? 'kube-system'
    if (!this.force) {
      const code = await this.withTiller(async (api) => {
        const res = await api.listReleases({ statusCodes: ['DEPLOYED'] })()
        if (E.isLeft(res)) return this.fail(res.left)
        if (res.right.releases.length > 0) {
          this.context.stderr.write(
            `Error: there are still ${res.right.releases.length} deployed releases (Tip: use --force to remove Tiller. Releases will not be deleted.)\n`,
          )
          return 1
        }
        return 0
      })
      if (code !== 0) return code
    }
    const { uninstallTiller } = await import('../TillerInstaller')
    const done = await uninstallTiller(
      {
        ...(this.kubeconfig ? { kubeconfig: this.kubeconfig } : {}),
        ...(this.kubeContext ? { context: this.kubeContext } : {}),
      },
      namespace,
    )
    if (E.isLeft(done)) {
      this.context.stderr.write(`Error: ${done.left}\n`)
      return 1
    }
    if (this.removeHelmHome) {
      const { rm } = await import('node:fs/promises')
      const home = this.helmHome()
      this.context.stdout.write(`Deleting ${home} \n`)
      await rm(home, { recursive: true, force: true })
    }
    this.context.stdout.write(
      'Tiller (the Helm server-side component) has been uninstalled from your Kubernetes Cluster.\n',
    )
    return 0
  }
}
