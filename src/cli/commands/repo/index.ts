import { HelmCommand, usage, needs } from '../../HelmCommand'
import { Arg, Flag } from '../../front/Flag'

export default class RepoIndexCommand extends HelmCommand {
  static override paths = [['repo', 'index']]
  static override usage = usage({
    use: 'index [flags] [DIR]',
    short: 'Generate an index file given a directory containing packaged charts',
    long: `
Read the current directory and generate an index file based on the charts found.

This tool is used for creating an 'index.yaml' file for a chart repository. To
set an absolute URL to the charts, use '--url' flag.

To merge the generated index with an existing index file, use the '--merge'
flag. In this case, the charts found in the current directory will be merged
into the existing index, with local charts taking priority over existing charts.
`,
  })
  static override checkArgs = needs('path to a directory')
  url = Flag.stringDefault('--url', '', 'URL of the chart repository')
  merge = Flag.string('--merge', 'Merge the generated index into the given index')
  dir = Arg.required('DIR')

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { repoIndex } = await import('../../../app/client/RepoIndex')
    const { clientDeps } = await import('../../ClientWiring')
    const cwd = this.context.cwd
    return this.report(
      repoIndex({
        dir: resolve(cwd, this.dir),
        url: this.url,
        ...(this.merge !== undefined ? { merge: resolve(cwd, this.merge) } : {}),
      })(clientDeps(this)),
      () => '',
    )
  }
}
