import { Command } from 'clipanion'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowValuesCommand extends InspectBase {
  static override paths = [['show', 'values']]
  static override usage = Command.Usage({ description: "show the chart's values" })

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print((chart) => showChart(chart, 'values'))
  }
}
