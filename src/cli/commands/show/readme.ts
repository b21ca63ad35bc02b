import { Arg } from '../../front/Flag'
import { usage } from '../../HelmCommand'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowReadmeCommand extends InspectBase {
  static override paths = [['show', 'readme']]
  static override usage = usage({ use: 'readme [CHART]', short: "show the chart's README" })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 1 ? undefined : '"helm show readme" requires 1 argument'

  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'readme'))
  }
}
