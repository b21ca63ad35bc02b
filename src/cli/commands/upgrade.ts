import * as E from 'fp-ts/Either'
import { Arg, Flag } from '../front/Flag'
import { needs, usage } from '../HelmCommand'
import { ReleaseCommand } from '../ReleaseCommand'

export default class UpgradeCommand extends ReleaseCommand {
  static override paths = [['upgrade']]
  static override usage = usage({
    use: 'upgrade [RELEASE] [CHART]',
    short: 'Upgrade a release',
    long: `
This command upgrades a release to a specified version of a chart and/or updates chart values.

Required arguments are release and chart. The chart argument can be one of:
 - a chart reference('stable/mariadb'); use '--version' and '--devel' flags for versions other than latest,
 - a path to a chart directory,
 - a packaged chart,
 - a fully qualified URL.

To customize the chart values, use any of
 - '--values'/'-f' to pass in a yaml file holding settings,
 - '--set' to provide one or more key=val pairs directly,
 - '--set-string' to provide key=val forcing val to be stored as a string,
 - '--set-file' to provide key=path to read a single large value from a file at path.

To edit or append to the existing customized values, add the
 '--reuse-values' flag, otherwise any existing customized values are ignored.

If no chart value arguments are provided on the command line, any existing customized values are carried
forward. If you want to revert to just the values provided in the chart, use the '--reset-values' flag.

You can specify any of the chart value flags multiple times. The priority will be given to the last
(right-most) value specified. For example, if both myvalues.yaml and override.yaml contained a key
called 'Test', the value set in override.yaml would take precedence:

	$ helm upgrade -f myvalues.yaml -f override.yaml redis ./redis

Note that the key name provided to the '--set', '--set-string' and '--set-file' flags can reference
structure elements. Examples:
  - mybool=TRUE
  - livenessProbe.timeoutSeconds=10
  - metrics.annotations[0]=hey,metrics.annotations[1]=ho

which sets the top level key mybool to true, the nested timeoutSeconds to 10, and two array values, respectively.

Note that the value side of the key=val provided to '--set' and '--set-string' flags will pass through
shell evaluation followed by yaml type parsing to produce the final value. This may alter inputs with
special characters in unexpected ways, for example

	$ helm upgrade --set pwd=3jk$o2,z=f\\30.e redis ./redis

results in "pwd: 3jk" and "z: f30.e". Use single quotes to avoid shell evaluation and argument delimiters,
and use backslash to escape yaml special characters:

	$ helm upgrade --set pwd='3jk$o2z=f\\\\30.e' redis ./redis

which results in the expected "pwd: 3jk$o2z=f\\30.e". If a single quote occurs in your value then follow
your shell convention for escaping it; for example in bash:

	$ helm upgrade --set pwd='3jk$o2z=f\\\\30with'\\''quote'

which results in "pwd: 3jk$o2z=f\\30with'quote".
`,
  })
  static override checkArgs = needs('release name', 'chart path')
  install = Flag.bool('-i,--install', "If a release by this name doesn't already exist, run an install")
  reuseValues = Flag.bool(
    '--reuse-values',
    "When upgrading, reuse the last release's values and merge in any overrides from the command line via --set and -f. If '--reset-values' is specified, this is ignored.",
  )
  resetValues = Flag.bool('--reset-values', 'When upgrading, reset the values to the ones built into the chart')
  force = Flag.bool('--force', 'Force resource update through delete/recreate if needed')
  recreatePods = Flag.bool('--recreate-pods', 'Performs pods restart for the resource if applicable')
  cleanupOnFail = Flag.bool(
    '--cleanup-on-fail',
    'Allow deletion of new resources created in this upgrade when upgrade failed',
  )
  disableHooks = Flag.bool('--disable-hooks', 'Disable pre/post upgrade hooks. DEPRECATED. Use no-hooks', {
    deprecated: 'Use --no-hooks instead',
  })
  // upgrade's wording of the flags it shares with install
  override namespace = Flag.string(
    '--namespace',
    'Namespace to install the release into (only used if --install is set). Defaults to the current kube config namespace',
  )
  override version = Flag.string(
    '--version',
    'Specify the exact chart version to use. If this is not specified, the latest version is used',
  )
  override verify = Flag.bool('--verify', 'Verify the provenance of the chart before upgrading')
  override keyring = Flag.string('--keyring', 'Path to the keyring that contains public signing keys', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  override dryRun = Flag.bool('--dry-run', 'Simulate an upgrade')
  override noHooks = Flag.bool('--no-hooks', 'Disable pre/post upgrade hooks')
  override atomic = Flag.bool(
    '--atomic',
    'If set, upgrade process rolls back changes made in case of failed upgrade, also sets --wait flag',
  )
  override description = Flag.string(
    '--description',
    'Specify the description to use for the upgrade, rather than the default',
  )
  override subNotes = Flag.bool('--render-subchart-notes', 'Render subchart notes along with parent')
  args = Arg.rest('RELEASE CHART')

  get release(): string {
    return this.args[0] ?? ''
  }

  get chart(): string {
    return this.args[1] ?? ''
  }

  async execute(): Promise<number> {
    const refused = this.outputRefused()
    if (refused !== undefined) return this.failText(refused)
    const tiller = await this.tiller()
    if (E.isLeft(tiller)) return this.fail(tiller.left)
    const { upgradeChart } = await import('../../app/client/UpgradeChart')
    const { locateRequest } = await import('../ChartFlags')
    const { clientDeps } = await import('../ClientWiring')
    const common = {
      dryRun: this.dryRun,
      timeout: this.timeout,
      wait: this.wait,
      subNotes: this.subNotes,
      atomic: this.atomic,
      ...(this.description !== undefined ? { description: this.description } : {}),
    }
    const answer = await upgradeChart({
      chart: locateRequest(this, this.chart, this),
      values: await this.valueOptions(),
      release: {
        ...common,
        name: this.release,
        disableHooks: this.noHooks || this.disableHooks,
        recreate: this.recreatePods,
        resetValues: this.resetValues,
        reuseValues: this.reuseValues,
        force: this.force,
        cleanupOnFail: this.cleanupOnFail,
      },
      ...(this.install
        ? {
            install: {
              ...common,
              name: this.release,
              namespace: this.namespace ?? 'default',
              disableHooks: this.noHooks,
              disableCrdHook: false,
              reuseName: false,
            },
          }
        : {}),
    })(clientDeps(this, { tiller: tiller.right }))()
    if (E.isLeft(answer)) return this.fail(answer.left)
    return answer.right.installed
      ? this.printAnswer(answer.right)
      : this.printAnswer(answer.right, false, `Release "${this.release}" has been upgraded.\n`)
  }
}
