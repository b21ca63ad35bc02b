import { Command } from 'clipanion'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowCrdsCommand extends InspectBase {
  static override paths = [['show', 'crds']]
  static override usage = Command.Usage({ description: "show the chart's CRDs" })

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print((chart) => showChart(chart, 'crds'))
  }
}
