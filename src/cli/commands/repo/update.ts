import * as E from 'fp-ts/Either'
import { message } from '../../../domain/errors'
import { HelmCommand, usage } from '../../HelmCommand'
import { Arg, Flag } from '../../front/Flag'

export default class RepoUpdateCommand extends HelmCommand {
  static override paths = [
    ['repo', 'update'],
    ['repo', 'up'],
  ]
  static override usage = usage({
    use: 'update [REPO_NAME]',
    short: 'Update information of available charts locally from chart repositories',
    long: `
Update gets the latest information about charts from the respective chart repositories.
Information is cached locally, where it is used by commands like 'helm search'.

'helm update' is the deprecated form of 'helm repo update'. It will be removed in
future releases.

You can specify the name of a repository you want to update.

	$ helm repo update <repo_name>

To update all the repositories, use 'helm repo update'.

`,
  })
  strict = Flag.bool('--strict', 'Fail on update warnings')
  names = Arg.rest('REPO_NAME')

  async execute(): Promise<number> {
    const { repoUpdate } = await import('../../../app/client/RepoUpdate')
    const { clientDeps } = await import('../../ClientWiring')
    const out = this.context.stdout
    let started = false
    const result = await repoUpdate({
      names: this.names,
      onOutcome: (o) => {
        if (!started) out.write('Hang tight while we grab the latest from your chart repositories...\n')
        started = true
        if (o._tag === 'Skipped') out.write(`...Skip ${o.repo.name} chart repository\n`)
        else if (o._tag === 'Updated')
          out.write(`...Successfully got an update from the ${JSON.stringify(o.repo.name)} chart repository\n`)
        else
          out.write(
            `...Unable to get an update from the ${JSON.stringify(o.repo.name)} chart repository (${o.repo.url}):\n\t${message(o.error)}\n`,
          )
      },
    })(clientDeps(this))()
    if (E.isLeft(result)) return this.fail(result.left)
    const failed = result.right.filter((o) => o._tag === 'Failed')
    if (this.strict && failed.length > 0)
      return this.fail({ _tag: 'InvalidArgument', reason: `Update Failed. Check log for details` })
    out.write('Update Complete. ⎈ Happy Helming!⎈ \n')
    return 0
  }
}
