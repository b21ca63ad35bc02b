import { TillerCommand } from '../TillerCommand'
import { Arg, Flag } from '../front/Flag'
import { usage } from '../HelmCommand'

export default class StatusCommand extends TillerCommand {
  static override paths = [['status']]
  static override usage = usage({
    use: 'status [flags] RELEASE_NAME',
    short: 'Displays the status of the named release',
    long: `
This command shows the status of a named release.
The status consists of:
- last deployment time
- k8s namespace in which the release lives
- state of the release (can be: UNKNOWN, DEPLOYED, DELETED, SUPERSEDED, FAILED or DELETING)
- list of resources that this release consists of, sorted by kind
- details on last test suite run, if applicable
- additional notes provided by the chart
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'release name is required' : undefined
  revision = Flag.int32('--revision', 0, 'If set, display the status of the named release with revision')
  output = Flag.stringDefault(
    '-o,--output',
    'table',
    'Prints the output in the specified format. Allowed values: table, json, yaml',
  )
  name = Arg.required('RELEASE_NAME')

  async execute(): Promise<number> {
    const name = this.name
    const format = this.output
    // Helm v2's `write`: table, json or yaml, else "unsupported format X" (said before asking Tiller)
    if (format !== 'table' && format !== 'json' && format !== 'yaml')
      return this.failText(`unsupported format ${format}`)
    const { statusOutput } = await import('../output/StatusOutput')
    return this.withTiller((api) =>
      this.report(api.getReleaseStatus({ name, version: this.revision }), (st) => statusOutput(st, format)),
    )
  }
}
