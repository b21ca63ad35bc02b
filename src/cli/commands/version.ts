import * as E from 'fp-ts/Either'
import { TillerCommand } from '../TillerCommand'
import type { GoStruct } from '../../domain/go/Value'
import { versionObject } from '../../domain/template/helm/TillerBuiltins'
import { clientVersion } from '../version'
import { Flag } from '../front/Flag'
import { usage } from '../HelmCommand'

type V = { readonly semVer: string; readonly gitCommit: string; readonly gitTreeState: string }

/**
 * Helm v2.17 `formatVersion`: --short is `SEMVER+gCOMMIT7` when the commit is known; without a commit (a
 * build outside git) --short falls back to the full `&version.Version{...}` form, as v2 does.
 */
export const formatVersion = (v: V, short: boolean): string =>
  short && v.gitCommit !== ''
    ? `${v.semVer}+g${v.gitCommit.slice(0, 7)}`
    : `&version.Version{SemVer:"${v.semVer}", GitCommit:"${v.gitCommit}", GitTreeState:"${v.gitTreeState}"}`

export default class VersionCommand extends TillerCommand {
  static override paths = [['version']]
  static override usage = usage({
    use: 'version',
    short: 'Print the client/server version information',
    long: `
Show the client and server versions for Helm and tiller.

This will print a representation of the client and server versions of Helm and
Tiller. The output will look something like this:

Client: &version.Version{SemVer:"v2.0.0", GitCommit:"ff52399e51bb880526e9cd0ed8386f6433b74da1", GitTreeState:"clean"}
Server: &version.Version{SemVer:"v2.0.0", GitCommit:"b0c113dfb9f612a9add796549da66c0d294508a3", GitTreeState:"clean"}

- SemVer is the semantic version of the release.
- GitCommit is the SHA for the commit that this version was built from.
- GitTreeState is "clean" if there are no local code changes when this binary was
  built, and "dirty" if the binary was built from locally modified code.

To print just the client version, use '--client'. To print just the server version,
use '--server'.
`,
  })
  client = Flag.bool('-c,--client', 'Client version only')
  server = Flag.bool('-s,--server', 'Server version only')
  short = Flag.bool('--short', 'Print the version number')
  template = Flag.string('--template', 'Template for version string format')

  private line(who: 'Client' | 'Server', v: V): string {
    return `${who}: ${formatVersion(v, this.short)}\n`
  }

  async execute(): Promise<number> {
    // Helm v2: neither flag means both
    const showClient = this.client || !this.server
    const showServer = this.server || !this.client
    if (this.template) return this.executeTemplate(this.template, showClient, showServer)
    let server: V | undefined
    if (showServer) {
      const got = await this.withTiller(async (api) => {
        const res = await api.getVersion()()
        if (E.isLeft(res)) {
          if (this.debug) this.context.stderr.write(`[debug] ${JSON.stringify(res.left)}\n`)
          this.context.stderr.write(`Error: ${await cannotConnect(res.left)}\n`)
          return 1
        }
        server = res.right.version
        return 0
      })
      if (got !== 0) {
        // v2 prints the client line before failing on the server
        if (showClient && server === undefined) this.context.stdout.write(this.render('Client', clientVersion))
        return 1
      }
    }
    if (showClient) this.context.stdout.write(this.render('Client', clientVersion))
    if (server) this.context.stdout.write(this.render('Server', server))
    return 0
  }

  private render(who: 'Client' | 'Server', v: V): string {
    return this.line(who, v)
  }

  /** Helm v2's `--template`: Go's text/template (no Sprig) named "_" over {Client, Server}, no line printed. */
  private async executeTemplate(text: string, showClient: boolean, showServer: boolean): Promise<number> {
    const data: Record<string, GoStruct> = {}
    if (showClient) data.Client = versionObject(clientVersion)
    if (showServer) {
      const got = await this.withTiller(async (api) => {
        const res = await api.getVersion()()
        if (E.isLeft(res)) {
          if (this.debug) this.context.stderr.write(`[debug] ${JSON.stringify(res.left)}\n`)
          this.context.stderr.write(`Error: ${await cannotConnect(res.left)}\n`)
          return 1
        }
        data.Server = versionObject(res.right.version)
        return 0
      })
      if (got !== 0) return 1
    }
    const { TemplateSet, TemplateError } = await import('../../domain/template/gotpl')
    try {
      const set = new TemplateSet({ funcs: {} })
      set.parse('_', text)
      this.context.stdout.write(set.execute('_', data))
      return 0
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e
      this.context.stderr.write(`Error: ${e.message}\n`)
      return 1
    }
  }
}

// Helm v2 says only "cannot connect to Tiller" when GetVersion fails; the cause is added (a connection failure
// already names Tiller's address and why)
const cannotConnect = async (e: import('../../domain/errors').HelmError): Promise<string> => {
  const { message } = await import('../../domain/errors')
  return e._tag === 'TillerConnectionFailed' ? message(e) : `cannot connect to Tiller: ${message(e)}`
}
