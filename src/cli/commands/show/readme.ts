import { Command, Option } from 'clipanion'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowReadmeCommand extends InspectBase {
  static override paths = [['show', 'readme']]
  static override usage = Command.Usage({ description: "show the chart's README" })

  chart = Option.String()

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'readme'))
  }
}
