import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../../domain/errors'
import type { DependencyOptions } from '../../../adapters/helm-home/Dependencies'
import { Arg, Flag } from '../../front/Flag'
import { HelmCommand } from '../../HelmCommand'

/**
 * What `dependency build` and `dependency update` share (not a command itself): their flags, the chart
 * folder (CHART, default `.`) and the run of one Dependencies operation with progress lines on stdout.
 */
export abstract class DependencyCommand extends HelmCommand {
  // v2 has --skip-refresh on update only (build takes it as Helm 4 does, unlisted)
  skipRefresh = Flag.bool('--skip-refresh', 'Do not refresh the local repository cache', { hidden: true })
  verify = Flag.bool('--verify', 'Verify the packages against signatures')
  keyring = Flag.string('--keyring', 'Keyring containing public keys', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  chart = Arg.one('CHART')

  /** Runs `operation(home, chartDir, options)` and reports its failure; the exit code. */
  async runDependencies(
    operation: (home: string, chartDir: string, options: DependencyOptions) => TE.TaskEither<HelmError, unknown>,
  ): Promise<number> {
    const { resolve } = await import('node:path')
    const { keyringPath } = await import('../../ChartLocation')
    const out = (l: string): void => void this.context.stdout.write(`${l}\n`)
    const keyring = await keyringPath(this, this.keyring)
    return this.report(
      operation(this.helmHome(), resolve(this.context.cwd, this.chart ?? '.'), {
        skipRefresh: this.skipRefresh,
        out,
        verify: this.verify,
        keyring,
      }),
      () => '',
    )
  }
}
