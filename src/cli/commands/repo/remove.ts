import { HelmCommand, usage } from '../../HelmCommand'
import { Arg } from '../../front/Flag'

export default class RepoRemoveCommand extends HelmCommand {
  static override paths = [
    ['repo', 'remove'],
    ['repo', 'rm'],
  ]
  static override usage = usage({
    use: 'remove [flags] [NAME]',
    short: 'Remove a chart repository',
    long: `Remove a chart repository`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'need at least one argument, name of chart repository' : undefined
  names = Arg.rest('NAME')

  async execute(): Promise<number> {
    const { repoRemove } = await import('../../../app/client/RepoRemove')
    const { clientDeps } = await import('../../ClientWiring')
    const deps = clientDeps(this)
    for (const name of this.names) {
      const code = await this.report(
        repoRemove(name)(deps),
        () => `${JSON.stringify(name)} has been removed from your repositories\n`,
      )
      if (code !== 0) return code
    }
    return 0
  }
}
