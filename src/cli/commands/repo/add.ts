import { Command, Option } from 'clipanion'
import { HelmCommand } from '../../HelmCommand'
import { caFileFlag, certFileFlag, keyFileFlag, passwordFlag, usernameFlag } from '../../RepoAuthFlags'

export default class RepoAddCommand extends HelmCommand {
  static override paths = [['repo', 'add']]
  static override usage = Command.Usage({ description: 'add a chart repository' })
  username = usernameFlag()
  password = passwordFlag()
  caFile = caFileFlag()
  certFile = certFileFlag()
  keyFile = keyFileFlag()
  noUpdate = Option.Boolean('--no-update', false, { description: 'raise error if repo is already registered' })
  name = Option.String()
  url = Option.String()

  async execute(): Promise<number> {
    const { addRepository } = await import('../../../adapters/helm-home/Repositories')
    return this.report(
      addRepository(this.helmHome(), this.name, this.url, {
        username: this.username,
        password: this.password,
        caFile: this.caFile,
        certFile: this.certFile,
        keyFile: this.keyFile,
        noUpdate: this.noUpdate,
      }),
      () => `${JSON.stringify(this.name)} has been added to your repositories\n`,
    )
  }
}
