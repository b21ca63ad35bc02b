import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import type { TillerApi } from '../../ports/TillerApi'
import { ReleaseCommand } from './install'

export default class UpgradeCommand extends ReleaseCommand {
  static override paths = [['upgrade']]
  static override usage = Command.Usage({
    description: 'upgrade a release',
    details: `This command upgrades a release to a new version of a chart.

The upgrade arguments must be a release and chart. With --install, a release that does not exist is
installed. With --dry-run the upgrade is computed by an in-process Tiller and nothing changes; --debug
prints the release, followed by the plan.`,
  })
  install = Option.Boolean('-i,--install', false, {
    description: "if a release by this name doesn't already exist, run an install",
  })
  reuseValues = Option.Boolean('--reuse-values', false, {
    description: "when upgrading, reuse the last release's values and merge in any overrides",
  })
  resetValues = Option.Boolean('--reset-values', false, {
    description: 'when upgrading, reset the values to the ones built into the chart',
  })
  force = Option.Boolean('--force', false, { description: 'force resource update through delete/recreate if needed' })
  recreatePods = Option.Boolean('--recreate-pods', false, {
    description: 'performs pods restart for the resource if applicable',
  })
  cleanupOnFail = Option.Boolean('--cleanup-on-fail', false, {
    description: 'allow deletion of new resources created in this upgrade when upgrade failed',
  })
  args = Option.Rest()

  get release(): string {
    return this.args[0] ?? ''
  }

  get chart(): string {
    return this.args[1] ?? ''
  }

  async execute(): Promise<number> {
    if (this.args.length !== 2) {
      this.context.stderr.write('Error: This command needs 2 arguments: release name, chart path\n')
      return 1
    }
    const tiller = await this.tiller()
    if (E.isLeft(tiller)) return this.fail(tiller.left)
    try {
      return await this.upgrade(tiller.right)
    } finally {
      this.closeTiller()
    }
  }

  private async upgrade(t: TillerApi): Promise<number> {
    if (this.install) {
      const h = await t.getHistory({ name: this.release, max: 1 })()
      if (E.isLeft(h) && h.left._tag === 'ReleaseNotFound') {
        this.context.stdout.write(`Release "${this.release}" does not exist. Installing it now.\n`)
        return this.installChart(t, this.chart, this.release)
      }
      // Helm v2 ignores any other error of this check and goes on with the upgrade
    }
    const chart = await this.loadChart(this.chart)
    if (E.isLeft(chart)) return this.fail(chart.left)
    const raw = await this.config()
    if (E.isLeft(raw)) return this.fail(raw.left)
    const res = await t.updateRelease({
      name: this.release,
      chart: chart.right,
      values: { raw: raw.right },
      dryRun: this.dryRun,
      disableHooks: this.noHooks,
      recreate: this.recreatePods,
      timeout: this.timeoutSeconds(),
      resetValues: this.resetValues,
      reuseValues: this.reuseValues,
      wait: this.wait,
      force: this.force,
      subNotes: this.subNotes,
      cleanupOnFail: this.cleanupOnFail,
      atomic: this.atomic,
      ...(this.description !== undefined ? { description: this.description } : {}),
    })()
    if (E.isLeft(res)) return this.fail(res.left)
    await this.printRelease(res.right, false)
    this.context.stdout.write(`Release "${this.release}" has been upgraded.\n`)
    return this.dryRun ? 0 : this.printStatus(t, this.release)
  }
}
