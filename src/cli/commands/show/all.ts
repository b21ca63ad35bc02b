import { Arg } from '../../front/Flag'
import { usage } from '../../HelmCommand'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowAllCommand extends InspectBase {
  static override paths = [['show', 'all']]
  static override usage = usage({ use: 'all [CHART]', short: 'show all information of the chart' })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 1 ? undefined : '"helm show all" requires 1 argument'

  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'all'))
  }
}
