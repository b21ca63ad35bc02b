import { Command } from 'clipanion'
import { InspectBase } from './InspectBase'

export default class InspectReadmeCommand extends InspectBase {
  static override paths = [['inspect', 'readme']]
  static override usage = Command.Usage({ description: 'shows inspect readme' })

  async execute(): Promise<number> {
    const { inspectChart } = await import('../../../domain/chart/Show')
    return this.print((chart) => inspectChart(chart, 'readme'))
  }
}
