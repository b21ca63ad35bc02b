import { Flag, Arg } from '../../front/Flag'
import { HelmCommand, needs, usage } from '../../HelmCommand'

export default class PluginInstallCommand extends HelmCommand {
  static override paths = [['plugin', 'install']]
  static override usage = usage({
    use: 'install [options] <path|url>...',
    short: 'Install one or more Helm plugins',
    long: `
This command allows you to install a plugin from a url to a VCS repo or a local path.

Example usage:
    $ helm plugin install https://github.com/technosophos/helm-template
`,
  })
  static override checkArgs = needs('plugin')
  version = Flag.string(
    '--version',
    'Specify a version constraint. If this is not specified, the latest version is installed',
  )
  source = Arg.one('plugin')

  async execute(): Promise<number> {
    const { installPlugin } = await import('../../../app/client/PluginInstall')
    const { clientDeps } = await import('../../ClientWiring')
    const { commandPluginContext, reservedOf } = await import('../../PluginWiring')
    return this.report(
      installPlugin({
        source: this.source ?? '',
        version: this.version ?? '',
        reserved: reservedOf(this),
        context: commandPluginContext(this),
      })(clientDeps(this)),
      () => '',
    )
  }
}
