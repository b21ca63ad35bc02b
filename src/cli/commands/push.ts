import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../HelmCommand'
import { Arg, Flag } from '../front/Flag'

/** `helm push` (beyond v2: Helm 4's): a chart archive to an OCI registry. */
export default class PushCommand extends HelmCommand {
  static override paths = [['push']]
  static override usage = usage({
    use: 'push [chart] [remote]',
    short: 'push a chart to remote',
    long: `
Upload a chart to a registry.

If the chart has an associated provenance file,
it will also be uploaded.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length < 2 ? `"helm push" requires at least 2 arguments` : undefined
  caFile = Flag.string('--ca-file', 'verify certificates of HTTPS-enabled servers using this CA bundle')
  certFile = Flag.string('--cert-file', 'identify registry client using this SSL certificate file')
  insecureSkipTlsVerify = Flag.bool('--insecure-skip-tls-verify', 'skip tls certificate checks for the chart upload')
  keyFile = Flag.string('--key-file', 'identify registry client using this SSL key file')
  password = Flag.string('--password', 'chart repository password where to locate the requested chart')
  plainHttp = Flag.bool('--plain-http', 'use insecure HTTP connections for the chart upload')
  username = Flag.string('--username', 'chart repository username where to locate the requested chart')
  args = Arg.rest('ARGS')

  async execute(): Promise<number> {
    const { pushChart } = await import('../../app/client/Push')
    const { clientDeps, dockerConfigPath } = await import('../ClientWiring')
    const [chart = '', remote = ''] = this.args
    const got = await pushChart({
      chart,
      cwd: this.context.cwd,
      remote,
      auth: {
        username: this.username,
        password: this.password,
        caFile: this.caFile,
        certFile: this.certFile,
        keyFile: this.keyFile,
        insecureSkipTlsVerify: this.insecureSkipTlsVerify,
        plainHttp: this.plainHttp,
      },
      dockerConfig: dockerConfigPath(this.context.env),
      zoneOffset: (ms) => -new Date(ms).getTimezoneOffset(),
    })(clientDeps(this))()
    return E.isLeft(got) ? this.fail(got.left) : 0
  }
}
