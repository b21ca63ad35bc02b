import { HelmCommand, usage } from '../../HelmCommand'

export default class PluginListCommand extends HelmCommand {
  static override paths = [['plugin', 'list']]
  static override usage = usage({ use: 'list', short: 'List installed Helm plugins' })

  async execute(): Promise<number> {
    const { findPlugins } = await import('../../../app/client/FindPlugins')
    const { clientDeps } = await import('../../ClientWiring')
    const { commandPluginContext, reservedOf } = await import('../../PluginWiring')
    const { formatTable } = await import('../../../domain/repo/Table')
    const dirs = commandPluginContext(this).settings.pluginDirs
    return this.report(
      findPlugins(dirs, reservedOf(this))(clientDeps(this)),
      (scan) =>
        // Helm v2 prints a uitable of NAME VERSION DESCRIPTION, even with no plugin
        `${formatTable([
          ['NAME', 'VERSION', 'DESCRIPTION'],
          ...scan.plugins.map((p) => [p.metadata.name, p.metadata.version, p.metadata.description]),
        ])}\n`,
    )
  }
}
