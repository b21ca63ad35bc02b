import { Command } from 'clipanion'
import { InspectBase } from './InspectBase'

export default class InspectChartCommand extends InspectBase {
  static override paths = [['inspect', 'chart']]
  static override usage = Command.Usage({ description: 'shows inspect chart' })

  async execute(): Promise<number> {
    const { inspectChart } = await import('../../../domain/chart/Show')
    return this.print((chart) => inspectChart(chart, 'chart'))
  }
}
