import { Command, Option } from 'clipanion'
import { HelmCommand } from '../../HelmCommand'

export default class DependencyUpdateCommand extends HelmCommand {
  static override paths = [['dependency', 'update'], ['dependency', 'up'], ['dep', 'update'], ['dep', 'up']]
  static override usage = Command.Usage({
    description: 'update charts/ based on the contents of requirements.yaml',
    details: 'Resolves the dependencies to the newest versions their ranges allow, downloads them into charts/ and writes the lock file.',
  })
  skipRefresh = Option.Boolean('--skip-refresh', false, { description: 'do not refresh the local repository cache' })
  chart = Option.String({ required: false })

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { dependencyUpdate } = await import('../../../adapters/helm-home/Dependencies')
    const out = (l: string): void => void this.context.stdout.write(`${l}\n`)
    return this.report(
      dependencyUpdate(this.helmHome(), resolve(this.context.cwd, this.chart ?? '.'), { skipRefresh: this.skipRefresh, out }),
      () => '',
    )
  }
}
