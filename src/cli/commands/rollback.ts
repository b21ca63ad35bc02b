import * as E from 'fp-ts/Either'
import { TillerCommand } from '../TillerCommand'
import { Arg, Flag } from '../front/Flag'
import { usage, needs } from '../HelmCommand'

export default class RollbackCommand extends TillerCommand {
  static override paths = [['rollback']]
  static override usage = usage({
    use: 'rollback [flags] [RELEASE] [REVISION]',
    short: 'Rollback a release to a previous revision',
    long: `
This command rolls back a release to a previous revision.

The first argument of the rollback command is the name of a release, and the
second is a revision (version) number. To see revision numbers, run
'helm history RELEASE'. If you'd like to rollback to the previous release use
'helm rollback [RELEASE] 0'.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 1 ? undefined : needs('release name', 'revision number')(args)
  dryRun = Flag.bool('--dry-run', 'Simulate a rollback')
  recreatePods = Flag.bool('--recreate-pods', 'Performs pods restart for the resource if applicable')
  force = Flag.bool('--force', 'Force resource update through delete/recreate if needed')
  noHooks = Flag.bool('--no-hooks', 'Prevent hooks from running during rollback')
  timeout = Flag.seconds(
    '--timeout',
    300,
    'Time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  )
  wait = Flag.bool(
    '--wait',
    'If set, will wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment are in a ready state before marking the release as successful. It will wait for as long as --timeout',
  )
  description = Flag.string('--description', 'Specify a description for the release')
  cleanupOnFail = Flag.bool(
    '--cleanup-on-fail',
    'Allow deletion of new resources created in this rollback when rollback failed',
  )
  // Helm v2 takes RELEASE REVISION; Helm 3's RELEASE alone (the previous revision) is accepted too
  args = Arg.rest('RELEASE REVISION')

  async execute(): Promise<number> {
    const [name, rev] = this.args as [string, string | undefined]
    // Helm v2: strconv.ParseInt(REVISION, 10, 32)
    const version = rev === undefined ? 0 : /^[+-]?\d+$/.test(rev) ? Number(rev) : Number.NaN
    if (!Number.isInteger(version) || version > 2 ** 31 - 1 || version < -(2 ** 31)) {
      const { quote } = await import('../../domain/go/Strconv')
      const why = Number.isInteger(version) ? 'value out of range' : 'invalid syntax'
      this.context.stderr.write(
        `Error: invalid revision number '${quote(rev as string)}': strconv.ParseInt: parsing ${quote(rev as string)}: ${why}\n`,
      )
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
        timeout: this.timeout,
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
