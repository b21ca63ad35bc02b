import * as E from 'fp-ts/Either'
import { Flag } from '../../front/Flag'
import { usage } from '../../HelmCommand'
import { MigrationCommand } from '../../MigrationCommand'

export default class CleanupCommand extends MigrationCommand {
  static override paths = [['2to3', 'cleanup']]
  static override usage = usage({
    use: 'cleanup',
    short: 'cleanup Helm v2 configuration, release data and Tiller deployment',
    long: `
Removes Helm v2's data once every release has moved, as the helm-2to3 plugin does: the release
records in Tiller's namespace (--release-cleanup, or only one release's with --name), Tiller's
Deployment and Service (--tiller-cleanup) and the Helm v2 home, $HELM_V2_HOME or $HELM_HOME
(--config-cleanup). With none of them, all three. It asks first unless --skip-confirmation.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length !== 0 ? 'This command does not accept arguments' : undefined
  configCleanup = Flag.bool('--config-cleanup', 'if set, configuration cleanup performed')
  name = Flag.string(
    '--name',
    'the release name. When it is specified, the named release and its versions will be removed only. Should not be used with other cleanup operations',
  )
  releaseCleanup = Flag.bool('--release-cleanup', 'if set, release data cleanup performed')
  skipConfirmation = Flag.bool('--skip-confirmation', 'if set, skips confirmation message before performing cleanup')
  tillerCleanup = Flag.bool('--tiller-cleanup', 'if set, Tiller cleanup performed')

  async execute(): Promise<number> {
    const labels = this.labels()
    if (E.isLeft(labels)) return this.finish(labels)
    const world = await this.world()
    if (E.isLeft(world)) return this.finish(world)
    const { cleanupV2 } = await import('../../../app/client/CleanupV2')
    const { clientDeps } = await import('../../ClientWiring')
    const path = await import('node:path')
    const program = cleanupV2({
      configCleanup: this.configCleanup,
      releaseCleanup: this.releaseCleanup,
      tillerCleanup: this.tillerCleanup,
      ...(this.name ? { name: this.name } : {}),
      dryRun: this.dryRun,
      skipConfirmation: this.skipConfirmation,
      tillerNamespace: world.right.tillerNamespace,
      labels: labels.right,
      tillerOutCluster: this.tillerOutCluster,
      home: path.resolve(this.context.cwd, this.context.env.HELM_V2_HOME || this.helmHome()),
    })
    return this.finish(
      await program({
        v2: world.right.v2,
        kube: world.right.kube,
        files: clientDeps(this).files,
        out: this.say,
        confirm: this.confirm,
      })(),
    )
  }
}
