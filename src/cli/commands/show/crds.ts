import { Command } from 'clipanion'
import { showChart } from '../../../domain/chart/Show'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowCrdsCommand extends InspectBase {
  static override paths = [['show', 'crds']]
  static override usage = Command.Usage({ description: "show the chart's CRDs" })

  async execute(): Promise<number> {
    return this.print((chart) => showChart(chart, 'crds'))
  }
}
