import { Command, Option } from 'clipanion'
import { stringify } from 'yaml'
import { formatTable } from '../../../domain/repo/Table'
import { HelmCommand } from '../../HelmCommand'

export default class RepoListCommand extends HelmCommand {
  static override paths = [
    ['repo', 'list'],
    ['repo', 'ls'],
  ]
  static override usage = Command.Usage({ description: 'list chart repositories' })
  output = Option.String('-o,--output', 'table', {
    description: 'prints the output in the specified format (table, json, yaml)',
  })

  async execute(): Promise<number> {
    const { listRepositories } = await import('../../../adapters/helm-home/Repositories')
    return this.report(listRepositories(this.helmHome()), (repos) => {
      const rows = repos.map((r) => ({ name: r.name, url: r.url }))
      if (this.output === 'json') return `${JSON.stringify(rows)}\n`
      if (this.output === 'yaml') return stringify(rows)
      return `${formatTable([['NAME', 'URL'], ...rows.map((r) => [r.name, r.url])])}\n`
    })
  }
}
