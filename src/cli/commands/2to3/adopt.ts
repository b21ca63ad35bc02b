import * as E from 'fp-ts/Either'
import { Arg, Flag } from '../../front/Flag'
import { usage } from '../../HelmCommand'
import { MigrationCommand } from '../../MigrationCommand'

export default class AdoptCommand extends MigrationCommand {
  static override paths = [['2to3', 'adopt']]
  static override usage = usage({
    use: 'adopt [flags] RELEASE',
    short: 'bring a Helm 3/4 release in-place under Tiller (Helm v2 storage)',
    long: `
The reverse of convert, which no other tool offers: copies every revision of a release that Helm 3 or 4
installed (Secrets or ConfigMaps sh.helm.release.v1.RELEASE.vN) into Helm v2's storage in Tiller's
namespace, so that Tiller adopts it: 'helm history', 'helm upgrade' and 'helm rollback' through Tiller
then manage it, history continuing from its last revision. Each revision keeps its number, status,
description, dates, values and manifest; the Kubernetes resources are not touched. It is called adopt
because Tiller takes over a release it did not create, as a parent adopts a child born elsewhere,
while the release itself goes on unchanged (convert changes the owner the other way).

Revisions already adopted are left as they are, so the command can run again; the Helm 3 records
are kept unless --delete-v3-releases is given (until then Helm 3/4 still sees the release as it was).
Helm 3 release names belong to a namespace: --namespace picks one when several hold the name.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length !== 1 ? 'name of release to be adopted has to be defined' : undefined
  deleteV3Releases = Flag.bool(
    '--delete-v3-releases',
    'v3 release versions are deleted after adoption. By default, the v3 release versions are retained',
  )
  releaseVersionsMax = Flag.int(
    '--release-versions-max',
    0,
    'limit the maximum number of versions adopted per release. Use 0 for no limit',
  )
  namespace = Flag.string('-n,--namespace', 'namespace of the Helm 3 release (needed when several hold its name)')
  release = Arg.required('RELEASE')

  async execute(): Promise<number> {
    const world = await this.world()
    if (E.isLeft(world)) return this.finish(world)
    const { migrateRelease, helm3to2 } = await import('../../../app/client/MigrateRelease')
    const program = migrateRelease(
      {
        name: this.release,
        dryRun: this.dryRun,
        maxVersions: this.releaseVersionsMax,
        deleteSource: this.deleteV3Releases,
        ...(this.namespace ? { namespace: this.namespace } : {}),
      },
      helm3to2,
    )
    return this.finish(await program({ from: world.right.helm3, to: world.right.v2, out: this.say })())
  }
}
