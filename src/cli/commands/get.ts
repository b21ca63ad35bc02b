import * as E from 'fp-ts/Either'
import type { Release } from '../../domain/release/Release'
import { TillerCommand } from '../TillerCommand'
import { Arg, Flag } from '../front/Flag'
import { usage } from '../HelmCommand'

/** What every `helm get` command shares: RELEASE, --revision, and fetching that revision's content. */
export abstract class GetBase extends TillerCommand {
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? 'release name is required' : undefined
  revision = Flag.int32('--revision', 0, 'Get the named release with revision')
  name = Arg.required('RELEASE_NAME')

  /** Fetches the release (revision 0 = latest) and prints `show(release)` on stdout. */
  async showRelease(show: (r: Release) => string | Promise<string>): Promise<number> {
    const name = this.name
    const version = this.revision
    return this.withTiller(async (api) => {
      const res = await api.getReleaseContent({ name, version })()
      if (E.isLeft(res)) return this.fail(res.left)
      this.context.stdout.write(await show(res.right.release))
      return 0
    })
  }
}

// Go templates see the hapi structs' exported (capitalised) field names: .Release.Name, .Release.Info.Status.Code
const goFields = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(goFields)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.charAt(0).toUpperCase() + k.slice(1), goFields(x)]))
      : v

export default class GetCommand extends GetBase {
  static override paths = [['get']]
  static override usage = usage({
    use: 'get [flags] RELEASE_NAME',
    short: 'Download a named release',
    long: `
This command shows the details of a named release.

It can be used to get extended information about the release, including:

  - The values used to generate the release
  - The chart used to generate the release
  - The generated manifest file

By default, this prints a human readable collection of information about the
chart, the supplied values, and the generated manifest file.
`,
  })
  template = Flag.string('--template', 'Go template for formatting the output, eg: {{.Release.Name}}')

  async execute(): Promise<number> {
    const { releaseText } = await import('../ReleaseText')
    const tpl = this.template
    if (tpl === undefined) return this.showRelease(releaseText)
    const { TemplateSet } = await import('../../domain/template/gotpl')
    const { sprigFuncs } = await import('../../domain/template/sprig')
    const { cryptoRandom } = await import('../../adapters/system/System')
    return this.showRelease((r) => {
      // Helm v2 executes the template over {Release: <the hapi Release>}
      const set = new TemplateSet({ funcs: sprigFuncs({ now: () => new Date(), randomBytes: cryptoRandom.bytes }) })
      set.parse('get', tpl)
      return set.execute('get', { Release: goFields(JSON.parse(JSON.stringify(r)) as unknown) as never })
    })
  }
}
