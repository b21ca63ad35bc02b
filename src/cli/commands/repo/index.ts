import { Command, Option } from 'clipanion'
import { HelmCommand } from '../../HelmCommand'

export default class RepoIndexCommand extends HelmCommand {
  static override paths = [['repo', 'index']]
  static override usage = Command.Usage({
    description: 'generate an index file given a directory containing packaged charts',
  })
  url = Option.String('--url', '', { description: 'url of chart repository' })
  merge = Option.String('--merge', { description: 'merge the generated index into the given index' })
  dir = Option.String()

  async execute(): Promise<number> {
    const { writeRepoIndex } = await import('../../../adapters/helm-home/RepoIndexer')
    return this.report(writeRepoIndex(this.dir, this.url, this.merge), () => '')
  }
}
