import * as E from 'fp-ts/Either'
import { TillerCommand } from '../TillerCommand'
import { Arg, Flag } from '../front/Flag'
import { usage } from '../HelmCommand'

/** What `delete` and `uninstall` share: Helm v2's UninstallRelease per named release. */
export abstract class UninstallBase extends TillerCommand {
  dryRun = Flag.bool('--dry-run', 'Simulate a delete')
  noHooks = Flag.bool('--no-hooks', 'Prevent hooks from running during deletion')
  timeout = Flag.int64(
    '--timeout',
    300,
    'Time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  )
  description = Flag.string('--description', 'Specify a description for the release')
  names = Arg.rest('RELEASE_NAME')

  /** Deletes every named release (records kept unless `purge`), printing `release "NAME" <verb>`. */
  async uninstall(purge: boolean, verb: string): Promise<number> {
    return this.withTiller(async (api) => {
      for (const name of this.names) {
        if (this.dryRun) {
          const h = await api.getHistory({ name, max: 1 })()
          if (E.isLeft(h)) return this.fail(h.left)
        } else {
          const res = await api.uninstallRelease({
            name,
            purge,
            disableHooks: this.noHooks,
            timeout: this.timeout,
            ...(this.description !== undefined ? { description: this.description } : {}),
          })()
          if (E.isLeft(res)) return this.fail(res.left)
          if (res.right.info) this.context.stdout.write(`${res.right.info}\n`)
        }
        this.context.stdout.write(`release "${name}" ${verb}\n`)
      }
      return 0
    })
  }
}

export default class DeleteCommand extends UninstallBase {
  static override paths = [['delete'], ['del']]
  static override usage = usage({
    use: 'delete [flags] RELEASE_NAME [...]',
    short: 'Given a release name, delete the release from Kubernetes',
    long: `
This command takes a release name, and then deletes the release from Kubernetes.
It removes all of the resources associated with the last release of the chart.

Use the '--dry-run' flag to see which releases will be deleted without actually
deleting them.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0 ? "command 'delete' requires a release name" : undefined
  purge = Flag.bool('--purge', 'Remove the release from the store and make its name free for later use')

  async execute(): Promise<number> {
    return this.uninstall(this.purge, 'deleted')
  }
}
