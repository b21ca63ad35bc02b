import { Arg } from '../../front/Flag'
import { needs, usage } from '../../HelmCommand'
import { InspectBase } from './InspectBase'

export default class InspectChartCommand extends InspectBase {
  static override paths = [['inspect', 'chart']]
  static override usage = usage({
    use: 'chart [CHART]',
    short: 'shows inspect chart',
    long: `
This command inspects a chart (directory, file, or URL) and displays the contents
of the Charts.yaml file
`,
  })
  static override checkArgs = needs('chart name')
  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    return this.inspect(this.chart, 'chart')
  }
}
