import { DependencyCommand } from './DependencyCommand'
import { usage } from '../../HelmCommand'

export default class DependencyBuildCommand extends DependencyCommand {
  static override paths = [
    ['dependency', 'build'],
    ['dep', 'build'],
  ]
  static override usage = usage({
    use: 'build [flags] CHART',
    short: 'Rebuild the charts/ directory based on the requirements.lock file',
    long: `
Build out the charts/ directory from the requirements.lock file.

Build is used to reconstruct a chart's dependencies to the state specified in
the lock file.

If no lock file is found, 'helm dependency build' will mirror the behavior of
the 'helm dependency update' command. This means it will update the on-disk
dependencies to mirror the requirements.yaml file and generate a lock file.
`,
  })

  async execute(): Promise<number> {
    const { dependencyBuild } = await import('../../../app/client/DependencyBuild')
    return this.runDependencies(dependencyBuild)
  }
}
