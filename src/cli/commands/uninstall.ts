import { Flag } from '../front/Flag'
import { usage } from '../HelmCommand'
import { UninstallBase } from './delete'

/** Helm 3's `uninstall` (beyond v2; hidden from help): `delete --purge` unless --keep-history. */
export default class UninstallCommand extends UninstallBase {
  static override paths = [['uninstall'], ['un']]
  static override usage = usage({
    use: 'uninstall RELEASE_NAME [...]',
    short: 'Uninstall a release',
    long: `Helm 3's name for 'delete --purge': removes the release's resources and its records.
With --keep-history the records stay (as 'helm delete' without --purge).`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? '"helm uninstall" requires at least 1 argument' : undefined
  keepHistory = Flag.bool(
    '--keep-history',
    'remove all associated resources and mark the release as deleted, but retain the release history',
  )

  async execute(): Promise<number> {
    return this.uninstall(!this.keepHistory, 'uninstalled')
  }
}
