import { Command, Option } from 'clipanion'
import { HelmCommand } from '../HelmCommand'

export default class VerifyCommand extends HelmCommand {
  static override paths = [['verify']]
  static override usage = Command.Usage({
    description: 'verify that a chart at the given path has been signed and is valid',
  })
  keyring = Option.String('--keyring', {
    description: 'keyring containing public keys (default "~/.gnupg/pubring.gpg")',
  })
  chart = Option.String()

  async execute(): Promise<number> {
    const { formatVerification, verifyArchive } = await import('../../adapters/helm-home/Signatory')
    const { keyringPath } = await import('../ChartLocation')
    const { resolve } = await import('node:path')
    return this.report(
      verifyArchive(resolve(this.context.cwd, this.chart), await keyringPath(this, this.keyring)),
      formatVerification,
    )
  }
}
