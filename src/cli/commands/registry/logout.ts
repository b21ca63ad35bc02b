import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../../HelmCommand'
import { Arg } from '../../front/Flag'

/** `helm registry logout` (beyond v2: Helm 4's). */
export default class RegistryLogoutCommand extends HelmCommand {
  static override paths = [['registry', 'logout']]
  static override usage = usage({
    use: 'logout [host]',
    short: 'logout from a registry',
    long: `
Remove credentials stored for a remote registry.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length < 1 ? `"helm registry logout" requires at least 1 argument` : undefined
  hosts = Arg.rest('HOST')

  async execute(): Promise<number> {
    const { registryLogout } = await import('../../../app/client/RegistryLogin')
    const { clientDeps } = await import('../../ClientWiring')
    const got = await registryLogout(this.hosts[0] ?? '')(clientDeps(this))()
    return E.isLeft(got) ? this.fail(got.left) : 0
  }
}
