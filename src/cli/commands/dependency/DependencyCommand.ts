import type { DependencyOptions } from '../../../app/client/DependencyInstall'
import type { ClientDeps, UseCase } from '../../../app/client/Deps'
import { Arg, Flag } from '../../front/Flag'
import { HelmCommand } from '../../HelmCommand'

/**
 * What `dependency build` and `dependency update` share (not a command itself): their flags, the chart
 * folder (CHART, default `.`) and the run of one Dependencies operation with progress lines on stdout.
 */
export abstract class DependencyCommand extends HelmCommand {
  // v2 has --skip-refresh on update only (build takes it as Helm 4 does, unlisted)
  // beyond v2: Helm 4's flags for `oci://` registries
  insecureSkipTlsVerify = Flag.bool(
    '--insecure-skip-tls-verify',
    'skip tls certificate checks for the chart download',
    {
      hidden: true,
    },
  )
  plainHttp = Flag.bool('--plain-http', 'use insecure HTTP connections for the chart download', { hidden: true })
  caFile = Flag.string('--ca-file', 'verify certificates of HTTPS-enabled servers using this CA bundle', {
    hidden: true,
  })
  certFile = Flag.string('--cert-file', 'identify HTTPS client using this SSL certificate file', { hidden: true })
  keyFile = Flag.string('--key-file', 'identify HTTPS client using this SSL key file', { hidden: true })
  username = Flag.string('--username', 'chart repository username where to locate the requested chart', {
    hidden: true,
  })
  password = Flag.string('--password', 'chart repository password where to locate the requested chart', {
    hidden: true,
  })
  skipRefresh = Flag.bool('--skip-refresh', 'Do not refresh the local repository cache', { hidden: true })
  verify = Flag.bool('--verify', 'Verify the packages against signatures')
  keyring = Flag.string('--keyring', 'Keyring containing public keys', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  chart = Arg.one('CHART')

  /** Runs `operation(chartDir, options)` (progress lines on stdout) and reports its failure; the exit code. */
  async runDependencies(
    operation: (chartDir: string, options: DependencyOptions) => UseCase<ClientDeps, unknown>,
  ): Promise<number> {
    const { resolve } = await import('node:path')
    const { keyringPath, repoAuth } = await import('../../ChartFlags')
    const auth = repoAuth(this)
    const { clientDeps } = await import('../../ClientWiring')
    return this.report(
      operation(resolve(this.context.cwd, this.chart ?? '.'), {
        skipRefresh: this.skipRefresh,
        verify: this.verify,
        keyring: keyringPath(this, this.keyring),
        ...(auth ? { registryAuth: auth } : {}),
      })(clientDeps(this)),
      () => '',
    )
  }
}
