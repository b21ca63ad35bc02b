import { GetBase } from '../get'
import { usage } from '../../HelmCommand'

export default class GetHooksCommand extends GetBase {
  static override paths = [['get', 'hooks']]
  static override usage = usage({
    use: 'hooks [flags] RELEASE_NAME',
    short: 'Download all hooks for a named release',
    long: `
This command downloads hooks for a given release.

Hooks are formatted in YAML and separated by the YAML '---\\n' separator.
`,
  })

  async execute(): Promise<number> {
    return this.showRelease((r) => r.hooks.map((h) => `---\n# ${h.name}\n${h.manifest}`).join(''))
  }
}
