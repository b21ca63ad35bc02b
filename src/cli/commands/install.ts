import * as E from 'fp-ts/Either'
import { Arg, Flag } from '../front/Flag'
import { needs, usage } from '../HelmCommand'
import { ReleaseCommand } from '../ReleaseCommand'

export default class InstallCommand extends ReleaseCommand {
  static override paths = [['install']]
  static override usage = usage({
    use: 'install [CHART]',
    short: 'Install a chart archive',
    long: `
This command installs a chart archive.

The install argument must be a chart reference, a path to a packaged chart,
a path to an unpacked chart directory or a URL.

To override values in a chart, use either the '--values' flag and pass in a file
or use the '--set' flag and pass configuration from the command line.  To force string
values in '--set', use '--set-string' instead. In case a value is large and therefore
you want not to use neither '--values' nor '--set', use '--set-file' to read the
single large value from file.

	$ helm install -f myvalues.yaml ./redis

or

	$ helm install --set name=prod ./redis

or

	$ helm install --set-string long_int=1234567890 ./redis

or
    $ helm install --set-file multiline_text=path/to/textfile

You can specify the '--values'/'-f' flag multiple times. The priority will be given to the
last (right-most) file specified. For example, if both myvalues.yaml and override.yaml
contained a key called 'Test', the value set in override.yaml would take precedence:

	$ helm install -f myvalues.yaml -f override.yaml ./redis

You can specify the '--set' flag multiple times. The priority will be given to the
last (right-most) set specified. For example, if both 'bar' and 'newbar' values are
set for a key called 'foo', the 'newbar' value would take precedence:

	$ helm install --set foo=bar --set foo=newbar ./redis


To check the generated manifests of a release without installing the chart,
the '--debug' and '--dry-run' flags can be combined. This will still require a
round-trip to the Tiller server.

If --verify is set, the chart MUST have a provenance file, and the provenance
file MUST pass all verification steps.

There are five different ways you can express the chart you want to install:

1. By chart reference: helm install stable/mariadb
2. By path to a packaged chart: helm install ./nginx-1.2.3.tgz
3. By path to an unpacked chart directory: helm install ./nginx
4. By absolute URL: helm install https://example.com/charts/nginx-1.2.3.tgz
5. By chart reference and repo url: helm install --repo https://example.com/charts/ nginx

CHART REFERENCES

A chart reference is a convenient way of reference a chart in a chart repository.

When you use a chart reference with a repo prefix ('stable/mariadb'), Helm will look in the local
configuration for a chart repository named 'stable', and will then look for a
chart in that repository whose name is 'mariadb'. It will install the latest
version of that chart unless you also supply a version number with the
'--version' flag.

To see the list of chart repositories, use 'helm repo list'. To search for
charts in a repository, use 'helm search'.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 || args.length > 2 ? needs('chart name')(args) : undefined
  name = Flag.string('-n,--name', 'The release name. If unspecified, it will autogenerate one for you')
  nameTemplate = Flag.string('--name-template', 'Specify template used to name the release')
  replace = Flag.bool(
    '--replace',
    'Re-use the given name, even if that name is already used. This is unsafe in production',
  )
  noCrdHook = Flag.bool('--no-crd-hook', 'Prevent CRD hooks from running, but run other hooks')
  depUp = Flag.bool('--dep-up,--dependency-update', 'Run helm dependency update before installing the chart')
  // Helm v2 takes CHART; Helm 3's NAME CHART is accepted too
  args = Arg.rest('CHART')

  async execute(): Promise<number> {
    const refused = this.outputRefused()
    if (refused !== undefined) return this.failText(refused)
    const { installChart } = await import('../../app/client/InstallChart')
    const { locateRequest } = await import('../ChartFlags')
    const { clientDeps } = await import('../ClientWiring')
    const named = this.args.length === 2 ? this.args[0] : this.name
    const name =
      named !== undefined
        ? E.right(named)
        : this.nameTemplate
          ? (await import('../../app/client/Template')).templatedName(this.nameTemplate)(clientDeps(this))
          : E.right('')
    if (E.isLeft(name)) return this.fail(name.left)
    const tiller = await this.tiller()
    if (E.isLeft(tiller)) return this.fail(tiller.left)
    const deps = clientDeps(this, { tiller: tiller.right })
    const answer = await installChart({
      chart: {
        ...locateRequest(this, this.args[this.args.length - 1]!, this),
        depUp: this.depUp,
        announce: this.debug,
      },
      values: await this.valueOptions(),
      release: {
        name: name.right,
        namespace: this.namespace ?? 'default',
        dryRun: this.dryRun,
        disableHooks: this.noHooks,
        disableCrdHook: this.noCrdHook,
        reuseName: this.replace,
        wait: this.wait,
        timeout: this.timeout,
        atomic: this.atomic,
        subNotes: this.subNotes,
        ...(this.description !== undefined ? { description: this.description } : {}),
      },
    })(deps)()
    return E.isLeft(answer) ? this.fail(answer.left) : this.printAnswer(answer.right)
  }
}
