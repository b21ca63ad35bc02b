import * as E from 'fp-ts/Either'
import type { StatusCode } from '../../domain/release/Release'
import { Arg, Flag } from '../front/Flag'
import { usage } from '../HelmCommand'
import { TillerCommand } from '../TillerCommand'

export default class ListCommand extends TillerCommand {
  static override paths = [['list'], ['ls']]
  static override usage = usage({
    use: 'list [flags] [FILTER]',
    short: 'List releases',
    long: `
This command lists all of the releases.

By default, it lists only releases that are deployed or failed. Flags like
'--deleted' and '--all' will alter this behavior. Such flags can be combined:
'--deleted --failed'.

By default, items are sorted alphabetically. Use the '-d' flag to sort by
release date.

If an argument is provided, it will be treated as a filter. Filters are
regular expressions (Perl compatible) that are applied to the list of releases.
Only items that match the filter will be returned.

	$ helm list 'ara[a-z]+'
	NAME            	UPDATED                 	CHART
	maudlin-arachnid	Mon May  9 16:07:08 2016	alpine-0.1.0

If no results are found, 'helm list' will exit 0, but with no output (or in
the case of no '-q' flag, only headers).

By default, up to 256 items may be returned. To limit this, use the '--max' flag.
Setting '--max' to 0 will not return all results. Rather, it will return the
server's default, which may be much higher than 256. Pairing the '--max'
flag with the '--offset' flag allows you to page through results.
`,
  })
  short = Flag.bool('-q,--short', 'Output short (quiet) listing format')
  byDate = Flag.bool('-d,--date', 'Sort by release date')
  reverse = Flag.bool('-r,--reverse', 'Reverse the sort order')
  max = Flag.int('-m,--max', 256, 'Maximum number of releases to fetch')
  offset = Flag.stringDefault('-o,--offset', '', 'Next release name in the list, used to offset from start value')
  all = Flag.bool('-a,--all', 'Show all releases, not just the ones marked DEPLOYED')
  deleted = Flag.bool('--deleted', 'Show deleted releases')
  deleting = Flag.bool('--deleting', 'Show releases that are currently being deleted')
  deployed = Flag.bool(
    '--deployed',
    'Show deployed releases. If no other is specified, this will be automatically enabled',
  )
  failed = Flag.bool('--failed', 'Show failed releases')
  pending = Flag.bool('--pending', 'Show pending releases')
  // beyond v2: Helm 3's --superseded
  superseded = Flag.bool('--superseded', 'Show superseded releases', { hidden: true })
  namespace = Flag.stringDefault('--namespace', '', 'Show releases within a specific namespace')
  colWidth = Flag.uint('--col-width', 60, 'Specifies the max column width of output')
  output = Flag.stringDefault('--output', '', 'Output the specified format (json or yaml)')
  chartName = Flag.bool('-c,--chart-name', 'Sort by chart name')
  // v2 joins every argument into one filter
  filter = Arg.rest('FILTER')

  /** Helm v2 `statusCodes`: --all is every code but SUPERSEDED; no flag means DEPLOYED and FAILED. */
  private codes(): StatusCode[] {
    if (this.all)
      return [
        'UNKNOWN',
        'DEPLOYED',
        'DELETED',
        'DELETING',
        'FAILED',
        'PENDING_INSTALL',
        'PENDING_UPGRADE',
        'PENDING_ROLLBACK',
      ]
    const out: StatusCode[] = []
    if (this.deployed) out.push('DEPLOYED')
    if (this.deleted) out.push('DELETED')
    if (this.deleting) out.push('DELETING')
    if (this.failed) out.push('FAILED')
    if (this.superseded) out.push('SUPERSEDED')
    if (this.pending) out.push('PENDING_INSTALL', 'PENDING_UPGRADE', 'PENDING_ROLLBACK')
    return out.length ? out : ['DEPLOYED', 'FAILED']
  }

  async execute(): Promise<number> {
    const format = this.output
    if (format !== '' && format !== 'json' && format !== 'yaml')
      return this.failText(`Unknown output format "${format}"`)
    const { listRow, listTable } = await import('../ReleaseText')
    const { goJson, ghodssYaml } = await import('../output/GoJson')
    return this.withTiller(async (api) => {
      const res = await api.listReleases({
        limit: this.max,
        ...(this.offset ? { offset: this.offset } : {}),
        sortBy: this.byDate ? 'LAST_RELEASED' : this.chartName ? 'CHART_NAME' : 'NAME',
        sortOrder: this.reverse ? 'DESC' : 'ASC',
        statusCodes: this.codes(),
        ...(this.filter.length > 0 ? { filter: this.filter.join(' ') } : {}),
        ...(this.namespace ? { namespace: this.namespace } : {}),
      })()
      if (E.isLeft(res)) return this.fail(res.left)
      const out = this.context.stdout
      const rels = res.right.releases
      // v2 prints nothing when Tiller streams no release
      if (rels.length === 0 && !res.right.next) return 0
      if (format === 'json' || format === 'yaml') {
        // listResult{Next, Releases}, or the names alone with -q; Println adds a newline
        const v = this.short ? rels.map((r) => r.name) : { Next: res.right.next ?? '', Releases: rels.map(listRow) }
        out.write(`${format === 'json' ? goJson(v) : ghodssYaml(v)}\n`)
        return 0
      }
      if (this.short) {
        for (const r of rels) out.write(`${r.name}\n`)
        return 0
      }
      if (res.right.next) out.write(`\tnext: ${res.right.next}\n`)
      if (rels.length > 0) out.write(`${listTable(rels, this.colWidth)}\n`)
      return 0
    })
  }
}
