import { Command } from 'clipanion'
import { InspectBase } from './InspectBase'

export default class InspectValuesCommand extends InspectBase {
  static override paths = [['inspect', 'values']]
  static override usage = Command.Usage({ description: 'shows inspect values' })

  async execute(): Promise<number> {
    const { inspectChart } = await import('../../../domain/chart/Show')
    return this.print((chart) => inspectChart(chart, 'values'))
  }
}
