import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { HelmCommand } from '../HelmCommand'
import { caFileFlag, certFileFlag, keyFileFlag, passwordFlag, usernameFlag } from '../RepoAuthFlags'
import type { HelmError } from '../../domain/errors'

export default class TemplateCommand extends HelmCommand {
  static override paths = [['template']]
  static override usage = Command.Usage({
    description: 'locally render templates',
    details: `Render chart templates locally and display the output.

Any values that would normally be looked up or retrieved in-cluster will be faked locally. Either
\`helm template CHART\` (release name "release-name", or --name) or \`helm template NAME CHART\`.`,
  })
  name = Option.String('-n,--name', { description: 'release name (default "release-name")' })
  nameTemplate = Option.String('--name-template', { description: 'specify template used to name the release' })
  namespace = Option.String('--namespace', { description: 'namespace to install the release into' })
  execute_ = Option.Array('-x,--execute,-s,--show-only', [], {
    description: 'only show manifests rendered from the given templates',
  })
  notes = Option.Boolean('--notes', false, { description: 'show the computed NOTES.txt file as well' })
  outputDir = Option.String('--output-dir', {
    description: 'writes the executed templates to files in output-dir instead of stdout',
  })
  kubeVersion = Option.String('--kube-version', { description: 'Kubernetes version used for Capabilities.KubeVersion' })
  apiVersions = Option.Array('-a,--api-versions', [], {
    description: 'Kubernetes api versions used for Capabilities.APIVersions',
  })
  isUpgrade = Option.Boolean('--is-upgrade', false, {
    description: 'set .Release.IsUpgrade instead of .Release.IsInstall',
  })
  includeCrds = Option.Boolean('--include-crds', false, { description: 'include CRDs in the templated output' })
  skipTests = Option.Boolean('--skip-tests', false, { description: 'skip tests from templated output' })
  noHooks = Option.Boolean('--no-hooks', false, { description: 'prevent hooks from being rendered' })
  renderSubchartNotes = Option.Boolean('--render-subchart-notes', false, {
    description: 'render subchart notes along with the parent',
  })
  asTiller = Option.Boolean('--as-tiller', false, {
    description:
      'render with the objects a Helm v2 Tiller gives templates (.Release.Service "Tiller", .Release.Time, .Capabilities.TillerVersion) instead of Helm 4\'s',
  })
  strict = Option.Boolean('--strict', false, { description: 'fail on lint warnings (missingkey=error)' })
  valueFiles = Option.Array('-f,--values', [], { description: 'specify values in a YAML file (can specify multiple)' })
  set = Option.Array('--set', [], { description: 'set values on the command line (key1=val1,key2=val2)' })
  setString = Option.Array('--set-string', [], { description: 'set STRING values on the command line' })
  setFile = Option.Array('--set-file', [], { description: 'set values from files (key1=path1,key2=path2)' })
  setJson = Option.Array('--set-json', [], { description: 'set JSON values on the command line' })
  setLiteral = Option.Array('--set-literal', [], { description: 'set a literal STRING value on the command line' })
  version = Option.String('--version', {
    description: 'fetch the chart at this version (constraint) from its repository',
  })
  devel = Option.Boolean('--devel', false, {
    description: "use development versions, too. Equivalent to version '>0.0.0-0'",
  })
  repo = Option.String('--repo', { description: 'chart repository url where to locate the requested chart' })
  dependencyUpdate = Option.Boolean('--dependency-update,--dep-up', false, {
    description: 'update dependencies if they are missing before installing the chart',
  })
  skipSchemaValidation = Option.Boolean('--skip-schema-validation', false, {
    description: 'if set, disables JSON schema validation',
  })
  verify = Option.Boolean('--verify', false, { description: 'verify the package before using it' })
  keyring = Option.String('--keyring', { description: 'location of public keys used for verification' })
  username = usernameFlag('chart repository username where to locate the requested chart')
  password = passwordFlag('chart repository password where to locate the requested chart')
  caFile = caFileFlag()
  certFile = certFileFlag()
  keyFile = keyFileFlag()
  args = Option.Rest({ required: 1 })

  async execute(): Promise<number> {
    if (this.args.length > 2)
      return this.failText(`expected at most two arguments, unexpected arguments: ${this.args.slice(2).join(', ')}`)
    const { runTemplate } = await import('../template/RunTemplate')
    const { valueOptions } = await import('../values/ReadValues')
    const { keyringPath, repoAuth } = await import('../ChartLocation')
    const auth = repoAuth(this)
    const chartArg = this.args[this.args.length - 1]!
    const result = await runTemplate({
      cwd: this.context.cwd,
      stdin: this.context.stdin,
      chart: chartArg,
      helmHome: this.helmHome(),
      version: this.version,
      devel: this.devel,
      repo: this.repo,
      verify: this.verify,
      ...(this.verify ? { keyring: await keyringPath(this, this.keyring) } : {}),
      ...(auth !== undefined ? { auth } : {}),
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
      out: (l) => this.context.stdout.write(`${l}\n`),
      warn: (m) => this.context.stderr.write(`${m}\n`),
    })()
    if (E.isLeft(result)) return this.failRender(result.left)
    this.context.stdout.write(result.right)
    return 0
  }

  private failText(text: string): number {
    this.context.stderr.write(`Error: ${text}\n`)
    return 1
  }

  private async failRender(e: HelmError): Promise<number> {
    const { renderHintTags } = await import('../../domain/render/RenderError')
    const code = this.fail(e)
    if (renderHintTags.has(e._tag)) this.context.stderr.write('\nUse --debug flag to render out invalid YAML\n')
    return code
  }
}
