import { Command, Option } from 'clipanion'
import { TillerCommand } from '../TillerCommand'

export default class StatusCommand extends TillerCommand {
  static override paths = [['status']]
  static override usage = Command.Usage({
    description: 'displays the status of the named release',
    details: `This command shows the status of a named release.
The status consists of:
- last deployment time
- k8s namespace in which the release lives
- state of the release (can be: UNKNOWN, DEPLOYED, DELETED, SUPERSEDED, FAILED or DELETING)
- list of resources that this release consists of, sorted by kind
- details on last test suite run, if applicable
- additional notes provided by the chart`,
  })
  revision = Option.String('--revision', {
    description: 'if set, display the status of the named release with revision',
  })
  output = Option.String('-o,--output', 'table', {
    description: 'output the status in the specified format (json or yaml)',
  })
  name = Option.String({ required: false })

  async execute(): Promise<number> {
    if (this.name === undefined) {
      this.context.stderr.write('Error: release name is required\n')
      return 1
    }
    const name = this.name
    const { statusText, structured } = await import('../ReleaseText')
    return this.withTiller((api) =>
      this.report(api.getReleaseStatus({ name, version: Number(this.revision ?? 0) || 0 }), (st) =>
        this.output === 'json' || this.output === 'yaml' ? structured(st, this.output) : statusText(st),
      ),
    )
  }
}
