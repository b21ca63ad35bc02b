import { Command, Option } from 'clipanion'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowAllCommand extends InspectBase {
  static override paths = [['show', 'all']]
  static override usage = Command.Usage({ description: 'show all information of the chart' })

  chart = Option.String()

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'all'))
  }
}
