import { Arg } from '../../front/Flag'
import { needs, usage } from '../../HelmCommand'
import { InspectBase } from './InspectBase'

export default class InspectValuesCommand extends InspectBase {
  static override paths = [['inspect', 'values']]
  static override usage = usage({
    use: 'values [CHART]',
    short: 'shows inspect values',
    long: `
This command inspects a chart (directory, file, or URL) and displays the contents
of the values.yaml file
`,
  })
  static override checkArgs = needs('chart name')
  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    return this.inspect(this.chart, 'values')
  }
}
