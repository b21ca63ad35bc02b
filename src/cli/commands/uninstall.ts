import { Command, Option } from 'clipanion'
import { UninstallBase } from './delete'

export default class UninstallCommand extends UninstallBase {
  static override paths = [['uninstall'], ['un']]
  static override usage = Command.Usage({
    description: 'uninstall a release',
    details: `Helm 3's name for 'delete --purge': removes the release's resources and its records.
With --keep-history the records stay (as 'helm delete' without --purge).`,
  })
  keepHistory = Option.Boolean('--keep-history', false, {
    description: 'remove all associated resources and mark the release as deleted, but retain the release history',
  })

  async execute(): Promise<number> {
    return this.uninstall(!this.keepHistory, 'uninstalled')
  }
}
