// helm 2to3: convert, adopt, cleanup and move config on memory adapters (Helm v2's ConfigMaps and Helm 3's Secrets
// side by side on one set of memory objects).
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../../src/adapters/configmap-store/ConfigMapStore'
import { helm3Store } from '../../../src/adapters/configmap-store/Helm3Store'
import { memoryChartFiles } from '../../../src/adapters/memory-files/MemoryChartFiles'
import { cleanupV2 } from '../../../src/app/client/CleanupV2'
import { helm2to3, helm3to2, migrateRelease } from '../../../src/app/client/MigrateRelease'
import { moveConfig } from '../../../src/app/client/MoveConfig'
import { message } from '../../../src/domain/errors'
import { type Release, releaseKey, withStatus } from '../../../src/domain/release/Release'
import type { ObjectRef } from '../../../src/domain/release/KubeObject'
import { assertLeft, assertRight } from '../../helpers'
import { stubRelease } from '../../ports/ReleaseStore.contract'
import { memoryObjects } from '../../adapters/configmap-store/memoryObjects'

const world = () => {
  const objects = memoryObjects()
  const v2 = configMapStore(objects, 'kube-system')
  const helm3 = helm3Store('Secret', objects)
  const out: string[] = []
  return { objects, v2, helm3, out, say: (l: string) => void out.push(l) }
}
const seed = async (s: ReturnType<typeof world>['v2'], name: string, n: number, ns = 'default') => {
  for (let v = 1; v <= n; v++) {
    const r: Release = {
      ...stubRelease(name, v, v === n ? 'DEPLOYED' : 'SUPERSEDED'),
      namespace: ns,
      config: { raw: `x: ${v}\n` },
      manifest: `---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\ndata:\n  rev: "${v}"\n`,
    }
    assertRight(await s.create(releaseKey(name, v), r)())
  }
}
const versions = (rs: ReadonlyArray<Release>) => rs.map((r) => `${r.version} ${r.info.status.code}`).sort()
const opts = { dryRun: false, maxVersions: 0, deleteSource: false }

const convert = suite('migrateRelease (helm 2to3 convert / adopt)')
convert('should copy every revision with its status, values and manifest, and keep the source', async () => {
  const w = world()
  await seed(w.v2, 'web', 5)
  const r = assertRight(
    await migrateRelease({ ...opts, name: 'web' }, helm2to3)({ from: w.v2, to: w.helm3, out: w.say })(),
  )
  assert.equal(r.copied, [1, 2, 3, 4, 5])
  const copied = assertRight(await w.helm3.query({ NAME: 'web' })())
  assert.equal(versions(copied), ['1 SUPERSEDED', '2 SUPERSEDED', '3 SUPERSEDED', '4 SUPERSEDED', '5 DEPLOYED'])
  for (const c of copied) {
    const src = assertRight(await w.v2.get(releaseKey('web', c.version))())
    assert.equal(c, src)
  }
  assert.is(assertRight(await w.v2.query({ NAME: 'web' })()).length, 5)
  const secrets = [...w.objects.objects.keys()].filter((k) => k.startsWith('Secret/default/sh.helm.release.v1.web.'))
  assert.is(secrets.length, 5)
  assert.equal(w.out.slice(0, 4), [
    'Release "web" will be converted from Helm v2 to Helm v3.',
    '[Helm 3] Release "web" will be created.',
    '[Helm 3] ReleaseVersion "web.v1" will be created.',
    '[Helm 3] ReleaseVersion "web.v1" created.',
  ])
  assert.is(w.out.at(-3), 'Release "web" was converted successfully from Helm v2 to Helm v3.')
})
convert('should be idempotent, and leave alone a revision that has moved on in the target', async () => {
  const w = world()
  await seed(w.v2, 'web', 3)
  const run = () => migrateRelease({ ...opts, name: 'web' }, helm2to3)({ from: w.v2, to: w.helm3, out: w.say })()
  assertRight(await run())
  // real Helm upgraded it meanwhile: revision 3 superseded, 4 deployed
  const v3 = assertRight(await w.helm3.get('web.v3')())
  assertRight(await w.helm3.update('web.v3', withStatus(v3, 'SUPERSEDED'))())
  const again = assertRight(await run())
  assert.equal([again.copied, again.alreadyThere], [[], [1, 2, 3]])
  assert.ok(w.out.includes('[Helm 3] ReleaseVersion "web.v3" already exists.'))
  assert.is(assertRight(await w.helm3.get('web.v3')()).info.status.code, 'SUPERSEDED')
})
convert('should refuse, writing nothing, when the target holds another release under a revision', async () => {
  const w = world()
  await seed(w.v2, 'web', 2)
  const other = { ...stubRelease('web', 2), manifest: 'kind: Other\n' }
  assertRight(await w.helm3.create('web.v2', other)())
  const e = assertLeft(
    await migrateRelease({ ...opts, name: 'web' }, helm2to3)({ from: w.v2, to: w.helm3, out: w.say })(),
  )
  assert.match(message(e), 'release version "web.v2" already exists in Helm v3 storage and differs')
  assert.equal(await w.helm3.get('web.v1')(), E.left({ _tag: 'ReleaseNotFound', key: 'web.v1' }))
})
convert(
  'should convert the newest revisions only, delete them from the source when asked, and say nothing on a dry run',
  async () => {
    const w = world()
    await seed(w.v2, 'web', 5)
    const dry = assertRight(
      await migrateRelease(
        { ...opts, name: 'web', dryRun: true, maxVersions: 2, deleteSource: true },
        helm2to3,
      )({
        from: w.v2,
        to: w.helm3,
        out: w.say,
      })(),
    )
    assert.equal(dry, { copied: [], alreadyThere: [], deleted: [] })
    assert.equal(assertRight(await w.helm3.list(() => true)()), [])
    assert.is(w.out[0], 'NOTE: This is in dry-run mode, the following actions will not be executed.')
    const r = assertRight(
      await migrateRelease(
        { ...opts, name: 'web', maxVersions: 2, deleteSource: true },
        helm2to3,
      )({
        from: w.v2,
        to: w.helm3,
        out: w.say,
      })(),
    )
    assert.equal(
      [r.copied, r.deleted],
      [
        [4, 5],
        [4, 5],
      ],
    )
    assert.equal(versions(assertRight(await w.v2.query({ NAME: 'web' })())), [
      '1 SUPERSEDED',
      '2 SUPERSEDED',
      '3 SUPERSEDED',
    ])
  },
)
convert('should say a release has no revisions to convert in the plugin words', async () => {
  const w = world()
  const e = assertLeft(
    await migrateRelease({ ...opts, name: 'nope' }, helm2to3)({ from: w.v2, to: w.helm3, out: w.say })(),
  )
  assert.is(message(e), 'nope has no deployed releases')
})
convert(
  'should adopt a Helm 3 release into Helm v2 storage, asking for a namespace when several hold its name',
  async () => {
    const w = world()
    for (const ns of ['apps', 'team'])
      for (let v = 1; v <= 2; v++)
        assertRight(await w.helm3.create(releaseKey('neo', v), { ...stubRelease('neo', v), namespace: ns })())
    const adopt = (namespace?: string) =>
      migrateRelease(
        { ...opts, name: 'neo', ...(namespace ? { namespace } : {}) },
        helm3to2,
      )({
        from: w.helm3,
        to: w.v2,
        out: w.say,
      })()
    // the Helm 3 store reads a name held in two namespaces from the first
    assertRight(await adopt())
    assert.equal(
      assertRight(await w.v2.query({ NAME: 'neo' })()).map((r) => r.namespace),
      ['apps', 'apps'],
    )
    assert.ok(w.out.includes('Release "neo" was adopted successfully from Helm v3 to Helm v2.'))
    assert.match(message(assertLeft(await adopt('elsewhere'))), 'neo has no deployed releases')
  },
)
convert.run()

const cleanup = suite('cleanupV2 (helm 2to3 cleanup)')
const deleted: ObjectRef[] = []
const kube = {
  delete: (ref: ObjectRef) => {
    deleted.push(ref)
    return TE.right(undefined)
  },
}
const base = {
  configCleanup: false,
  releaseCleanup: false,
  tillerCleanup: false,
  dryRun: false,
  skipConfirmation: true,
  tillerNamespace: 'kube-system',
  tillerOutCluster: false,
  home: '/home/me/.helm',
}
cleanup('should remove one release only with --name, and refuse --name with other cleanups', async () => {
  const w = world()
  await seed(w.v2, 'web', 2)
  await seed(w.v2, 'keep', 1)
  const files = memoryChartFiles({ '/home/me/.helm/repository/repositories.yaml': 'x' })
  const deps = { v2: w.v2, kube, files, out: w.say, confirm: async () => false }
  const r = assertRight(await cleanupV2({ ...base, name: 'web' })(deps)())
  assert.equal(r.releases, ['web.v1', 'web.v2'])
  assert.equal(versions(assertRight(await w.v2.list(() => true)())), ['1 DEPLOYED'])
  const e = assertLeft(await cleanupV2({ ...base, name: 'web', tillerCleanup: true })(deps)())
  assert.match(message(e), 'cleanup of a specific release is a singular operation')
})
cleanup('should clean everything when no part is named, after a yes, and nothing after a no', async () => {
  const w = world()
  await seed(w.v2, 'web', 2)
  const files = memoryChartFiles({ '/home/me/.helm/repository/repositories.yaml': 'x' })
  deleted.length = 0
  let answer = false
  const deps = { v2: w.v2, kube, files, out: w.say, confirm: async () => answer }
  const no = assertRight(await cleanupV2({ ...base, skipConfirmation: false })(deps)())
  assert.equal(no, { confirmed: false, releases: [] })
  assert.ok(w.out.includes("Cleanup will not proceed as the user didn't answer (Y|y) in order to continue."))
  assert.is(assertRight(await w.v2.list(() => true)()).length, 2)
  answer = true
  assertRight(await cleanupV2({ ...base, skipConfirmation: false })(deps)())
  assert.equal(assertRight(await w.v2.list(() => true)()), [])
  assert.equal(
    deleted.map((d) => `${d.kind} ${d.namespace}/${d.name}`),
    ['Deployment kube-system/tiller-deploy', 'Service kube-system/tiller-deploy'],
  )
  assert.ok(E.isRight(await files.stat('/home/me/.helm')()))
  assert.equal(assertRight(await files.stat('/home/me/.helm')()), { _tag: 'None' })
  assert.is(w.out.at(-1), 'Helm v2 data was cleaned up successfully.')
})
cleanup.run()

const move = suite('moveConfig (helm 2to3 move config)')
move('should copy repositories.yaml, starters and plugins into the Helm 3 folders', async () => {
  const files = memoryChartFiles({
    '/h2/repository/repositories.yaml': 'apiVersion: v1\nrepositories: []\n',
    '/h2/starters/web/Chart.yaml': 'name: web\n',
    '/h2/plugins/diff/plugin.yaml': 'name: diff\n',
    '/h2/plugins/diff/bin/diff': 'binary',
  })
  const out: string[] = []
  const r = assertRight(
    await moveConfig({
      dryRun: false,
      skipConfirmation: true,
      v2Home: '/h2',
      v3: { config: '/h3/config', data: '/h3/data', cache: '/h3/cache' },
    })({ files, out: (l) => void out.push(l), confirm: async () => false })(),
  )
  assert.equal(r.copied, ['/h3/config/repositories.yaml', '/h3/data/plugins', '/h3/data/starters'])
  const read = async (p: string) => Buffer.from(assertRight(await files.read(p)())).toString()
  assert.is(await read('/h3/config/repositories.yaml'), 'apiVersion: v1\nrepositories: []\n')
  assert.is(await read('/h3/data/starters/web/Chart.yaml'), 'name: web\n')
  assert.is(await read('/h3/data/plugins/diff/bin/diff'), 'binary')
  assert.equal(assertRight(await files.stat('/h3/cache')())._tag, 'Some')
  assert.is(out.at(-1), 'Helm v2 configuration was moved successfully to Helm v3 configuration.')
})
move.run()
