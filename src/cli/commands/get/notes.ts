import { Command } from 'clipanion'
import { GetBase } from '../get'

export default class GetNotesCommand extends GetBase {
  static override paths = [['get', 'notes']]
  static override usage = Command.Usage({
    description: 'displays the notes of the named release',
    details: 'This command shows notes provided by the chart of a named release.',
  })

  async execute(): Promise<number> {
    return this.showRelease((r) => (r.info.status.notes ? `NOTES:\n${r.info.status.notes}\n` : ''))
  }
}
