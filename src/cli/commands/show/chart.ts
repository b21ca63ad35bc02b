import { Arg } from '../../front/Flag'
import { usage } from '../../HelmCommand'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowChartCommand extends InspectBase {
  static override paths = [['show', 'chart']]
  static override usage = usage({ use: 'chart [CHART]', short: "show the chart's definition" })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 1 ? undefined : '"helm show chart" requires 1 argument'

  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'chart'))
  }
}
