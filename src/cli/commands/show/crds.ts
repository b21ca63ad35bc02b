import { Arg } from '../../front/Flag'
import { usage } from '../../HelmCommand'
import { InspectBase } from '../inspect/InspectBase'

export default class ShowCrdsCommand extends InspectBase {
  static override paths = [['show', 'crds']]
  static override usage = usage({ use: 'crds [CHART]', short: "show the chart's CRDs" })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 1 ? undefined : '"helm show crds" requires 1 argument'

  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    const { showChart } = await import('../../../domain/chart/Show')
    return this.print(this.chart, (chart) => showChart(chart, 'crds'))
  }
}
