import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../../HelmCommand'
import { Arg, Flag } from '../../front/Flag'

export default class DependencyListCommand extends HelmCommand {
  static override paths = [
    ['dependency', 'list'],
    ['dep', 'list'],
    ['dependencies', 'list'],
    ['dependency', 'ls'],
    ['dep', 'ls'],
  ]
  static override usage = usage({
    use: 'list [flags] CHART',
    short: 'List the dependencies for the given chart',
    long: `
List all of the dependencies declared in a chart.

This can take chart archives and chart directories as input. It will not alter
the contents of a chart.

This will produce an error if the chart cannot be loaded. It will emit a warning
if it cannot find a requirements.yaml.
`,
  })
  // beyond v2 (Helm 4)
  maxColWidth = Flag.uint('--max-col-width', 80, 'maximum column width for output table', { hidden: true })
  chart = Arg.one('CHART')

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { dependencyList } = await import('../../../app/client/DependencyList')
    const { formatTable } = await import('../../../domain/repo/Table')
    const { clientDeps } = await import('../../ClientWiring')
    const dir = resolve(this.context.cwd, this.chart ?? '.')
    const listed = await dependencyList(dir)(clientDeps(this))()
    if (E.isLeft(listed)) return this.fail(listed.left)
    if (listed.right.rows.length === 0) {
      this.context.stdout.write(`WARNING: no requirements at ${dir}/charts\n`)
      return 0
    }
    const rows = [
      ['NAME', 'VERSION', 'REPOSITORY', 'STATUS'],
      ...listed.right.rows.map((r) => [
        r.dependency.name,
        r.dependency.version ?? '',
        r.dependency.repository ?? '',
        r.status,
      ]),
    ]
    this.context.stdout.write(`${formatTable(rows, this.maxColWidth)}\n\n`)
    for (const w of listed.right.warnings) this.context.stdout.write(`${w}\n`)
    return 0
  }
}
