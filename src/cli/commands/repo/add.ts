import { HelmCommand, usage, needs } from '../../HelmCommand'
import { Arg, Flag } from '../../front/Flag'

export default class RepoAddCommand extends HelmCommand {
  static override paths = [['repo', 'add']]
  static override usage = usage({
    use: 'add [flags] [NAME] [URL]',
    short: 'Add a chart repository',
    long: `Add a chart repository`,
  })
  static override checkArgs = needs('name for the chart repository', 'the url of the chart repository')
  username = Flag.string('--username', 'Chart repository username')
  password = Flag.string('--password', 'Chart repository password')
  caFile = Flag.string('--ca-file', 'Verify certificates of HTTPS-enabled servers using this CA bundle')
  certFile = Flag.string('--cert-file', 'Identify HTTPS client using this SSL certificate file')
  keyFile = Flag.string('--key-file', 'Identify HTTPS client using this SSL key file')
  noUpdate = Flag.bool('--no-update', 'Raise error if repo is already registered')
  name = Arg.required('NAME')
  url = Arg.required('URL')

  async execute(): Promise<number> {
    const { repoAdd } = await import('../../../app/client/RepoAdd')
    const { clientDeps } = await import('../../ClientWiring')
    return this.report(
      repoAdd({
        name: this.name,
        url: this.url,
        auth: {
          username: this.username,
          password: this.password,
          caFile: this.caFile,
          certFile: this.certFile,
          keyFile: this.keyFile,
        },
        noUpdate: this.noUpdate,
      })(clientDeps(this)),
      () => `${JSON.stringify(this.name)} has been added to your repositories\n`,
    )
  }
}
