import { Arg } from '../../front/Flag'
import { HelmCommand, usage } from '../../HelmCommand'

export default class PluginRemoveCommand extends HelmCommand {
  static override paths = [['plugin', 'remove']]
  static override usage = usage({ use: 'remove <plugin>...', short: 'Remove one or more Helm plugins' })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'please provide plugin name to remove' : undefined
  names = Arg.rest('plugin')

  async execute(): Promise<number> {
    const { removePlugins } = await import('../../../app/client/PluginManage')
    const { clientDeps } = await import('../../ClientWiring')
    const { commandPluginContext, reservedOf } = await import('../../PluginWiring')
    return this.report(
      removePlugins({ names: this.names, reserved: reservedOf(this), context: commandPluginContext(this) })(
        clientDeps(this),
      ),
      () => '',
    )
  }
}
