import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { TillerCommand } from '../TillerCommand'

export default class RollbackCommand extends TillerCommand {
  static override paths = [['rollback']]
  static override usage = Command.Usage({
    description: 'roll back a release to a previous revision',
    details: `This command rolls back a release to a previous revision.

The first argument of the rollback command is the name of a release, and the
second is a revision (version) number. To see revision numbers, run
'helm history RELEASE'. Without a revision (or with 0) the release rolls back to the previous one.`,
  })
  dryRun = Option.Boolean('--dry-run', false, { description: 'simulate a rollback' })
  recreatePods = Option.Boolean('--recreate-pods', false, {
    description: 'performs pods restart for the resource if applicable',
  })
  force = Option.Boolean('--force', false, { description: 'force resource update through delete/recreate if needed' })
  noHooks = Option.Boolean('--no-hooks', false, { description: 'prevent hooks from running during rollback' })
  timeout = Option.String('--timeout', '300', {
    description: 'time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  })
  wait = Option.Boolean('--wait', false, {
    description:
      'if set, will wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment are in a ready state before marking the release as successful',
  })
  description = Option.String('--description', { description: 'specify a description for the release' })
  cleanupOnFail = Option.Boolean('--cleanup-on-fail', false, {
    description: 'allow deletion of new resources created in this rollback when rollback failed',
  })
  args = Option.Rest()

  async execute(): Promise<number> {
    if (this.args.length < 1 || this.args.length > 2) {
      this.context.stderr.write('Error: This command needs 2 arguments: release name, revision number\n')
      return 1
    }
    const [name, rev] = this.args as [string, string | undefined]
    const version = rev === undefined ? 0 : Number(rev)
    if (!Number.isInteger(version)) {
      this.context.stderr.write(`Error: strconv.Atoi: parsing "${rev}": invalid syntax\n`)
      return 1
    }
    return this.withTiller(async (api) => {
      const res = await api.rollbackRelease({
        name,
        version,
        dryRun: this.dryRun,
        recreate: this.recreatePods,
        force: this.force,
        disableHooks: this.noHooks,
        timeout: Number(this.timeout) || 300,
        wait: this.wait,
        cleanupOnFail: this.cleanupOnFail,
        ...(this.description !== undefined ? { description: this.description } : {}),
      })()
      if (E.isLeft(res)) return this.fail(res.left)
      for (const w of res.right.warnings ?? []) this.context.stderr.write(`WARNING: ${w}\n`)
      this.context.stdout.write('Rollback was a success! Happy Helming!\n')
      return 0
    })
  }
}
