import { Command, Option } from 'clipanion'
import { TillerCommand } from '../TillerCommand'

export default class HistoryCommand extends TillerCommand {
  static override paths = [['history'], ['hist']]
  static override usage = Command.Usage({
    description: 'fetch release history',
    details: `History prints historical revisions for a given release.

A default maximum of 256 revisions will be returned. Setting '--max'
configures the maximum length of the revision list returned.`,
  })
  max = Option.String('--max', '256', { description: 'maximum number of revision to include in history' })
  colWidth = Option.String('--col-width', '60', { description: 'specifies the max column width of output' })
  output = Option.String('-o,--output', 'table', {
    description: 'prints the output in the specified format (json|table|yaml)',
  })
  name = Option.String({ required: false })

  async execute(): Promise<number> {
    if (this.name === undefined) {
      this.context.stderr.write('Error: release name is required\n')
      return 1
    }
    const name = this.name
    const { historyRow, historyTable, structured } = await import('../ReleaseText')
    return this.withTiller((api) =>
      this.report(api.getHistory({ name, max: Number(this.max) || 256 }), (h) =>
        this.output === 'json' || this.output === 'yaml'
          ? structured([...h.releases].reverse().map(historyRow), this.output)
          : `${historyTable(h.releases, Number(this.colWidth) || 60)}\n`,
      ),
    )
  }
}
