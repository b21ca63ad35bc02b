import { Command, Option } from 'clipanion'
import { HelmCommand } from '../../HelmCommand'

export default class DependencyBuildCommand extends HelmCommand {
  static override paths = [['dependency', 'build'], ['dep', 'build']]
  static override usage = Command.Usage({
    description: 'rebuild the charts/ directory based on the requirements.lock file',
    details: 'Downloads exactly the versions the lock file names; without a lock file it behaves like `dependency update`.',
  })
  skipRefresh = Option.Boolean('--skip-refresh', false, { description: 'do not refresh the local repository cache' })
  chart = Option.String({ required: false })

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { dependencyBuild } = await import('../../../adapters/helm-home/Dependencies')
    const out = (l: string): void => void this.context.stdout.write(`${l}\n`)
    return this.report(
      dependencyBuild(this.helmHome(), resolve(this.context.cwd, this.chart ?? '.'), { skipRefresh: this.skipRefresh, out }),
      () => '',
    )
  }
}
