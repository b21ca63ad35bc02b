import { GetBase } from '../get'
import { usage } from '../../HelmCommand'

export default class GetManifestCommand extends GetBase {
  static override paths = [['get', 'manifest']]
  static override usage = usage({
    use: 'manifest [flags] RELEASE_NAME',
    short: 'Download the manifest for a named release',
    long: `
This command fetches the generated manifest for a given release.

A manifest is a YAML-encoded representation of the Kubernetes resources that
were generated from this release's chart(s). If a chart is dependent on other
charts, those resources will also be included in the manifest.
`,
  })

  async execute(): Promise<number> {
    return this.showRelease((r) => `${r.manifest}\n`)
  }
}
