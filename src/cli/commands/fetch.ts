import { resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../HelmCommand'
import { Arg, Flag } from '../front/Flag'

export default class FetchCommand extends HelmCommand {
  static override paths = [['fetch'], ['pull']]
  static override usage = usage({
    use: 'fetch [flags] [chart URL | repo/chartname] [...]',
    short: 'Download a chart from a repository and (optionally) unpack it in local directory',
    long: `
Retrieve a package from a package repository, and download it locally.

This is useful for fetching packages to inspect, modify, or repackage. It can
also be used to perform cryptographic verification of a chart without installing
the chart.

There are options for unpacking the chart after download. This will create a
directory for the chart and uncompress into that directory.

If the --verify flag is specified, the requested chart MUST have a provenance
file, and MUST pass the verification process. Failure in any part of this will
result in an error, and the chart will not be saved locally.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'need at least one argument, url or repo/name of the chart' : undefined
  // beyond v2: Helm 4's flags for `oci://` registries
  insecureSkipTlsVerify = Flag.bool(
    '--insecure-skip-tls-verify',
    'skip tls certificate checks for the chart download',
    {
      hidden: true,
    },
  )
  plainHttp = Flag.bool('--plain-http', 'use insecure HTTP connections for the chart download', { hidden: true })
  caFile = Flag.string('--ca-file', 'Verify certificates of HTTPS-enabled servers using this CA bundle')
  certFile = Flag.string('--cert-file', 'Identify HTTPS client using this SSL certificate file')
  destination = Flag.stringDefault(
    '-d,--destination',
    '.',
    'Location to write the chart. If this and tardir are specified, tardir is appended to this',
  )
  devel = Flag.bool(
    '--devel',
    "Use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored.",
  )
  keyFile = Flag.string('--key-file', 'Identify HTTPS client using this SSL key file')
  keyring = Flag.string('--keyring', 'Keyring containing public keys', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  password = Flag.string('--password', 'Chart repository password')
  prov = Flag.bool('--prov', "Fetch the provenance file, but don't perform verification")
  repo = Flag.string('--repo', 'Chart repository url where to locate the requested chart')
  untar = Flag.bool('--untar', 'If set to true, will untar the chart after downloading it')
  untardir = Flag.stringDefault(
    '--untardir',
    '.',
    'If untar is specified, this flag specifies the name of the directory into which the chart is expanded',
  )
  username = Flag.string('--username', 'Chart repository username')
  verify = Flag.bool('--verify', 'Verify the package against its signature')
  version = Flag.stringDefault(
    '--version',
    '',
    'Specific version of a chart. Without this, the latest version is fetched',
  )
  charts = Arg.rest('CHART')

  async execute(): Promise<number> {
    const { fetchChart } = await import('../../app/client/Fetch')
    const { formatVerification } = await import('../../app/client/Verify')
    const { keyringPath, repoAuth } = await import('../ChartFlags')
    const { clientDeps } = await import('../ClientWiring')
    const dest = resolve(this.context.cwd, this.destination)
    const auth = repoAuth(this)
    const deps = clientDeps(this)
    for (const chart of this.charts) {
      const got = await fetchChart({
        chart,
        destination: dest,
        ...(this.untar ? { untarDir: resolve(dest, this.untardir) } : {}),
        version: this.version,
        devel: this.devel,
        repoUrl: this.repo,
        auth,
        prov: this.prov,
        verify: this.verify,
        keyring: keyringPath(this, this.keyring),
      })(deps)()
      if (E.isLeft(got)) return this.fail(got.left)
      if (got.right.verification) this.context.stdout.write(formatVerification(got.right.verification))
    }
    return 0
  }
}
