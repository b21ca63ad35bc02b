import { needs, usage } from '../HelmCommand'
import { Arg } from '../front/Flag'
import { InspectBase } from './inspect/InspectBase'

/** `helm inspect CHART`: Chart.yaml and values.yaml (v2's `inspect`; its subcommands print one part). */
export default class InspectCommand extends InspectBase {
  static override paths = [['inspect']]
  static override usage = usage({
    use: 'inspect [CHART]',
    short: 'Inspect a chart',
    long: `
This command inspects a chart and displays information. It takes a chart reference
('stable/drupal'), a full path to a directory or packaged chart, or a URL.

Inspect prints the contents of the Chart.yaml file and the values.yaml file.
`,
  })
  static override checkArgs = needs('chart name')
  chart = Arg.required('CHART')

  async execute(): Promise<number> {
    return this.inspect(this.chart, 'all')
  }
}
