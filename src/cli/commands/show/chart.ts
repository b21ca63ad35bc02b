import { Command, Option } from 'clipanion'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowChartCommand extends InspectBase {
  static override paths = [['show', 'chart']]
  static override usage = Command.Usage({ description: "show the chart's definition" })

  chart = Option.String()

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'chart'))
  }
}
