import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../HelmCommand'
import { Arg, Flag } from '../front/Flag'

export default class PackageCommand extends HelmCommand {
  static override paths = [['package']]
  static override usage = usage({
    use: 'package [flags] [CHART_PATH] [...]',
    short: 'Package a chart directory into a chart archive',
    long: `
This command packages a chart into a versioned chart archive file. If a path
is given, this will look at that path for a chart (which must contain a
Chart.yaml file) and then package that directory.

If no path is given, this will look in the present working directory for a
Chart.yaml file, and (if found) build the current directory into a chart.

Versioned chart archives are used by Helm package repositories.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'need at least one argument, the path to the chart' : undefined
  destination = Flag.stringDefault('-d,--destination', '.', 'Location to write the chart.')
  version = Flag.string('--version', 'Set the version on the chart to this semver version')
  appVersion = Flag.string('--app-version', 'Set the appVersion on the chart to this version')
  dependencyUpdate = Flag.bool(
    '-u,--dependency-update',
    'Update dependencies from "requirements.yaml" to dir "charts/" before packaging',
  )
  save = Flag.bool('--save', 'Save packaged chart to local chart repository', { default: true })
  sign = Flag.bool('--sign', 'Use a PGP private key to sign this package')
  key = Flag.string('--key', 'Name of the key to use when signing. Used if --sign is true')
  keyring = Flag.string('--keyring', 'Location of a public keyring', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  // beyond v2 (Helm 4)
  passphraseFile = Flag.string(
    '--passphrase-file',
    'location of a file which contains the passphrase for the signing key',
    {
      hidden: true,
    },
  )
  charts = Arg.rest('CHART_PATH')

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { packageChart } = await import('../../app/client/Package')
    const { keyringPath } = await import('../ChartFlags')
    const { clientDeps } = await import('../ClientWiring')
    const deps = clientDeps(this)
    const cwd = this.context.cwd
    let passphrase = this.context.env.HELM_KEY_PASSPHRASE
    if (this.sign && this.passphraseFile) {
      const { readStream } = await import('../values/ReadValues')
      const text =
        this.passphraseFile === '-'
          ? E.right(await readStream(this.context.stdin))
          : E.map((b: Uint8Array) => Buffer.from(b).toString('utf8'))(
              await deps.files.read(resolve(cwd, this.passphraseFile))(),
            )
      if (E.isLeft(text)) return this.fail(text.left)
      passphrase = text.right.replace(/\r?\n$/, '')
    }
    for (const p of this.charts) {
      const packaged = await packageChart({
        dir: resolve(cwd, p),
        destination: resolve(cwd, this.destination),
        version: this.version,
        appVersion: this.appVersion,
        dependencyUpdate: this.dependencyUpdate,
        save: this.save,
        ...(this.sign ? { sign: { key: this.key ?? '', keyring: keyringPath(this, this.keyring), passphrase } } : {}),
      })(deps)()
      if (E.isLeft(packaged)) return this.fail(packaged.left)
      if (this.debug && packaged.right.saved)
        this.context.stdout.write(`Successfully saved ${packaged.right.saved} to ${deps.home.layout.localRepository}\n`)
    }
    return 0
  }
}
