import { Command } from 'clipanion'
import { inspectChart } from '../../../domain/chart/Show'
import { InspectBase } from './InspectBase'

export default class InspectValuesCommand extends InspectBase {
  static override paths = [['inspect', 'values']]
  static override usage = Command.Usage({ description: 'shows inspect values' })

  async execute(): Promise<number> {
    return this.print((chart) => inspectChart(chart, 'values'))
  }
}
