import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { HelmCommand } from '../HelmCommand'

export default class CreateCommand extends HelmCommand {
  static override paths = [['create']]
  static override usage = Command.Usage({
    description: 'create a new chart with the given name',
    details: `
      This command creates a chart directory along with the common files and directories used in a chart.
      For example, 'helm create foo' creates foo/ with .helmignore, Chart.yaml, values.yaml, charts/ and
      templates/ (with tests/). If the destination exists, conflicting files are overwritten and other
      files are left alone.
    `,
  })
  starter = Option.String('-p,--starter', { description: 'the name or absolute path to Helm starter scaffold' })
  name = Option.String()

  async execute(): Promise<number> {
    const path = await import('node:path')
    const { loadChartPath, writeChartFiles } = await import('../../adapters/chart-fs/ChartFs')
    const { chartFromStarter, scaffoldChart } = await import('../../domain/chart/Create')
    const target = path.resolve(this.context.cwd, this.name)
    const chartName = path.basename(target)
    this.context.stdout.write(`Creating ${this.name}\n`)
    let files
    if (this.starter !== undefined) {
      const starterDir = path.isAbsolute(this.starter)
        ? this.starter
        : path.join(this.helmHome(), 'starters', this.starter)
      const starter = await loadChartPath(starterDir)()
      if (E.isLeft(starter)) return this.fail(starter.left)
      files = chartFromStarter(starter.right, chartName)
    } else files = scaffoldChart(chartName)
    if (E.isLeft(files)) return this.fail(files.left)
    const written = await writeChartFiles(target, files.right, (file) =>
      this.context.stderr.write(`WARNING: File "${file}" already exists. Overwriting.\n`),
    )()
    return E.isLeft(written) ? this.fail(written.left) : 0
  }
}
