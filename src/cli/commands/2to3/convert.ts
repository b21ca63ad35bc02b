import * as E from 'fp-ts/Either'
import { Arg, Flag } from '../../front/Flag'
import { usage } from '../../HelmCommand'
import { MigrationCommand } from '../../MigrationCommand'

export default class ConvertCommand extends MigrationCommand {
  static override paths = [['2to3', 'convert']]
  static override usage = usage({
    use: 'convert [flags] RELEASE',
    short: 'migrate Helm v2 release in-place to Helm v3',
    long: `
Copies every revision of a release from Helm v2's storage (Tiller's ConfigMaps or Secrets) into
Helm 3/4's (Secrets sh.helm.release.v1.RELEASE.vN in the release's namespace, or ConfigMaps when
$HELM_DRIVER is configmap), as the helm-2to3 plugin does: each revision keeps its number, status,
description, dates, values and manifest, and real Helm 3/4 then sees the release as its own. The
Kubernetes resources are not touched. Revisions already converted are left as they are, so the
command can run again; the v2 revisions are kept unless --delete-v2-releases is given.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length !== 1 ? 'name of release to be converted has to be defined' : undefined
  deleteV2Releases = Flag.bool(
    '--delete-v2-releases',
    'v2 release versions are deleted after migration. By default, the v2 release versions are retained',
  )
  releaseVersionsMax = Flag.int(
    '--release-versions-max',
    10,
    'limit the maximum number of versions converted per release. Use 0 for no limit',
  )
  ignoreAlreadyMigrated = Flag.bool(
    '--ignore-already-migrated',
    'Ignore any already migrated release versions and continue migrating (always so: converted versions are skipped)',
  )
  release = Arg.required('RELEASE')

  async execute(): Promise<number> {
    const labels = this.labels()
    if (E.isLeft(labels)) return this.finish(labels)
    const world = await this.world()
    if (E.isLeft(world)) return this.finish(world)
    const { migrateRelease, helm2to3 } = await import('../../../app/client/MigrateRelease')
    const program = migrateRelease(
      {
        name: this.release,
        dryRun: this.dryRun,
        maxVersions: this.releaseVersionsMax,
        deleteSource: this.deleteV2Releases,
        labels: labels.right,
      },
      helm2to3,
    )
    return this.finish(await program({ from: world.right.v2, to: world.right.helm3, out: this.say })())
  }
}
