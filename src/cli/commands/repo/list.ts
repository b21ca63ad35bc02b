import * as E from 'fp-ts/Either'
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
    const format = this.output
    if (format !== 'table' && format !== 'json' && format !== 'yaml')
      return this.failText(`unsupported format ${format}`)
    const { repoList } = await import('../../../app/client/RepoList')
    const { clientDeps } = await import('../../ClientWiring')
    const listed = await repoList()(clientDeps(this))()
    // Helm v2.17 lists no repositories without an error (an empty table, or null)
    if (E.isLeft(listed) && listed.left._tag !== 'NoRepositories') return this.fail(listed.left)
    const repos = E.isRight(listed) ? listed.right : []
    // v2's repositoryElement{Name, URL}
    const rows = repos.map((r) => ({ Name: r.name, URL: r.url }))
    if (format === 'json' || format === 'yaml') {
      const { encodeOutput } = await import('../../output/GoJson')
      this.context.stdout.write(encodeOutput(rows.length ? rows : null, format))
    } else
      this.context.stdout.write(`${formatTable([['NAME', 'URL'], ...rows.map((r) => [r.Name, r.URL])])}
`)
    return 0
  }
}
