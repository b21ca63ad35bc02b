import { GetBase } from '../get'
import { Flag } from '../../front/Flag'
import { usage } from '../../HelmCommand'

export default class GetNotesCommand extends GetBase {
  static override paths = [['get', 'notes']]
  static override usage = usage({
    use: 'notes [flags] RELEASE_NAME',
    short: 'Displays the notes of the named release',
    long: `
This command shows notes provided by the chart of a named release.
`,
  })
  override revision = Flag.int32('--revision', 0, 'Get the notes of the named release with revision')

  async execute(): Promise<number> {
    return this.showRelease((r) => (r.info.status.notes ? `NOTES:\n${r.info.status.notes}\n` : ''))
  }
}
