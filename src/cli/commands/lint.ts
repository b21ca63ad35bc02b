import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../HelmCommand'
import { Arg, Flag } from '../front/Flag'

export default class LintCommand extends HelmCommand {
  static override paths = [['lint']]
  static override usage = usage({
    use: 'lint [flags] PATH',
    short: 'Examines a chart for possible issues',
    long: `
This command takes a path to a chart and runs a series of tests to verify that
the chart is well-formed.

If the linter encounters things that will cause the chart to fail installation,
it will emit [ERROR] messages. If it encounters issues that break with convention
or recommendation, it will emit [WARNING] messages.
`,
  })
  strict = Flag.bool('--strict', 'Fail on lint warnings')
  namespace = Flag.stringDefault('--namespace', 'default', 'Namespace to put the release into')
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
  // beyond v2 (Helm 4)
  quiet = Flag.bool('--quiet', 'print only warnings and errors', { hidden: true })
  withSubcharts = Flag.bool('--with-subcharts', 'lint dependent charts', { hidden: true })
  kubeVersion = Flag.string('--kube-version', 'Kubernetes version used for capabilities and deprecation checks', {
    hidden: true,
  })
  setJson = Flag.stringArray('--set-json', 'set JSON values on the command line', { hidden: true })
  setLiteral = Flag.stringArray('--set-literal', 'set a literal STRING value on the command line', { hidden: true })
  charts = Arg.rest('PATH')

  async execute(): Promise<number> {
    const { lintCharts } = await import('../../app/client/Lint')
    const { formatLintMessage, lintFailed } = await import('../../domain/lint/LintMessage')
    const { valueOptions } = await import('../values/ReadValues')
    const { clientDeps } = await import('../ClientWiring')
    const { stdout, stderr } = this.context
    const linted = await lintCharts({
      cwd: this.context.cwd,
      charts: this.charts,
      withSubcharts: this.withSubcharts,
      values: valueOptions(this),
      namespace: this.namespace,
      strict: this.strict,
      ...(this.kubeVersion !== undefined ? { kubeVersion: this.kubeVersion } : {}),
    })(clientDeps(this, { warn: (m) => void stderr.write(`${helm4Log(m)}\n`) }))()
    if (E.isLeft(linted)) return this.fail(linted.left)
    let failed = 0
    for (const { target, result } of linted.right) {
      const fails = result.fatal !== undefined || lintFailed(result.messages, this.strict)
      if (fails) failed++
      const shown = this.quiet ? result.messages.filter((m) => m.severity !== 'INFO') : result.messages
      if (this.quiet && !fails && shown.length === 0) continue
      let text = `==> Linting ${target}\n`
      if (result.fatal !== undefined) text += `${result.fatal}\n`
      for (const m of shown) text += `${formatLintMessage(m)}\n`
      stdout.write(`${text}\n`)
    }
    const summary = `${linted.right.length} chart(s) linted, ${failed} chart(s) failed`
    if (failed > 0) {
      stderr.write(`Error: ${summary}\n`)
      return 1
    }
    stdout.write(`${summary}\n`)
    return 0
  }
}

// Helm 4 logs lint-mode `required` misses through slog: level=WARN msg="missing required value" message="...".
const helm4Log = (m: string): string => {
  const missing = /^\[INFO\] Missing required value: ([\s\S]*)$/.exec(m)
  return missing ? `level=WARN msg="missing required value" message=${JSON.stringify(missing[1])}` : m
}
