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
    const path = await import('node:path')
    const fs = await import('node:fs/promises')
    const { randomBytes } = await import('node:crypto')
    const { readChartDir } = await import('../../adapters/chart-fs/ChartFs')
    const { readChartArchive } = await import('../../domain/chart/archive/Archive')
    const { lintChartFiles } = await import('../../domain/lint/Lint')
    const { formatLintMessage, lintFailed } = await import('../../domain/lint/LintMessage')
    const { readStream, readValues, valueOptions } = await import('../values/ReadValues')
    const { stdout, stderr, cwd } = this.context
    const values = await readValues(valueOptions(this), { cwd, readStdin: () => readStream(this.context.stdin) })()
    if (E.isLeft(values)) return this.fail(values.left)
    const env = {
      now: () => new Date(),
      randomBytes: (n: number) => new Uint8Array(randomBytes(n)),
      warn: (m: string) => void stderr.write(`${helm4Log(m)}\n`),
    }
    const targets = this.charts.length > 0 ? [...this.charts] : ['.']
    // Helm 4: every Chart.yaml folder and archive under each chart's charts/ is linted as well.
    if (this.withSubcharts)
      for (const t of [...targets]) {
        const walk = async (dir: string, shown: string): Promise<void> => {
          for (const e of (await fs.readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) =>
            a.name < b.name ? -1 : 1,
          )) {
            if (e.name === 'Chart.yaml') targets.push(shown)
            else if (/\.(tgz|tar\.gz)$/.test(e.name)) targets.push(path.join(shown, e.name))
            if (e.isDirectory()) await walk(path.join(dir, e.name), path.join(shown, e.name))
          }
        }
        await walk(path.resolve(cwd, t, 'charts'), path.join(t, 'charts'))
      }
    let failed = 0
    for (const target of targets) {
      const abs = path.resolve(cwd, target)
      const st = await fs.stat(abs).catch(() => undefined)
      let files: E.Either<
        import('../../domain/errors').HelmError,
        ReadonlyArray<import('../../domain/chart/Chart').ChartFile>
      > = E.right([])
      if (st?.isDirectory()) files = await readChartDir(abs)()
      else if (st) files = readChartArchive(new Uint8Array(await fs.readFile(abs)), target)
      const result = E.isLeft(files)
        ? {
            messages: [],
            fatal: `Error unable to load chart ${target}: ${(await import('../../domain/errors')).message(files.left)}`,
          }
        : lintChartFiles(
            files.right,
            st?.isDirectory() ? abs : target,
            values.right,
            {
              namespace: this.namespace,
              strict: this.strict,
              ...(this.kubeVersion !== undefined ? { kubeVersion: this.kubeVersion } : {}),
            },
            env,
          )
      const fatal = result.fatal?.replace(`${abs}/Chart.yaml`, `${target}/Chart.yaml`)
      const fails = fatal !== undefined || lintFailed(result.messages, this.strict)
      if (fails) failed++
      const shown = this.quiet ? result.messages.filter((m) => m.severity !== 'INFO') : result.messages
      if (this.quiet && !fails && shown.length === 0) continue
      let text = `==> Linting ${target}\n`
      if (fatal !== undefined) text += `${fatal}\n`
      for (const m of shown) text += `${formatLintMessage(m)}\n`
      stdout.write(`${text}\n`)
    }
    const summary = `${targets.length} chart(s) linted, ${failed} chart(s) failed`
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
