import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../HelmCommand'
import type { HelmError } from '../../domain/errors'
import { Arg, Flag } from '../front/Flag'

export default class TemplateCommand extends HelmCommand {
  static override paths = [['template']]
  static override usage = usage({
    use: 'template [flags] CHART',
    short: 'Locally render templates',
    long: `
Render chart templates locally and display the output.

This does not require Tiller. However, any values that would normally be
looked up or retrieved in-cluster will be faked locally. Additionally, none
of the server-side testing of chart validity (e.g. whether an API is supported)
is done.

To render just one template in a chart, use '-x':

	$ helm template mychart -x templates/deployment.yaml
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) => (args.length === 0 ? 'chart is required' : undefined)
  name = Flag.string('-n,--name', 'Release name', { shownDefault: () => 'release-name' })
  nameTemplate = Flag.string('--name-template', 'Specify template used to name the release')
  namespace = Flag.string('--namespace', 'Namespace to install the release into')
  // -s/--show-only: Helm 3/4's name of -x/--execute
  execute_ = Flag.stringArray('-x,--execute,-s,--show-only', 'Only execute the given templates')
  notes = Flag.bool('--notes', 'Show the computed NOTES.txt file as well')
  outputDir = Flag.string('--output-dir', 'Writes the executed templates to files in output-dir instead of stdout')
  // v2 renders with Kubernetes 1.14 when this is not given; we render as Helm 4.1.4 does (see README)
  kubeVersion = Flag.string('--kube-version', 'Kubernetes version used as Capabilities.KubeVersion.Major/Minor', {
    shownDefault: () => '1.14',
  })
  apiVersions = Flag.stringArray('-a,--api-versions', 'Kubernetes api versions used for Capabilities.APIVersions')
  isUpgrade = Flag.bool('--is-upgrade', 'Set .Release.IsUpgrade instead of .Release.IsInstall')
  valueFiles = Flag.valueFiles('-f,--values', 'Specify values in a YAML file (can specify multiple)')
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
  // beyond v2: Helm 4's template flags, unlisted
  includeCrds = Flag.bool('--include-crds', 'include CRDs in the templated output', { hidden: true })
  skipTests = Flag.bool('--skip-tests', 'skip tests from templated output', { hidden: true })
  noHooks = Flag.bool('--no-hooks', 'prevent hooks from being rendered', { hidden: true })
  renderSubchartNotes = Flag.bool('--render-subchart-notes', 'render subchart notes along with the parent', {
    hidden: true,
  })
  strict = Flag.bool('--strict', 'fail on lint warnings (missingkey=error)', { hidden: true })
  setJson = Flag.stringArray('--set-json', 'set JSON values on the command line', { hidden: true })
  setLiteral = Flag.stringArray('--set-literal', 'set a literal STRING value on the command line', { hidden: true })
  version = Flag.string('--version', 'fetch the chart at this version (constraint) from its repository', {
    hidden: true,
  })
  devel = Flag.bool('--devel', "use development versions, too. Equivalent to version '>0.0.0-0'", { hidden: true })
  repo = Flag.string('--repo', 'chart repository url where to locate the requested chart', { hidden: true })
  dependencyUpdate = Flag.bool(
    '--dependency-update,--dep-up',
    'update dependencies if they are missing before installing the chart',
    { hidden: true },
  )
  skipSchemaValidation = Flag.bool('--skip-schema-validation', 'if set, disables JSON schema validation', {
    hidden: true,
  })
  verify = Flag.bool('--verify', 'verify the package before using it', { hidden: true })
  keyring = Flag.string('--keyring', 'location of public keys used for verification', {
    hidden: true,
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  // beyond v2: render with what a v2 Tiller gives templates (see README)
  asTiller = Flag.bool(
    '--as-tiller',
    'render with the objects a Helm v2 Tiller gives templates (.Release.Service "Tiller", .Release.Time, .Capabilities.TillerVersion) instead of Helm 4\'s',
    { hidden: true },
  )
  username = Flag.string('--username', 'chart repository username where to locate the requested chart', {
    hidden: true,
  })
  password = Flag.string('--password', 'chart repository password where to locate the requested chart', {
    hidden: true,
  })
  // beyond v2: Helm 4's flags for `oci://` registries
  insecureSkipTlsVerify = Flag.bool(
    '--insecure-skip-tls-verify',
    'skip tls certificate checks for the chart download',
    {
      hidden: true,
    },
  )
  plainHttp = Flag.bool('--plain-http', 'use insecure HTTP connections for the chart download', { hidden: true })
  caFile = Flag.string('--ca-file', 'verify certificates of HTTPS-enabled servers using this CA bundle', {
    hidden: true,
  })
  certFile = Flag.string('--cert-file', 'identify HTTPS client using this SSL certificate file', { hidden: true })
  keyFile = Flag.string('--key-file', 'identify HTTPS client using this SSL key file', { hidden: true })
  // Helm v2 takes CHART; Helm 3's NAME CHART is accepted too
  args = Arg.rest('CHART')

  async execute(): Promise<number> {
    if (this.args.length > 2)
      return this.failText(`expected at most two arguments, unexpected arguments: ${this.args.slice(2).join(', ')}`)
    const { template } = await import('../../app/client/Template')
    const { valueOptions } = await import('../values/ReadValues')
    const { locateRequest } = await import('../ChartFlags')
    const { clientDeps } = await import('../ClientWiring')
    const result = await template({
      ...locateRequest(this, this.args[this.args.length - 1]!, this),
      name: this.args.length === 2 ? this.args[0] : this.name,
      nameTemplate: this.nameTemplate,
      namespace: this.namespace ?? this.context.env.HELM_NAMESPACE ?? 'default',
      showOnly: this.execute_,
      notes: this.notes,
      outputDir: this.outputDir,
      kubeVersion: this.kubeVersion,
      apiVersions: this.apiVersions.flatMap((a) => a.split(',')).filter((a) => a !== ''),
      isUpgrade: this.isUpgrade,
      includeCrds: this.includeCrds,
      skipTests: this.skipTests,
      noHooks: this.noHooks,
      subNotes: this.renderSubchartNotes,
      strict: this.strict,
      ...(this.asTiller ? { asTiller: { version: (await import('../version')).clientVersion } } : {}),
      values: valueOptions(this),
      dependencyUpdate: this.dependencyUpdate,
      skipSchemaValidation: this.skipSchemaValidation,
    })(clientDeps(this))()
    if (E.isLeft(result)) return this.failRender(result.left)
    this.context.stdout.write(result.right)
    return 0
  }

  private async failRender(e: HelmError): Promise<number> {
    const { renderHintTags } = await import('../../domain/render/RenderError')
    const code = this.fail(e)
    if (renderHintTags.has(e._tag)) this.context.stderr.write('\nUse --debug flag to render out invalid YAML\n')
    return code
  }
}
