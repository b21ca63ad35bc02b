import * as E from 'fp-ts/Either'
import { formatTable } from '../../domain/repo/Table'
import { HelmCommand, usage } from '../HelmCommand'
import { Arg, Flag } from '../front/Flag'

export default class SearchCommand extends HelmCommand {
  static override paths = [['search'], ['search', 'repo']]
  static override usage = usage({
    use: 'search [keyword]',
    short: 'Search for a keyword in charts',
    long: `
Search reads through all of the repositories configured on the system, and
looks for matches.

It will display the latest stable versions of the charts found. If you
specify the --devel flag, the output will include pre-release versions.
If you want to search using a version constraint, use --version.

Examples:

    # Search for stable release versions matching the keyword "nginx"
    helm search nginx

    # Search for release versions matching the keyword "nginx", including pre-release versions
    helm search nginx --devel

    # Search for the latest stable release for nginx-ingress with a major version of 1
    helm search nginx-ingress --version ^1.0.0

Repositories are managed with 'helm repo' commands.

To look for charts with a particular name (such as stable/mysql), try
searching using vertical tabs (\\v). Vertical tabs are used as the delimiter
between search fields. For example:

    helm search --regexp '\\vstable/mysql\\v'

To search for charts using common keywords (such as "database" or
"key-value store"), use

    helm search database

or

    helm search key-value store
`,
  })
  regexp = Flag.bool('-r,--regexp', 'Use regular expressions for searching')
  versions = Flag.bool('-l,--versions', 'Show the long listing, with each version of each chart on its own line')
  version = Flag.stringDefault('-v,--version', '', 'Search using semantic versioning constraints')
  devel = Flag.bool(
    '--devel',
    "use development versions (alpha, beta, and release candidate releases), too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored",
  )
  colWidth = Flag.uint('--col-width,--max-col-width', 60, 'Specifies the max column width of output')
  output = Flag.stringDefault(
    '-o,--output',
    'table',
    'Prints the output in the specified format. Allowed values: table, json, yaml',
  )
  terms = Arg.rest('keyword')

  async execute(): Promise<number> {
    if (!['table', 'json', 'yaml'].includes(this.output)) return this.failText(`unsupported format ${this.output}`)
    const { searchCharts } = await import('../../app/client/Search')
    const { clientDeps } = await import('../ClientWiring')
    const found = await searchCharts({
      terms: this.terms,
      regexp: this.regexp,
      versions: this.versions,
      version: this.version,
      devel: this.devel,
    })(clientDeps(this))()
    if (E.isLeft(found)) return this.fail(found.left)
    for (const n of found.right.broken)
      this.context.stderr.write(`WARNING: Repo ${JSON.stringify(n)} is corrupt or missing. Try 'helm repo update'.
`)
    // Helm v2's chartElement{Name, Version, AppVersion, Description}; no results is a nil slice (null)
    const rows = found.right.results.map((r) => ({
      Name: r.name,
      Version: r.chart.version,
      AppVersion: r.chart.appVersion ?? '',
      Description: r.chart.description ?? '',
    }))
    if (this.output === 'json' || this.output === 'yaml') {
      const { encodeOutput } = await import('../output/GoJson')
      this.context.stdout.write(encodeOutput(rows.length ? rows : null, this.output as 'json' | 'yaml'))
    } else if (rows.length === 0) this.context.stdout.write('No results found\n')
    else
      this.context.stdout.write(
        `${formatTable(
          [
            ['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'],
            ...rows.map((r) => [r.Name, r.Version, r.AppVersion, r.Description]),
          ],
          this.colWidth,
        )}\n`,
      )
    return 0
  }
}
