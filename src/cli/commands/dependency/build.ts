import { Command } from 'clipanion'
import { DependencyCommand } from './DependencyCommand'

export default class DependencyBuildCommand extends DependencyCommand {
  static override paths = [
    ['dependency', 'build'],
    ['dep', 'build'],
  ]
  static override usage = Command.Usage({
    description: 'rebuild the charts/ directory based on the requirements.lock file',
    details:
      'Downloads exactly the versions the lock file names; without a lock file it behaves like `dependency update`.',
  })

  async execute(): Promise<number> {
    const { dependencyBuild } = await import('../../../adapters/helm-home/Dependencies')
    return this.runDependencies(dependencyBuild)
  }
}
