import { Command } from 'clipanion'
import { GetBase } from '../get'

export default class GetHooksCommand extends GetBase {
  static override paths = [['get', 'hooks']]
  static override usage = Command.Usage({
    description: 'download all hooks for a named release',
    details: `This command downloads hooks for a given release.

Hooks are formatted in YAML and separated by the YAML '---\\n' separator.`,
  })

  async execute(): Promise<number> {
    return this.showRelease((r) => r.hooks.map((h) => `---\n# ${h.name}\n${h.manifest}`).join(''))
  }
}
