import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { TillerCommand } from '../TillerCommand'

/** What `delete` and `uninstall` share: Helm v2's UninstallRelease per named release. */
export abstract class UninstallBase extends TillerCommand {
  dryRun = Option.Boolean('--dry-run', false, { description: 'simulate a delete' })
  noHooks = Option.Boolean('--no-hooks', false, { description: 'prevent hooks from running during deletion' })
  timeout = Option.String('--timeout', '300', {
    description: 'time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  })
  description = Option.String('--description', { description: 'specify a description for the release' })
  names = Option.Rest()

  /** Deletes every named release (records kept unless `purge`), printing `release "NAME" <verb>`. */
  async uninstall(purge: boolean, verb: string): Promise<number> {
    if (this.names.length === 0) {
      this.context.stderr.write(`Error: command '${this.path[0] ?? 'delete'}' requires a release name\n`)
      return 1
    }
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
            timeout: Number(this.timeout) || 300,
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
  static override usage = Command.Usage({
    description: 'given a release name, delete the release from Kubernetes',
    details: `This command takes a release name, and then deletes the release from Kubernetes.
It removes all of the resources associated with the last release of the chart.
Use the '--dry-run' flag to see which releases will be deleted without actually
deleting them. With '--purge' the release records are removed too and the name can be reused.`,
  })
  purge = Option.Boolean('--purge', false, {
    description: 'remove the release from the store and make its name free for later use',
  })

  async execute(): Promise<number> {
    return this.uninstall(this.purge, 'deleted')
  }
}
