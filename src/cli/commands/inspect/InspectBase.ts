import { Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import type { Chart } from '../../../domain/chart/Chart'
import { HelmCommand } from '../../HelmCommand'

/**
 * What `helm inspect` and `helm show` share (not a command itself): locating CHART (a folder, an
 * archive, `repo/name`, a URL or `--repo`) and loading it.
 */
export abstract class InspectBase extends HelmCommand {
  version = Option.String('--version', { description: 'version of the chart. By default, the newest chart is shown' })
  devel = Option.Boolean('--devel', false, { description: "use development versions, too. Equivalent to version '>0.0.0-0'" })
  verify = Option.Boolean('--verify', false, { description: 'verify the provenance data for this chart' })
  keyring = Option.String('--keyring', { description: 'path to the keyring containing public verification keys' })
  repo = Option.String('--repo', { description: 'chart repository url where to locate the requested chart' })
  username = Option.String('--username', { description: 'chart repository username where to locate the requested chart' })
  password = Option.String('--password', { description: 'chart repository password where to locate the requested chart' })
  caFile = Option.String('--ca-file', { description: 'verify certificates of HTTPS-enabled servers using this CA bundle' })
  certFile = Option.String('--cert-file', { description: 'identify HTTPS client using this SSL certificate file' })
  keyFile = Option.String('--key-file', { description: 'identify HTTPS client using this SSL key file' })

  /** Loads CHART; a plain local path never touches the repository code. */
  async loadChart(ref: string): Promise<E.Either<number, Chart>> {
    const path = await import('node:path')
    const fs = await import('node:fs/promises')
    const { loadChartPath } = await import('../../../adapters/chart-fs/ChartFs')
    const local = path.resolve(this.context.cwd, ref)
    let where = local
    const exists = await fs.stat(local).catch(() => undefined)
    if (!exists || this.repo || this.verify) {
      const { resolveChartRef } = await import('../../../adapters/helm-home/ChartDownloader')
      const { defaultKeyring } = await import('../../../adapters/helm-home/Signatory')
      const auth =
        this.username || this.password || this.caFile || this.certFile || this.keyFile
          ? { username: this.username, password: this.password, caFile: this.caFile, certFile: this.certFile, keyFile: this.keyFile }
          : undefined
      const resolved = await resolveChartRef(this.helmHome(), exists ? local : ref, {
        version: this.version,
        devel: this.devel,
        verify: this.verify,
        keyring: this.keyring ? path.resolve(this.context.cwd, this.keyring) : defaultKeyring(this.context.env.HOME ?? '~'),
        repoUrl: this.repo,
        auth,
      })()
      if (E.isLeft(resolved)) return E.left(this.fail(resolved.left))
      where = resolved.right
    }
    const chart = await loadChartPath(where)()
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
