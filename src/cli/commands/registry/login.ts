import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../../HelmCommand'
import { Arg, Flag } from '../../front/Flag'

/** `helm registry login` (beyond v2: Helm 4's). */
export default class RegistryLoginCommand extends HelmCommand {
  static override paths = [['registry', 'login']]
  static override usage = usage({
    use: 'login [host]',
    short: 'login to a registry',
    long: `
Authenticate to a remote registry.

For example for Github Container Registry:

    echo "$GITHUB_TOKEN" | helm registry login ghcr.io -u $GITHUB_USER --password-stdin
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length < 1 ? `"helm registry login" requires at least 1 argument` : undefined
  caFile = Flag.string('--ca-file', 'verify certificates of HTTPS-enabled servers using this CA bundle')
  certFile = Flag.string('--cert-file', 'identify registry client using this SSL certificate file')
  insecure = Flag.bool('--insecure', 'allow connections to TLS registry without certs')
  keyFile = Flag.string('--key-file', 'identify registry client using this SSL key file')
  password = Flag.string('-p,--password', 'registry password or identity token')
  passwordStdin = Flag.bool('--password-stdin', 'read password or identity token from stdin')
  plainHttp = Flag.bool('--plain-http', 'use insecure HTTP connections for the chart upload')
  username = Flag.string('-u,--username', 'registry username')
  hosts = Arg.rest('HOST')

  async execute(): Promise<number> {
    const { registryLogin } = await import('../../../app/client/RegistryLogin')
    const { readStream } = await import('../../values/ReadValues')
    const { clientDeps } = await import('../../ClientWiring')
    const username = this.username ?? ''
    let password = this.password ?? ''
    // Helm's getUsernamePassword: stdin's text without its final newline; no prompt without a terminal
    if (this.passwordStdin) password = (await readStream(this.context.stdin)).replace(/\n$/, '').replace(/\r$/, '')
    else if (password === '') return this.failText(username === '' ? 'token required' : 'password required')
    else this.context.stderr.write('level=WARN msg="using --password via the CLI is insecure. Use --password-stdin"\n')
    const got = await registryLogin({
      host: this.hosts[0] ?? '',
      username,
      password,
      auth: {
        caFile: this.caFile,
        certFile: this.certFile,
        keyFile: this.keyFile,
        insecureSkipTlsVerify: this.insecure,
        plainHttp: this.plainHttp,
      },
    })(clientDeps(this))()
    return E.isLeft(got) ? this.fail(got.left) : 0
  }
}
