import * as E from 'fp-ts/Either'
import type { Chart } from '../../domain/chart/Chart'
import type { HelmError } from '../../domain/errors'
import type { ReleaseResponse } from '../../domain/release/ReleaseService'
import type { TillerApi } from '../../ports/TillerApi'
import { TillerCommand } from '../TillerCommand'
import { Arg, Flag } from '../front/Flag'
import { usage, needs } from '../HelmCommand'

/**
 * What install and upgrade share: the value, chart-locating and release flags, loading the chart, the
 * Tiller to talk to (in-process on memory adapters for a dry run; otherwise none until the gRPC client
 * exists) and Helm v2's printing of a release.
 */
export abstract class ReleaseCommand extends TillerCommand {
  // Helm v2 install's flags; upgrade overrides the ones it words differently
  namespace = Flag.string(
    '--namespace',
    'Namespace to install the release into. Defaults to the current kube config namespace.',
  )
  valueFiles = Flag.valueFiles('-f,--values', 'Specify values in a YAML file or a URL(can specify multiple)')
  set = Flag.stringArray(
    '--set',
    'Set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)',
  )
  setString = Flag.stringArray(
    '--set-string',
    'Set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)',
  )
  setFile = Flag.stringArray(
    '--set-file',
    'Set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)',
  )
  // beyond v2 (Helm 3/4)
  setJson = Flag.stringArray('--set-json', 'Set JSON values on the command line', { hidden: true })
  setLiteral = Flag.stringArray('--set-literal', 'Set a literal STRING value on the command line', { hidden: true })
  version = Flag.string(
    '--version',
    'Specify the exact chart version to install. If this is not specified, the latest version is installed',
  )
  devel = Flag.bool(
    '--devel',
    "Use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored.",
  )
  repo = Flag.string('--repo', 'Chart repository url where to locate the requested chart')
  verify = Flag.bool('--verify', 'Verify the package before installing it')
  keyring = Flag.string('--keyring', 'Location of public keys used for verification', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  username = Flag.string('--username', 'Chart repository username where to locate the requested chart')
  password = Flag.string('--password', 'Chart repository password where to locate the requested chart')
  caFile = Flag.string('--ca-file', 'Verify certificates of HTTPS-enabled servers using this CA bundle')
  certFile = Flag.string('--cert-file', 'Identify HTTPS client using this SSL certificate file')
  keyFile = Flag.string('--key-file', 'Identify HTTPS client using this SSL key file')
  dryRun = Flag.bool('--dry-run', 'Simulate an install')
  noHooks = Flag.bool('--no-hooks', 'Prevent hooks from running during install')
  wait = Flag.bool(
    '--wait',
    'If set, will wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment are in a ready state before marking the release as successful. It will wait for as long as --timeout',
  )
  timeout = Flag.seconds(
    '--timeout',
    300,
    'Time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  )
  atomic = Flag.bool('--atomic', 'If set, installation process purges chart on fail, also sets --wait flag')
  description = Flag.string('--description', 'Specify a description for the release')
  subNotes = Flag.bool('--render-subchart-notes', 'Render subchart notes along with the parent')
  output = Flag.stringDefault(
    '-o,--output',
    'table',
    'Prints the output in the specified format. Allowed values: table, json, yaml',
  )

  /** The user's values as Config raw YAML (`{}\n` when none), from -f/--set/... in Helm's order. */
  async config(): Promise<E.Either<HelmError, string>> {
    const { readStream, readValues, valueOptions } = await import('../values/ReadValues')
    const { toYamlString } = await import('../../domain/yaml/Write')
    const values = await readValues(valueOptions(this), {
      cwd: this.context.cwd,
      readStdin: () => readStream(this.context.stdin),
    })()
    return E.map(toYamlString)(values)
  }

  /**
   * Loads CHART: a local folder or archive, else a repository reference resolved through $HELM_HOME.
   * As Helm v2, a chart whose requirements are not all in charts/ is refused, unless `depUp`: then
   * `helm dependency update` runs on its folder and the chart is loaded again.
   */
  async loadChart(ref: string, announce = false, depUp = false): Promise<E.Either<HelmError, Chart>> {
    const { locateChart } = await import('../ChartLocation')
    const located = await locateChart(this, ref, this)
    if (E.isLeft(located)) return located
    const where = located.right
    // Helm v2's debug lines (on stdout) before it loads the chart
    if (this.debug && announce)
      this.context.stdout.write(
        `[debug] Original chart version: "${this.version ?? ''}"\n[debug] CHART PATH: ${where}\n\n`,
      )
    const { loadChartPath } = await import('../../adapters/chart-fs/ChartFs')
    const chart = await loadChartPath(where)()
    if (E.isLeft(chart)) return chart
    const { checkDependencies } = await import('../../domain/values/Dependencies')
    const checked = checkDependencies(chart.right)
    if (E.isRight(checked)) return chart
    if (!depUp) return checked
    const { dependencyUpdate } = await import('../../adapters/helm-home/Dependencies')
    const updated = await dependencyUpdate(this.helmHome(), where, {
      out: (l) => this.context.stdout.write(`${l}\n`),
    })()
    return E.isLeft(updated) ? updated : loadChartPath(where)()
  }

  private remote: { readonly close: () => void } | undefined

  /**
   * The Tiller to talk to: the one at `--host`/$HELM_HOST over gRPC; else, for a dry run, an in-process
   * Tiller on memory adapters (no server, no cluster); else the Tiller pod through Helm v2's tunnel, or a
   * Tiller listening on 127.0.0.1:44134 (see src/cli/wiring.ts).
   */
  async tiller(): Promise<E.Either<HelmError, TillerApi>> {
    // the gRPC connection (TLS flags, tunnel to the Tiller pod or a local Tiller) is TillerCommand's
    if (this.tillerHost() || !this.dryRun) return this.connect()
    const { createTiller } = await import('../../tiller/embed')
    return E.right(createTiller())
  }

  /** Closes the connection to a remote Tiller, if one was opened. */
  closeTiller(): void {
    this.remote?.close()
    this.remote = undefined
  }

  /** `-o/--output` is table, json or yaml (v2's `write` refuses others; we say so before anything runs). */
  outputRefused(): string | undefined {
    return ['table', 'json', 'yaml'].includes(this.output) ? undefined : `unsupported format ${this.output}`
  }

  /** Helm v2's status after install and upgrade (`PrintStatus`, or the status response as -o json|yaml). */
  async printStatus(tiller: TillerApi, name: string): Promise<number> {
    const st = await tiller.getReleaseStatus({ name })()
    if (E.isLeft(st)) return this.fail(st.left)
    const { statusOutput } = await import('../output/StatusOutput')
    this.context.stdout.write(statusOutput(st.right, this.output as 'table' | 'json' | 'yaml'))
    return 0
  }

  /** Installs CHART as NAME ('' = generated) through `tiller` and prints the release; the exit code. */
  async installChart(
    tiller: TillerApi,
    chartRef: string,
    name: string,
    extra: {
      readonly replace?: boolean
      readonly noCrdHook?: boolean
      readonly announce?: boolean
      readonly depUp?: boolean
    } = {},
  ): Promise<number> {
    const chart = await this.loadChart(chartRef, extra.announce ?? false, extra.depUp ?? false)
    if (E.isLeft(chart)) return this.fail(chart.left)
    const raw = await this.config()
    if (E.isLeft(raw)) return this.fail(raw.left)
    const res = await tiller.installRelease({
      chart: chart.right,
      values: { raw: raw.right },
      name,
      namespace: this.namespace ?? 'default',
      dryRun: this.dryRun,
      disableHooks: this.noHooks,
      disableCrdHook: extra.noCrdHook ?? false,
      reuseName: extra.replace ?? false,
      wait: this.wait,
      timeout: this.timeout,
      atomic: this.atomic,
      subNotes: this.subNotes,
      ...(this.description !== undefined ? { description: this.description } : {}),
    })()
    if (E.isLeft(res)) return this.fail(res.left)
    // v2 prints the release (NAME, and --debug's block) only for table output
    if (this.output === 'table') await this.printRelease(res.right)
    // a dry run has no status to show
    return this.dryRun ? 0 : this.printStatus(tiller, res.right.release.name)
  }

  /** Helm v2 `printRelease` (the --debug block), then our plan for dry runs. */
  async printRelease(res: ReleaseResponse, nameLine = true): Promise<void> {
    const out = this.context.stdout
    for (const w of res.warnings ?? []) this.context.stderr.write(`WARNING: ${w}\n`)
    const rel = res.release
    if (nameLine) out.write(`NAME:   ${rel.name}\n`)
    if (!this.debug) return
    out.write((await import('../ReleaseText')).releaseText(rel))
    if (res.plan) {
      const { formatPlan } = await import('../../domain/release/ChangeSet')
      out.write(`\nPLAN:\n${formatPlan(res.plan.changes)}`)
    }
  }
}

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
    const named = this.args.length === 2 ? this.args[0] : this.name
    const name = named ?? (this.nameTemplate ? await this.templatedName(this.nameTemplate) : '')
    if (typeof name !== 'string') return name.code
    const tiller = await this.tiller()
    if (E.isLeft(tiller)) return this.fail(tiller.left)
    try {
      return await this.installChart(tiller.right, this.args[this.args.length - 1]!, name, {
        replace: this.replace,
        noCrdHook: this.noCrdHook,
        announce: true,
        depUp: this.depUp,
      })
    } finally {
      this.closeTiller()
    }
  }

  /** `--name-template`: a Go template with Sprig whose output is the release name (Helm v2 `generateName`). */
  private async templatedName(text: string): Promise<string | { code: number }> {
    const { TemplateSet } = await import('../../domain/template/gotpl')
    const { sprigFuncs } = await import('../../domain/template/sprig')
    const { cryptoRandom } = await import('../../adapters/system/System')
    try {
      const set = new TemplateSet({ funcs: sprigFuncs({ now: () => new Date(), randomBytes: cryptoRandom.bytes }) })
      set.parse('name-template', text)
      return set.execute('name-template', null).replaceAll('<no value>', '')
    } catch (e) {
      this.context.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`)
      return { code: 1 }
    }
  }
}
