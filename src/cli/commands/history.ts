import { TillerCommand } from '../TillerCommand'
import { Arg, Flag } from '../front/Flag'
import { usage } from '../HelmCommand'

export default class HistoryCommand extends TillerCommand {
  static override paths = [['history'], ['hist']]
  static override usage = usage({
    use: 'history [flags] RELEASE_NAME',
    short: 'Fetch release history',
    long: `
History prints historical revisions for a given release.

A default maximum of 256 revisions will be returned. Setting '--max'
configures the maximum length of the revision list returned.

The historical release set is printed as a formatted table, e.g:

    $ helm history angry-bird --max=4
    REVISION   UPDATED                      STATUS           CHART        APP VERSION	DESCRIPTION
    1           Mon Oct 3 10:15:13 2016     SUPERSEDED      alpine-0.1.0  1.1		Initial install
    2           Mon Oct 3 10:15:13 2016     SUPERSEDED      alpine-0.1.0  1.2		Upgraded successfully
    3           Mon Oct 3 10:15:13 2016     SUPERSEDED      alpine-0.1.0  1.1		Rolled back to 2
    4           Mon Oct 3 10:15:13 2016     DEPLOYED        alpine-0.1.0  1.3		Upgraded successfully
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'release name is required' : undefined
  max = Flag.int32('--max', 256, 'Maximum number of revisions to include in history')
  colWidth = Flag.uint('--col-width', 60, 'Specifies the max column width of output')
  output = Flag.stringDefault('-o,--output', 'table', 'Prints the output in the specified format (json|table|yaml)')
  name = Arg.required('RELEASE_NAME')

  async execute(): Promise<number> {
    const name = this.name
    const format = this.output
    if (format !== 'table' && format !== 'json' && format !== 'yaml')
      return this.failText(`unknown output format ${JSON.stringify(format)}`)
    const { historyRow, historyTable } = await import('../ReleaseText')
    const { goJson, ghodssYaml } = await import('../output/GoJson')
    return this.withTiller((api) =>
      this.report(api.getHistory({ name, max: this.max }), (h) => {
        // v2 prints nothing for no revisions; otherwise the oldest first, and Println adds a newline
        if (h.releases.length === 0) return ''
        const rows = [...h.releases].reverse().map(historyRow)
        if (format === 'json') return `${goJson(rows)}\n`
        if (format === 'yaml') return `${ghodssYaml(rows)}\n`
        return `${historyTable(h.releases, this.colWidth)}\n`
      }),
    )
  }
}
