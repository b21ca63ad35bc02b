import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { stringify } from 'yaml'
import { formatTable } from '../../domain/repo/Table'
import { HelmCommand } from '../HelmCommand'

export default class SearchCommand extends HelmCommand {
  static override paths = [['search'], ['search', 'repo']]
  static override usage = Command.Usage({ description: 'search for a keyword in charts' })
  regexp = Option.Boolean('-r,--regexp', false, { description: 'use regular expressions for searching' })
  versions = Option.Boolean('-l,--versions', false, {
    description: 'show the long listing, with each version of each chart on its own line',
  })
  version = Option.String('-v,--version', '', { description: 'search using semantic versioning constraints' })
  devel = Option.Boolean('--devel', false, {
    description:
      "use development versions (alpha, beta, and release candidate releases), too. Equivalent to version '>0.0.0-0'",
  })
  colWidth = Option.String('--col-width,--max-col-width', '60', {
    description: 'specifies the max column width of output',
  })
  output = Option.String('-o,--output', 'table', {
    description: 'prints the output in the specified format (table, json, yaml)',
  })
  terms = Option.Rest()

  async execute(): Promise<number> {
    const { helmHome } = await import('../../adapters/helm-home/HelmHome')
    const { loadRepoIndexes } = await import('../../adapters/helm-home/Repositories')
    const S = await import('../../domain/repo/Search')
    // without --version only stable releases are listed; --devel adds pre-releases (Helm's setupSearchedVersion)
    const version = this.version !== '' ? this.version : this.devel ? '>0.0.0-0' : '>0.0.0'
    const warnings: string[] = []
    const repos = await loadRepoIndexes(helmHome(this.helmHome()), (n) =>
      warnings.push(`WARNING: Repo ${JSON.stringify(n)} is corrupt or missing. Try 'helm repo update'.`),
    )()
    if (E.isLeft(repos)) return this.fail(repos.left)
    for (const w of warnings) this.context.stderr.write(`${w}\n`)
    const index = S.buildSearchIndex(repos.right, true)
    const found = S.search(index, this.terms.length === 0 ? undefined : this.terms.join(' '), this.regexp)
    if (E.isLeft(found)) return this.fail(found.left)
    const results = S.applyConstraint(found.right, version, this.versions)
    if (E.isLeft(results)) return this.fail(results.left)
    const rows = results.right.map((r) => ({
      name: r.name,
      version: r.chart.version,
      app_version: r.chart.appVersion ?? '',
      description: r.chart.description ?? '',
    }))
    if (this.output === 'json') this.context.stdout.write(`${JSON.stringify(rows)}\n`)
    else if (this.output === 'yaml') this.context.stdout.write(stringify(rows))
    else if (rows.length === 0) this.context.stdout.write('No results found\n')
    else
      this.context.stdout.write(
        `${formatTable(
          [
            ['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'],
            ...rows.map((r) => [r.name, r.version, r.app_version, r.description]),
          ],
          Number(this.colWidth) || 0,
        )}\n`,
      )
    return 0
  }
}
