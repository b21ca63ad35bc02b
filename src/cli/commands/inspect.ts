import { Command, Option } from 'clipanion'
import { invalidArgument } from '../../domain/GeneralError'
import { InspectBase } from './inspect/InspectBase'

const PARTS = ['chart', 'values', 'readme'] as const

// One command for `inspect CHART` and `inspect chart|values|readme CHART`: as separate clipanion
// commands, the positional CHART overlapping the subcommand names made the parser's state machine
// (built on every run) cost ~90 ms of startup.
export default class InspectCommand extends InspectBase {
  static override paths = [['inspect']]
  static override usage = Command.Usage({
    description: 'inspect a chart',
    details: `
      This command inspects a chart and displays information. It takes a chart reference ('stable/drupal'), a
      full path to a directory or packaged chart, or a URL. Inspect prints the contents of the Chart.yaml file
      and the values.yaml file; \`inspect chart\`, \`inspect values\` and \`inspect readme\` print one of them.
    `,
    examples: [
      ['Print Chart.yaml, values.yaml and the README', 'helm inspect ./mychart'],
      ['Print only the default values', 'helm inspect values stable/mysql'],
    ],
  })
  args = Option.Rest({ required: 1 })

  async execute(): Promise<number> {
    const [first, second, ...rest] = this.args
    const part = PARTS.find((p) => p === first)
    if (rest.length > 0 || (second !== undefined && part === undefined) || (part !== undefined && second === undefined))
      return this.fail(invalidArgument('this command needs 1 argument: chart name'))
    const { inspectChart } = await import('../../domain/chart/Show')
    return this.print(part === undefined ? (first as string) : (second as string), (chart) =>
      inspectChart(chart, part ?? 'all'),
    )
  }
}
