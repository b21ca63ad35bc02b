import { stringify } from 'yaml'
import { formatTable } from '../../../domain/repo/Table'
import { HelmCommand, usage } from '../../HelmCommand'
import { Flag } from '../../front/Flag'

export default class RepoListCommand extends HelmCommand {
  static override paths = [
    ['repo', 'list'],
    ['repo', 'ls'],
  ]
  static override usage = usage({
    use: 'list',
    short: 'List chart repositories',
    long: `List chart repositories`,
  })
  output = Flag.stringDefault(
    '-o,--output',
    'table',
    'Prints the output in the specified format. Allowed values: table, json, yaml',
  )

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
