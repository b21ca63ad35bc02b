import { Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import type { Chart } from '../../../domain/chart/Chart'
import { HelmCommand } from '../../HelmCommand'
import { caFileFlag, certFileFlag, keyFileFlag, passwordFlag, usernameFlag } from '../../RepoAuthFlags'

/**
 * What `helm inspect` and `helm show` share (not a command itself): locating CHART (a folder, an
 * archive, `repo/name`, a URL or `--repo`) and loading it.
 */
export abstract class InspectBase extends HelmCommand {
  version = Option.String('--version', { description: 'version of the chart. By default, the newest chart is shown' })
  devel = Option.Boolean('--devel', false, {
    description: "use development versions, too. Equivalent to version '>0.0.0-0'",
  })
  verify = Option.Boolean('--verify', false, { description: 'verify the provenance data for this chart' })
  keyring = Option.String('--keyring', { description: 'path to the keyring containing public verification keys' })
  repo = Option.String('--repo', { description: 'chart repository url where to locate the requested chart' })
  username = usernameFlag('chart repository username where to locate the requested chart')
  password = passwordFlag('chart repository password where to locate the requested chart')
  caFile = caFileFlag()
  certFile = certFileFlag()
  keyFile = keyFileFlag()

  /** Loads CHART; a plain local path never touches the repository code. */
  async loadChart(ref: string): Promise<E.Either<number, Chart>> {
    const { locateChart } = await import('../../ChartLocation')
    const where = await locateChart(this, ref, this)
    if (E.isLeft(where)) return E.left(this.fail(where.left))
    const { loadChartPath } = await import('../../../adapters/chart-fs/ChartFs')
    const chart = await loadChartPath(where.right)()
    return E.isLeft(chart) ? E.left(this.fail(chart.left)) : E.right(chart.right)
  }

  /** Loads CHART and prints `render(chart)`; the exit code. */
  async print(ref: string, render: (chart: Chart) => string): Promise<number> {
    const chart = await this.loadChart(ref)
    if (E.isLeft(chart)) return chart.left
    this.context.stdout.write(render(chart.right))
    return 0
  }
}
