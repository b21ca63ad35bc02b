import { Arg } from '../../front/Flag'
import { HelmCommand, usage } from '../../HelmCommand'

export default class PluginUpdateCommand extends HelmCommand {
  static override paths = [['plugin', 'update']]
  static override usage = usage({ use: 'update <plugin>...', short: 'Update one or more Helm plugins' })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'please provide plugin name to update' : undefined
  names = Arg.rest('plugin')

  async execute(): Promise<number> {
    const { updatePlugins } = await import('../../../app/client/PluginManage')
    const { clientDeps } = await import('../../ClientWiring')
    const { commandPluginContext, reservedOf } = await import('../../PluginWiring')
    return this.report(
      updatePlugins({ names: this.names, reserved: reservedOf(this), context: commandPluginContext(this) })(
        clientDeps(this),
      ),
      () => '',
    )
  }
}
