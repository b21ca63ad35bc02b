import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { HelmCommand } from '../../HelmCommand'

export default class DependencyListCommand extends HelmCommand {
  static override paths = [
    ['dependency', 'list'],
    ['dep', 'list'],
    ['dependencies', 'list'],
    ['dependency', 'ls'],
    ['dep', 'ls'],
  ]
  static override usage = Command.Usage({
    description: 'list the dependencies for the given chart',
    details: `
      List all of the dependencies declared in a chart (requirements.yaml, or Chart.yaml for apiVersion v2),
      with their status: ok (a matching archive in charts/), unpacked (a matching folder), missing,
      wrong version, misnamed, corrupt, mispackaged.
    `,
  })
  maxColWidth = Option.String('--max-col-width', '80', { description: 'maximum column width for output table' })
  chart = Option.String({ required: false })

  async execute(): Promise<number> {
    const path = await import('node:path')
    const { loadChartPath } = await import('../../../adapters/chart-fs/ChartFs')
    const { dependencyStatus, strayCharts } = await import('../../../adapters/chart-fs/DependencyStatus')
    const { formatTable } = await import('../../../domain/repo/Table')
    const dir = path.resolve(this.context.cwd, this.chart ?? '.')
    const loaded = await loadChartPath(dir)()
    if (E.isLeft(loaded)) return this.fail(loaded.left)
    const chart = loaded.right
    if (chart.requirements.length === 0) {
      this.context.stdout.write(`WARNING: no requirements at ${dir}/charts\n`)
      return 0
    }
    const rows = [['NAME', 'VERSION', 'REPOSITORY', 'STATUS']]
    for (const dep of chart.requirements)
      rows.push([dep.name, dep.version ?? '', dep.repository ?? '', await dependencyStatus(dir, dep)])
    this.context.stdout.write(`${formatTable(rows, Number(this.maxColWidth) || 0)}\n\n`)
    for (const w of await strayCharts(dir, chart)) this.context.stdout.write(`${w}\n`)
    return 0
  }
}
