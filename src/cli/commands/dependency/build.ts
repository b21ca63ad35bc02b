import { Command, Option } from 'clipanion'
import { HelmCommand } from '../../HelmCommand'

export default class DependencyBuildCommand extends HelmCommand {
  static override paths = [['dependency', 'build'], ['dep', 'build']]
  static override usage = Command.Usage({
    description: 'rebuild the charts/ directory based on the requirements.lock file',
    details: 'Downloads exactly the versions the lock file names; without a lock file it behaves like `dependency update`.',
  })
  skipRefresh = Option.Boolean('--skip-refresh', false, { description: 'do not refresh the local repository cache' })
  verify = Option.Boolean('--verify', false, { description: 'verify the packages against signatures' })
  keyring = Option.String('--keyring', { description: 'keyring containing public keys (default "~/.gnupg/pubring.gpg")' })
  chart = Option.String({ required: false })

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { dependencyBuild } = await import('../../../adapters/helm-home/Dependencies')
    const { defaultKeyring } = await import('../../../adapters/helm-home/Signatory')
    const out = (l: string): void => void this.context.stdout.write(`${l}\n`)
    const keyring = this.keyring ? resolve(this.context.cwd, this.keyring) : defaultKeyring(this.context.env.HOME ?? '~')
    return this.report(
      dependencyBuild(this.helmHome(), resolve(this.context.cwd, this.chart ?? '.'), { skipRefresh: this.skipRefresh, out, verify: this.verify, keyring }),
      () => '',
    )
  }
}
