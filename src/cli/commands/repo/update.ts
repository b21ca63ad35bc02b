import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { message } from '../../../domain/errors'
import { HelmCommand } from '../../HelmCommand'

export default class RepoUpdateCommand extends HelmCommand {
  static override paths = [
    ['repo', 'update'],
    ['repo', 'up'],
  ]
  static override usage = Command.Usage({
    description: 'update information of available charts locally from chart repositories',
  })
  strict = Option.Boolean('--strict', false, { description: 'fail on update warnings' })
  names = Option.Rest()

  async execute(): Promise<number> {
    const { updateRepositories } = await import('../../../adapters/helm-home/Repositories')
    const out = this.context.stdout
    let started = false
    const result = await updateRepositories(this.helmHome(), this.names, (o) => {
      if (!started) out.write('Hang tight while we grab the latest from your chart repositories...\n')
      started = true
      if (o._tag === 'Skipped') out.write(`...Skip ${o.repo.name} chart repository\n`)
      else if (o._tag === 'Updated')
        out.write(`...Successfully got an update from the ${JSON.stringify(o.repo.name)} chart repository\n`)
      else
        out.write(
          `...Unable to get an update from the ${JSON.stringify(o.repo.name)} chart repository (${o.repo.url}):\n\t${message(o.error)}\n`,
        )
    })()
    if (E.isLeft(result)) return this.fail(result.left)
    const failed = result.right.filter((o) => o._tag === 'Failed')
    if (this.strict && failed.length > 0)
      return this.fail({ _tag: 'InvalidArgument', reason: `Update Failed. Check log for details` })
    out.write('Update Complete. ⎈ Happy Helming!⎈ \n')
    return 0
  }
}
