import { Command } from 'clipanion'
import { inspectChart } from '../../../domain/chart/Show'
import { InspectBase } from './InspectBase'

export default class InspectChartCommand extends InspectBase {
  static override paths = [['inspect', 'chart']]
  static override usage = Command.Usage({ description: 'shows inspect chart' })

  async execute(): Promise<number> {
    return this.print((chart) => inspectChart(chart, 'chart'))
  }
}
