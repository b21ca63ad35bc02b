import { Command } from 'clipanion'
import { inspectChart } from '../../../domain/chart/Show'
import { InspectBase } from './InspectBase'

export default class InspectReadmeCommand extends InspectBase {
  static override paths = [['inspect', 'readme']]
  static override usage = Command.Usage({ description: 'shows inspect readme' })

  async execute(): Promise<number> {
    return this.print((chart) => inspectChart(chart, 'readme'))
  }
}
