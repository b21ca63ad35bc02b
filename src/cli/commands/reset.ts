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
    const tiller = this.force ? undefined : await this.connect()
    if (tiller && E.isLeft(tiller)) return this.fail(tiller.left)
    const { resetTiller } = await import('../../app/client/Reset')
    const { clientDeps } = await import('../ClientWiring')
    const done = await resetTiller({ namespace, force: this.force, removeHelmHome: this.removeHelmHome })(
      clientDeps(this, tiller ? { tiller: tiller.right } : {}),
    )()
    if (E.isLeft(done)) return this.fail(done.left)
    this.context.stdout.write(
      'Tiller (the Helm server-side component) has been uninstalled from your Kubernetes Cluster.\n',
    )
    return 0
  }
}
