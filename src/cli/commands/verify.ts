import { HelmCommand, usage } from '../HelmCommand'
import { Arg, Flag } from '../front/Flag'

export default class VerifyCommand extends HelmCommand {
  static override paths = [['verify']]
  static override usage = usage({
    use: 'verify [flags] PATH',
    short: 'Verify that a chart at the given path has been signed and is valid',
    long: `
Verify that the given chart has a valid provenance file.

Provenance files provide cryptographic verification that a chart has not been
tampered with, and was packaged by a trusted provider.

This command can be used to verify a local chart. Several other commands provide
'--verify' flags that run the same validation. To generate a signed package, use
the 'helm package --sign' command.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'a path to a package file is required' : undefined
  keyring = Flag.string('--keyring', 'Keyring containing public keys', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  chart = Arg.required('PATH')

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { formatVerification, verifyChart } = await import('../../app/client/Verify')
    const { keyringPath } = await import('../ChartFlags')
    const { clientDeps } = await import('../ClientWiring')
    return this.report(
      verifyChart(resolve(this.context.cwd, this.chart), keyringPath(this, this.keyring))(clientDeps(this)),
      formatVerification,
    )
  }
}
