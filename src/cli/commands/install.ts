import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import type { Chart } from '../../domain/chart/Chart'
import type { HelmError } from '../../domain/errors'
import type { ReleaseResponse } from '../../domain/release/ReleaseService'
import type { TillerApi } from '../../ports/TillerApi'
import { TillerCommand } from '../TillerCommand'
import { caFileFlag, certFileFlag, keyFileFlag, passwordFlag, usernameFlag } from '../RepoAuthFlags'

/**
 * What install and upgrade share: the value, chart-locating and release flags, loading the chart, the
 * Tiller to talk to (in-process on memory adapters for a dry run; otherwise none until the gRPC client
 * exists) and Helm v2's printing of a release.
 */
export abstract class ReleaseCommand extends TillerCommand {
  namespace = Option.String('--namespace', { description: 'namespace to install the release into' })
  valueFiles = Option.Array('-f,--values', [], {
    description: 'specify values in a YAML file or a URL (can specify multiple)',
  })
  set = Option.Array('--set', [], {
    description:
      'set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)',
  })
  setString = Option.Array('--set-string', [], { description: 'set STRING values on the command line' })
  setFile = Option.Array('--set-file', [], {
    description: 'set values from respective files specified via the command line',
  })
  setJson = Option.Array('--set-json', [], { description: 'set JSON values on the command line' })
  setLiteral = Option.Array('--set-literal', [], { description: 'set a literal STRING value on the command line' })
  version = Option.String('--version', {
    description:
      'specify the exact chart version to install. If this is not specified, the latest version is installed',
  })
  devel = Option.Boolean('--devel', false, {
    description: "use development versions, too. Equivalent to version '>0.0.0-0'",
  })
  repo = Option.String('--repo', { description: 'chart repository url where to locate the requested chart' })
  verify = Option.Boolean('--verify', false, { description: 'verify the package before installing it' })
  keyring = Option.String('--keyring', { description: 'location of public keys used for verification' })
  username = usernameFlag('chart repository username where to locate the requested chart')
  password = passwordFlag('chart repository password where to locate the requested chart')
  caFile = caFileFlag()
  certFile = certFileFlag()
  keyFile = keyFileFlag()
  dryRun = Option.Boolean('--dry-run', false, { description: 'simulate an install' })
  noHooks = Option.Boolean('--no-hooks', false, { description: 'prevent hooks from running during install' })
  wait = Option.Boolean('--wait', false, {
    description: 'wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment are in a ready state',
  })
  timeout = Option.String('--timeout', '300', {
    description: 'time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  })
  atomic = Option.Boolean('--atomic', false, {
    description: 'if set, the operation rolls back (upgrade) or purges (install) on failure; sets --wait',
  })
  description = Option.String('--description', { description: 'specify a description for the release' })
  subNotes = Option.Boolean('--render-subchart-notes', false, {
    description: 'render subchart notes along with the parent',
  })

  /** `--timeout` as seconds (Helm v2 takes an integer; a Go duration like `5m0s` is accepted too). */
  timeoutSeconds(): number {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(this.timeout)
    if (/^\d+$/.test(this.timeout)) return Number(this.timeout)
    return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : 300
  }

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

  /** Helm v2 `PrintStatus`, as install and upgrade print it after a real (not dry) run. */
  async printStatus(tiller: TillerApi, name: string): Promise<number> {
    const st = await tiller.getReleaseStatus({ name })()
    if (E.isLeft(st)) return this.fail(st.left)
    const { statusText } = await import('../ReleaseText')
    this.context.stdout.write(statusText(st.right))
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
      timeout: this.timeoutSeconds(),
      atomic: this.atomic,
      subNotes: this.subNotes,
      ...(this.description !== undefined ? { description: this.description } : {}),
    })()
    if (E.isLeft(res)) return this.fail(res.left)
    await this.printRelease(res.right)
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
  static override usage = Command.Usage({
    description: 'install a chart archive',
    details: `This command installs a chart archive.

The install argument must be a chart reference, a path to a packaged chart, a path to an unpacked
chart directory or a URL. \`helm install NAME CHART\` (Helm 3's form) is accepted too.

With --dry-run the release is computed by an in-process Tiller and nothing is installed; --debug
prints it, followed by the plan of what would be created.`,
  })
  name = Option.String('-n,--name', { description: 'release name. If unspecified, it will autogenerate one for you' })
  nameTemplate = Option.String('--name-template', { description: 'specify template used to name the release' })
  replace = Option.Boolean('--replace', false, {
    description: 're-use the given name, even if that name is already used. This is unsafe in production',
  })
  noCrdHook = Option.Boolean('--no-crd-hook', false, {
    description: 'prevent CRD hooks from running, but run other hooks',
  })
  depUp = Option.Boolean('--dep-up,--dependency-update', false, {
    description: 'run helm dependency update before installing the chart',
  })
  args = Option.Rest()

  async execute(): Promise<number> {
    if (this.args.length === 0 || this.args.length > 2) {
      this.context.stderr.write(`Error: This command needs 1 argument: chart name\n`)
      return 1
    }
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
