import { Command, Option } from 'clipanion'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowCrdsCommand extends InspectBase {
  static override paths = [['show', 'crds']]
  static override usage = Command.Usage({ description: "show the chart's CRDs" })

  chart = Option.String()

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'crds'))
  }
}
