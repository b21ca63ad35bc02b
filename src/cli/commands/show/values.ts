import { Command } from 'clipanion'
import { showChart } from '../../../domain/chart/Show'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowValuesCommand extends InspectBase {
  static override paths = [['show', 'values']]
  static override usage = Command.Usage({ description: "show the chart's values" })

  async execute(): Promise<number> {
    return this.print((chart) => showChart(chart, 'values'))
  }
}
