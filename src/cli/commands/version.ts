import { Command, Option } from 'clipanion'
import { HelmCommand } from '../HelmCommand'
import { clientVersion } from '../version'

export default class VersionCommand extends HelmCommand {
  static override paths = [['version']]
  static override usage = Command.Usage({
    description: 'print the client/server version information',
    details: 'Show the client and server versions for Helm and tiller.',
  })
  client = Option.Boolean('-c,--client', false, { description: 'client version only' })
  server = Option.Boolean('-s,--server', false, { description: 'server version only' })
  short = Option.Boolean('--short', false, { description: 'print the version number' })

  async execute(): Promise<number> {
    const v = clientVersion
    const line = this.short
      ? `Client: ${v.semVer}+g${v.gitCommit || 'unknown'}\n`
      : `Client: &version.Version{SemVer:"${v.semVer}", GitCommit:"${v.gitCommit}", GitTreeState:"${v.gitTreeState}"}\n`
    if (this.server && !this.client) {
      this.context.stderr.write('Error: could not find tiller\n')
      return 1
    }
    this.context.stdout.write(line)
    return 0
  }
}
