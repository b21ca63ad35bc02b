import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../HelmCommand'
import { Arg, Flag } from '../front/Flag'

export default class CreateCommand extends HelmCommand {
  static override paths = [['create']]
  static override usage = usage({
    use: 'create NAME',
    short: 'Create a new chart with the given name',
    long: `
This command creates a chart directory along with the common files and
directories used in a chart. It provides a basic example and is not
meant to cover all Kubernetes resources.

For example, 'helm create foo' will create a directory structure that looks
something like this:

	foo/
	  |
	  |- .helmignore        # Contains patterns to ignore when packaging Helm charts.
	  |
	  |- Chart.yaml         # Information about your chart
	  |
	  |- values.yaml        # The default values for your templates
	  |
	  |- charts/            # Charts that this chart depends on
	  |
	  |- templates/         # The template files
	  |
	  |- templates/tests/   # The test files

'helm create' takes a path for an argument. If directories in the given path
do not exist, Helm will attempt to create them as it goes. If the given
destination exists and there are files in that directory, conflicting files
will be overwritten, but other files will be left alone.

The chart that is created by invoking this command contains a Deployment, Ingress
and a Service. To use other Kubernetes resources with your chart, refer to
[The Chart Template Developer's Guide](https://helm.sh/docs/chart_template_guide).
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0
      ? 'the name of the new chart is required'
      : args.length > 1
        ? "command 'create' doesn't support multiple arguments"
        : undefined
  starter = Flag.string('-p,--starter', 'The name or absolute path to Helm starter scaffold')
  name = Arg.required('NAME')

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { createChart } = await import('../../app/client/Create')
    const { clientDeps } = await import('../ClientWiring')
    this.context.stdout.write(`Creating ${this.name}\n`)
    const created = await createChart({
      dir: resolve(this.context.cwd, this.name),
      ...(this.starter !== undefined ? { starter: this.starter } : {}),
    })(clientDeps(this))()
    return E.isLeft(created) ? this.fail(created.left) : 0
  }
}
