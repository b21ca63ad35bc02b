import { Command, Option } from 'clipanion'
import { HelmCommand } from '../../HelmCommand'

export default class DependencyUpdateCommand extends HelmCommand {
  static override paths = [['dependency', 'update'], ['dependency', 'up'], ['dep', 'update'], ['dep', 'up']]
  static override usage = Command.Usage({
    description: 'update charts/ based on the contents of requirements.yaml',
    details: 'Resolves the dependencies to the newest versions their ranges allow, downloads them into charts/ and writes the lock file.',
  })
  skipRefresh = Option.Boolean('--skip-refresh', false, { description: 'do not refresh the local repository cache' })
  verify = Option.Boolean('--verify', false, { description: 'verify the packages against signatures' })
  keyring = Option.String('--keyring', { description: 'keyring containing public keys (default "~/.gnupg/pubring.gpg")' })
  chart = Option.String({ required: false })

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { dependencyUpdate } = await import('../../../adapters/helm-home/Dependencies')
    const { defaultKeyring } = await import('../../../adapters/helm-home/Signatory')
    const out = (l: string): void => void this.context.stdout.write(`${l}\n`)
    const keyring = this.keyring ? resolve(this.context.cwd, this.keyring) : defaultKeyring(this.context.env.HOME ?? '~')
    return this.report(
      dependencyUpdate(this.helmHome(), resolve(this.context.cwd, this.chart ?? '.'), { skipRefresh: this.skipRefresh, out, verify: this.verify, keyring }),
      () => '',
    )
  }
}
