import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import type { StatusCode } from '../../domain/release/Release'
import { TillerCommand } from '../TillerCommand'

export default class ListCommand extends TillerCommand {
  static override paths = [['list'], ['ls']]
  static override usage = Command.Usage({
    description: 'list releases',
    details: `This command lists all of the releases.

By default, it lists only releases that are deployed or failed. Flags like
'--deleted' and '--all' will alter this behavior. Such flags can be combined:
'--deleted --failed'.

By default, items are sorted alphabetically. Use the '-d' flag to sort by
release date.

If an argument is provided, it will be treated as a filter. Filters are
regular expressions (Perl compatible) that are applied to the list of releases.
Only items that match the filter will be returned.`,
  })
  short = Option.Boolean('-q,--short', false, { description: 'output short (quiet) listing format' })
  byDate = Option.Boolean('-d,--date', false, { description: 'sort by release date' })
  reverse = Option.Boolean('-r,--reverse', false, { description: 'reverse the sort order' })
  max = Option.String('-m,--max', '256', { description: 'maximum number of releases to fetch' })
  offset = Option.String('-o,--offset', '', {
    description: 'next release name in the list, used to offset from start value',
  })
  all = Option.Boolean('-a,--all', false, { description: 'show all releases, not just the ones marked DEPLOYED' })
  deleted = Option.Boolean('--deleted', false, { description: 'show deleted releases' })
  deleting = Option.Boolean('--deleting', false, { description: 'show releases that are currently being deleted' })
  deployed = Option.Boolean('--deployed', false, {
    description: 'show deployed releases. If no other is specified, this will be automatically enabled',
  })
  failed = Option.Boolean('--failed', false, { description: 'show failed releases' })
  pending = Option.Boolean('--pending', false, { description: 'show pending releases' })
  superseded = Option.Boolean('--superseded', false, { description: 'show superseded releases' })
  namespace = Option.String('--namespace', '', { description: 'show releases within a specific namespace' })
  chartName = Option.Boolean('-c,--chart-name', false, { description: 'sort by chart name' })
  colWidth = Option.String('--col-width', '60', { description: 'specifies the max column width of output' })
  output = Option.String('--output', '', { description: 'output the specified format (json or yaml)' })
  filter = Option.String({ required: false })

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
    const { listRow, listTable, structured } = await import('../ReleaseText')
    return this.withTiller(async (api) => {
      const res = await api.listReleases({
        limit: Number(this.max) || 256,
        ...(this.offset ? { offset: this.offset } : {}),
        sortBy: this.byDate ? 'LAST_RELEASED' : this.chartName ? 'CHART_NAME' : 'NAME',
        sortOrder: this.reverse ? 'DESC' : 'ASC',
        statusCodes: this.codes(),
        ...(this.filter ? { filter: this.filter } : {}),
        ...(this.namespace ? { namespace: this.namespace } : {}),
      })()
      if (E.isLeft(res)) return this.fail(res.left)
      const out = this.context.stdout
      const rels = res.right.releases
      if (this.output === 'json' || this.output === 'yaml') {
        out.write(structured({ Next: res.right.next, Releases: rels.map(listRow) }, this.output))
        return 0
      }
      if (this.short) {
        for (const r of rels) out.write(`${r.name}\n`)
        return 0
      }
      if (res.right.next) out.write(`\tnext: ${res.right.next}\n`)
      if (rels.length > 0) out.write(`${listTable(rels, Number(this.colWidth) || 60)}\n`)
      return 0
    })
  }
}
