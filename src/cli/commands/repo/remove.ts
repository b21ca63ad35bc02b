import { Command, Option } from 'clipanion'
import { HelmCommand } from '../../HelmCommand'

export default class RepoRemoveCommand extends HelmCommand {
  static override paths = [
    ['repo', 'remove'],
    ['repo', 'rm'],
  ]
  static override usage = Command.Usage({ description: 'remove a chart repository' })
  names = Option.Rest({ required: 1 })

  async execute(): Promise<number> {
    const { removeRepository } = await import('../../../adapters/helm-home/Repositories')
    for (const name of this.names) {
      const code = await this.report(
        removeRepository(this.helmHome(), name),
        () => `${JSON.stringify(name)} has been removed from your repositories\n`,
      )
      if (code !== 0) return code
    }
    return 0
  }
}
