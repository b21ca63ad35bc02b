import { Command } from 'clipanion'
import { DependencyCommand } from './DependencyCommand'

export default class DependencyUpdateCommand extends DependencyCommand {
  static override paths = [
    ['dependency', 'update'],
    ['dependency', 'up'],
    ['dep', 'update'],
    ['dep', 'up'],
  ]
  static override usage = Command.Usage({
    description: 'update charts/ based on the contents of requirements.yaml',
    details:
      'Resolves the dependencies to the newest versions their ranges allow, downloads them into charts/ and writes the lock file.',
  })

  async execute(): Promise<number> {
    const { dependencyUpdate } = await import('../../../adapters/helm-home/Dependencies')
    return this.runDependencies(dependencyUpdate)
  }
}
