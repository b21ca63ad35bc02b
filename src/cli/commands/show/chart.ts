import { Command } from 'clipanion'
import { showChart } from '../../../domain/chart/Show'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowChartCommand extends InspectBase {
  static override paths = [['show', 'chart']]
  static override usage = Command.Usage({ description: "show the chart's definition" })

  async execute(): Promise<number> {
    return this.print((chart) => showChart(chart, 'chart'))
  }
}
