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
    const path = await import('node:path')
    const { loadChartPath, writeChartFiles } = await import('../../adapters/chart-fs/ChartFs')
    const { chartFromStarter, scaffoldChart } = await import('../../domain/chart/Create')
    const target = path.resolve(this.context.cwd, this.name)
    const chartName = path.basename(target)
    this.context.stdout.write(`Creating ${this.name}\n`)
    let files
    if (this.starter !== undefined) {
      const starterDir = path.isAbsolute(this.starter)
        ? this.starter
        : path.join(this.helmHome(), 'starters', this.starter)
      const starter = await loadChartPath(starterDir)()
      if (E.isLeft(starter)) return this.fail(starter.left)
      files = chartFromStarter(starter.right, chartName)
    } else files = scaffoldChart(chartName)
    if (E.isLeft(files)) return this.fail(files.left)
    const written = await writeChartFiles(target, files.right, (file) =>
      this.context.stderr.write(`WARNING: File "${file}" already exists. Overwriting.\n`),
    )()
    return E.isLeft(written) ? this.fail(written.left) : 0
  }
}
