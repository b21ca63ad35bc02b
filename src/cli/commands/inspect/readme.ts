import { Arg } from '../../front/Flag'
import { needs, usage } from '../../HelmCommand'
import { InspectBase } from './InspectBase'

export default class InspectReadmeCommand extends InspectBase {
  static override paths = [['inspect', 'readme']]
  static override usage = usage({
    use: 'readme [CHART]',
    short: 'shows inspect readme',
    long: `
This command inspects a chart (directory, file, or URL) and displays the contents
of the README file
`,
  })
  static override checkArgs = needs('chart name')
  // v2's inspect readme has no --username/--password
  override username = undefined
  override password = undefined

  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    return this.inspect(this.chart, 'readme')
  }
}
