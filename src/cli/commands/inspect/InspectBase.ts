import * as E from 'fp-ts/Either'
import type { Chart } from '../../../domain/chart/Chart'
import { HelmCommand } from '../../HelmCommand'
import { Flag } from '../../front/Flag'

/**
 * What `helm inspect` and `helm show` share (not a command itself): locating CHART (a folder, an
 * archive, `repo/name`, a URL or `--repo`) and loading it.
 */
export abstract class InspectBase extends HelmCommand {
  // Helm v2's inspect flags (the same on inspect and inspect chart|values|readme; readme has no credentials)
  version = Flag.string('--version', 'Version of the chart. By default, the newest chart is shown')
  devel = Flag.bool(
    '--devel',
    "Use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored.",
  )
  verify = Flag.bool('--verify', 'Verify the provenance data for this chart')
  keyring = Flag.string('--keyring', 'Path to the keyring containing public verification keys', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  repo = Flag.string('--repo', 'Chart repository url where to locate the requested chart')
  username = Flag.string('--username', 'Chart repository username where to locate the requested chart')
  password = Flag.string('--password', 'Chart repository password where to locate the requested chart')
  // v2's texts: --ca-file repeats --repo's, --cert-file describes a CA bundle
  // beyond v2: Helm 4's flags for `oci://` registries
  insecureSkipTlsVerify = Flag.bool(
    '--insecure-skip-tls-verify',
    'skip tls certificate checks for the chart download',
    {
      hidden: true,
    },
  )
  plainHttp = Flag.bool('--plain-http', 'use insecure HTTP connections for the chart download', { hidden: true })
  caFile = Flag.string('--ca-file', 'Chart repository url where to locate the requested chart')
  certFile = Flag.string('--cert-file', 'Verify certificates of HTTPS-enabled servers using this CA bundle')
  keyFile = Flag.string('--key-file', 'Identify HTTPS client using this SSL key file')

  /** Loads CHART; a plain local path never touches the repository code. */
  async loadChart(ref: string): Promise<E.Either<number, Chart>> {
    const { loadChartRef } = await import('../../../app/client/LocateChart')
    const { locateRequest } = await import('../../ChartFlags')
    const { clientDeps } = await import('../../ClientWiring')
    const chart = await loadChartRef(locateRequest(this, ref, this))(clientDeps(this))()
    return E.isLeft(chart) ? E.left(this.fail(chart.left)) : E.right(chart.right)
  }

  /** Loads CHART and prints `render(chart)`; the exit code. */
  async print(ref: string, render: (chart: Chart) => string): Promise<number> {
    const chart = await this.loadChart(ref)
    if (E.isLeft(chart)) return chart.left
    this.context.stdout.write(render(chart.right))
    return 0
  }

  /** `helm inspect [chart|values|readme] CHART`: Helm v2's print of one part (or Chart.yaml and values). */
  async inspect(ref: string, what: 'all' | 'chart' | 'values' | 'readme'): Promise<number> {
    const { inspectChart } = await import('../../../domain/chart/Show')
    return this.print(ref, (chart) => inspectChart(chart, what))
  }
}
