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
    const path = await import('node:path')
    const fs = await import('node:fs/promises')
    const { invalidArgument } = await import('../../domain/GeneralError')
    const semver = await import('../../domain/semver/Version')
    if (this.version !== undefined && E.isLeft(semver.parseVersion(this.version)))
      return this.fail(invalidArgument('invalid semantic version'))
    const { loadChartPath, writeChartArchiveFile } = await import('../../adapters/chart-fs/ChartFs')
    const { checkDependencies } = await import('../../domain/chart/Dependencies')
    const cwd = this.context.cwd
    const dest = path.resolve(cwd, this.destination)
    for (const p of this.charts) {
      const dir = path.resolve(cwd, p)
      if (this.dependencyUpdate) {
        const { dependencyUpdate } = await import('../../adapters/helm-home/Dependencies')
        const up = await dependencyUpdate(this.helmHome(), dir, { out: (l) => this.context.stdout.write(`${l}\n`) })()
        if (E.isLeft(up)) return this.fail(up.left)
      }
      const loaded = await loadChartPath(dir)()
      if (E.isLeft(loaded)) return this.fail(loaded.left)
      const chart = {
        ...loaded.right,
        metadata: {
          ...loaded.right.metadata,
          ...(this.version ? { version: this.version } : {}),
          ...(this.appVersion ? { appVersion: this.appVersion } : {}),
        },
      }
      const checked = checkDependencies(chart, dir)
      if (E.isLeft(checked)) return this.fail(checked.left)
      const saved = await writeChartArchiveFile(chart, dest)()
      if (E.isLeft(saved)) return this.fail(saved.left)
      this.context.stdout.write(`Successfully packaged chart and saved it to: ${saved.right}\n`)
      // Helm v2 also copies the package into the local repository ($HELM_HOME/repository/local) when there is one.
      const local = path.join(this.helmHome(), 'repository', 'local')
      if (this.save && (await fs.stat(local).catch(() => undefined))?.isDirectory()) {
        const copy = await writeChartArchiveFile(chart, local)()
        if (E.isLeft(copy)) return this.fail(copy.left)
        const { writeRepoIndex } = await import('../../adapters/helm-home/RepoIndexer')
        const indexed = await writeRepoIndex(local, 'http://127.0.0.1:8879/charts')()
        if (E.isLeft(indexed)) return this.fail(indexed.left)
        if (this.debug) this.context.stdout.write(`Successfully saved ${copy.right} to ${local}\n`)
      }
      if (this.sign) {
        const { signArchive } = await import('../../adapters/helm-home/Signatory')
        const { readStream } = await import('../values/ReadValues')
        const { keyringPath } = await import('../ChartLocation')
        const passphrase = this.passphraseFile
          ? (this.passphraseFile === '-'
              ? await readStream(this.context.stdin)
              : await fs.readFile(path.resolve(cwd, this.passphraseFile), 'utf8')
            ).replace(/\r?\n$/, '')
          : this.context.env.HELM_KEY_PASSPHRASE
        const keyring = await keyringPath(this, this.keyring)
        const signed = await signArchive(saved.right, chart.metadata, this.key ?? '', keyring, passphrase)()
        if (E.isLeft(signed)) return this.fail(signed.left)
      }
    }
    return 0
  }
}
