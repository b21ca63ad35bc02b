import { Command } from 'clipanion'
import { showChart } from '../../../domain/chart/Show'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowAllCommand extends InspectBase {
  static override paths = [['show', 'all']]
  static override usage = Command.Usage({ description: 'show all information of the chart' })

  async execute(): Promise<number> {
    return this.print((chart) => showChart(chart, 'all'))
  }
}
