import { Command } from 'clipanion'
import { InspectBase } from './inspect/InspectBase'

export default class InspectCommand extends InspectBase {
  static override paths = [['inspect']]
  static override usage = Command.Usage({ description: 'inspect a chart' })

  async execute(): Promise<number> {
    const { inspectChart } = await import('../../domain/chart/Show')
    return this.print((chart) => inspectChart(chart, 'all'))
  }
}
