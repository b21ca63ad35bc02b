import { DependencyCommand } from './DependencyCommand'
import { Flag } from '../../front/Flag'
import { usage } from '../../HelmCommand'

export default class DependencyUpdateCommand extends DependencyCommand {
  static override paths = [
    ['dependency', 'update'],
    ['dependency', 'up'],
    ['dep', 'update'],
    ['dep', 'up'],
  ]
  static override usage = usage({
    use: 'update [flags] CHART',
    short: 'Update charts/ based on the contents of requirements.yaml',
    long: `
Update the on-disk dependencies to mirror the requirements.yaml file.

This command verifies that the required charts, as expressed in 'requirements.yaml',
are present in 'charts/' and are at an acceptable version. It will pull down
the latest charts that satisfy the dependencies, and clean up old dependencies.

On successful update, this will generate a lock file that can be used to
rebuild the requirements to an exact version.

Dependencies are not required to be represented in 'requirements.yaml'. For that
reason, an update command will not remove charts unless they are (a) present
in the requirements.yaml file, but (b) at the wrong version.
`,
  })
  override skipRefresh = Flag.bool('--skip-refresh', 'Do not refresh the local repository cache')

  async execute(): Promise<number> {
    const { dependencyUpdate } = await import('../../../app/client/DependencyUpdate')
    return this.runDependencies(dependencyUpdate)
  }
}
