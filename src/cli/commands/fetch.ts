import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { HelmCommand } from '../HelmCommand'
import { caFileFlag, certFileFlag, keyFileFlag, passwordFlag, usernameFlag } from '../RepoAuthFlags'

export default class FetchCommand extends HelmCommand {
  static override paths = [['fetch'], ['pull']]
  static override usage = Command.Usage({
    description: 'download a chart from a repository and (optionally) unpack it in local directory',
  })
  version = Option.String('--version', '', {
    description: 'specific version of a chart. Without this, the latest version is fetched',
  })
  devel = Option.Boolean('--devel', false, {
    description: "use development versions, too. Equivalent to version '>0.0.0-0'",
  })
  untar = Option.Boolean('--untar', false, { description: 'if set to true, will untar the chart after downloading it' })
  untardir = Option.String('--untardir', '.', {
    description:
      'if untar is specified, this flag specifies the name of the directory into which the chart is expanded',
  })
  destination = Option.String('-d,--destination', '.', { description: 'location to write the chart' })
  prov = Option.Boolean('--prov', false, { description: "fetch the provenance file, but don't perform verification" })
  verify = Option.Boolean('--verify', false, { description: 'verify the package against its signature' })
  keyring = Option.String('--keyring', {
    description: 'keyring containing public keys (default "~/.gnupg/pubring.gpg")',
  })
  repo = Option.String('--repo', { description: 'chart repository url where to locate the requested chart' })
  username = usernameFlag()
  password = passwordFlag()
  caFile = caFileFlag()
  certFile = certFileFlag()
  keyFile = keyFileFlag()
  charts = Option.Rest({ required: 1 })

  async execute(): Promise<number> {
    const { helmHome } = await import('../../adapters/helm-home/HelmHome')
    const { downloadChart } = await import('../../adapters/helm-home/ChartDownloader')
    const { formatVerification } = await import('../../adapters/helm-home/Signatory')
    const { keyringPath, repoAuth } = await import('../ChartLocation')
    const { expandChartArchive } = await import('../../adapters/chart-fs/ChartFs')
    const cwd = this.context.cwd
    const dest = isAbsolute(this.destination) ? this.destination : join(cwd, this.destination)
    const auth = repoAuth(this)
    const keyring = await keyringPath(this, this.keyring)
    for (const chart of this.charts) {
      const workDir = this.untar ? await mkdtemp(join(tmpdir(), 'helm-')) : dest
      try {
        const got = await downloadChart(helmHome(this.helmHome()), chart, workDir, {
          version: this.version,
          devel: this.devel,
          repoUrl: this.repo,
          auth,
          prov: this.prov,
          verify: this.verify,
          keyring,
        })()
        if (E.isLeft(got)) return this.fail(got.left)
        if (got.right.verification) this.context.stdout.write(formatVerification(got.right.verification))
        if (this.untar) {
          const target = isAbsolute(this.untardir) ? this.untardir : join(dest, this.untardir)
          const expanded = await expandChartArchive(
            new Uint8Array(await readFile(got.right.path)),
            got.right.path,
            target,
          )()
          if (E.isLeft(expanded)) return this.fail(expanded.left)
        }
      } finally {
        if (this.untar) await rm(workDir, { recursive: true, force: true })
      }
    }
    return 0
  }
}
