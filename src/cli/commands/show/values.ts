import { Arg } from '../../front/Flag'
import { usage } from '../../HelmCommand'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowValuesCommand extends InspectBase {
  static override paths = [['show', 'values']]
  static override usage = usage({ use: 'values [CHART]', short: "show the chart's values" })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 1 ? undefined : '"helm show values" requires 1 argument'

  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'values'))
  }
}
