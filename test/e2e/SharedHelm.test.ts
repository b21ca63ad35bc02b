// Issue 15's shared cluster: kube-sandbox, tiller --storage helm3-secret and our helm as real processes, and the
// real Helm 4.1.4 on the same sandbox, taking turns on the same releases; both histories must read alike.
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { assertRight } from '../helpers'
import { buildChart, chartFolder, writeChartDir } from '../support/charts'
import { referenceHelmPath } from '../support/referenceHelm'
import { helmProc, kubectl, run, scratch, startKubeSandbox, startTiller } from '../support/processes'

const HELM4 = await referenceHelmPath()
const statusOf: Record<string, string> = {
  deployed: 'DEPLOYED',
  superseded: 'SUPERSEDED',
  failed: 'FAILED',
  uninstalled: 'DELETED',
}

const spec = {
  name: 'demo',
  version: '0.1.0',
  metadata: { appVersion: '1.0' },
  rawValues: 'x: 1\n',
  values: { x: 1 },
  templates: {
    'cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  x: {{ .Values.x | quote }}\n  rev: {{ .Release.Revision | quote }}\n',
  },
}
const chart = buildChart(spec)
// a hook without a delete policy: Helm 4 deletes its object before creating it again (hookSetDeletePolicy), so
// Tiller on Helm 3 records does too, or the object real Helm's upgrade left would fail Tiller's next upgrade
const hooked = buildChart({
  ...spec,
  name: 'hooked',
  templates: {
    ...spec.templates,
    'hook.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    helm.sh/hook: post-upgrade\ndata:\n  rev: {{ .Release.Revision | quote }}\n',
  },
})

const shared = suite('e2e: tiller --storage helm3-secret and the real Helm 4 on one cluster')

shared('should take turns on one release from either side, both histories alike and without gaps', async () => {
  const dir = scratch('helm3')
  const kc = join(dir, 'kubeconfig')
  const sandbox = await startKubeSandbox(kc)
  const tiller = await startTiller(kc, dir, ['--storage', 'helm3-secret']).catch(async (err) => {
    await sandbox.stop()
    throw err
  })
  writeChartDir(chartFolder(chart), { parent: dir })
  writeChartDir(chartFolder(hooked), { parent: dir })
  const ours = async (...args: string[]) => {
    const r = await helmProc(args, { cwd: dir, env: { HOME: dir, HELM_HOST: tiller.address } })
    assert.is(r.code, 0, `helm ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }
  const h4env = {
    KUBECONFIG: kc,
    HELM_CACHE_HOME: join(dir, 'h4cache'),
    HELM_CONFIG_HOME: join(dir, 'h4config'),
    HELM_DATA_HOME: join(dir, 'h4data'),
  }
  const real = async (...args: string[]) => {
    const r = await run(HELM4, args, { cwd: dir, env: h4env })
    assert.is(r.code, 0, `real helm ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }
  const data = async (name: string, ns: string) =>
    JSON.parse((await kubectl(kc, ['get', 'configmap', name, '-n', ns, '-o', 'json'])).stdout).data
  // both histories as "REVISION STATUS CHART DESCRIPTION" lines
  const ourHistory = async (name: string) =>
    (await ours('history', name))
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => {
        const [rev, , status, chart, , description] = l.split('\t').map((c) => c.trim())
        return `${rev} ${status} ${chart} ${description}`
      })
  const realHistory = async (name: string, ns: string) =>
    (JSON.parse(await real('history', name, '-n', ns, '-o', 'json')) as Array<Record<string, string>>).map(
      (r) => `${r.revision} ${statusOf[r.status!]} ${r.chart} ${r.description}`,
    )
  try {
    // our install, real upgrade, our rollback, real history equals ours, our upgrade, real rollback, real uninstall
    await ours('install', './hooked', '--name', 'web')
    assert.match(await real('list', '-A'), /\nweb\s+default\s+1\s+.+\sdeployed\s+hooked-0\.1\.0\s+1\.0/)
    await real('upgrade', 'web', './hooked', '--set', 'x=2')
    assert.equal(await data('web-cfg', 'default'), { x: '2', rev: '2' })
    assert.is(await ours('rollback', 'web', '1'), 'Rollback was a success! Happy Helming!\n')
    assert.equal(await data('web-cfg', 'default'), { x: '1', rev: '1' })
    assert.equal(await realHistory('web', 'default'), await ourHistory('web'))
    assert.equal(await ourHistory('web'), [
      '1 SUPERSEDED hooked-0.1.0 Install complete',
      '2 SUPERSEDED hooked-0.1.0 Upgrade complete',
      '3 DEPLOYED hooked-0.1.0 Rollback to 1',
    ])
    await ours('upgrade', 'web', './hooked', '--set', 'x=4')
    await real('rollback', 'web', '2')
    assert.equal(await data('web-cfg', 'default'), { x: '2', rev: '2' })
    assert.equal(await ourHistory('web'), await realHistory('web', 'default'))
    assert.equal(
      (await ourHistory('web')).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['1 SUPERSEDED', '2 SUPERSEDED', '3 SUPERSEDED', '4 SUPERSEDED', '5 DEPLOYED'],
    )
    // revision 2 written by real Helm, 4 by Tiller
    for (const rev of ['2', '4']) {
      assert.is(await ours('get', 'values', 'web', '--revision', rev), `x: ${rev}\n\n`)
      assert.is(await real('get', 'values', 'web', '--revision', rev), `USER-SUPPLIED VALUES:\nx: ${rev}\n`)
    }
    assert.is(
      (await ours('get', 'manifest', 'web', '--revision', '4')).trim(),
      (await real('get', 'manifest', 'web', '--revision', '4')).trim(),
    )
    assert.match(await real('uninstall', 'web'), /release "web" uninstalled/)
    assert.is(await ours('list', '--all'), '')
    assert.is((await kubectl(kc, ['get', 'configmap', 'web-cfg', '-n', 'default'])).code, 1)

    // the reverse start, in another namespace: real install, our upgrade, real rollback, our delete --purge
    await real('install', 'web2', './demo', '-n', 'team', '--create-namespace', '--set', 'x=7', '--labels', 'tier=a')
    assert.match(await ours('list'), /\nweb2\s*\t1\s*\t.+\tDEPLOYED\s*\tdemo-0\.1\.0\s*\t1\.0\s*\tteam/)
    await ours('upgrade', 'web2', './demo', '--reuse-values', '--set', 'extra=8')
    assert.is(await ours('get', 'values', 'web2'), 'extra: 8\nx: 7\n\n')
    // the release labels real Helm gave stay on the revision Tiller wrote: Helm 4 still selects the release by them
    assert.match(await real('list', '-n', 'team', '-l', 'tier=a'), /\nweb2\s+team\s+2\s/)
    await real('rollback', 'web2', '1', '-n', 'team')
    assert.equal(await data('web2-cfg', 'team'), { x: '7', rev: '1' })
    assert.equal(await ourHistory('web2'), await realHistory('web2', 'team'))
    assert.equal(
      (await ourHistory('web2')).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['1 SUPERSEDED', '2 SUPERSEDED', '3 DEPLOYED'],
    )
    assert.is(await ours('delete', '--purge', 'web2'), 'release "web2" deleted\n')
    assert.is((await real('list', '-A', '--uninstalled')).trim().split('\n').length, 1)
    const left = await kubectl(kc, ['get', 'secrets', '-A', '-l', 'owner=helm', '-o', 'name'])
    assert.is(left.stdout, '')

    // concurrent writers: an upgrade from each side at once; whatever wins, none is lost and no revision is skipped
    await ours('install', './demo', '--name', 'race')
    const tryOurs = helmProc(['upgrade', 'race', './demo', '--set', 'x=10'], {
      cwd: dir,
      env: { HOME: dir, HELM_HOST: tiller.address },
    })
    const tryReal = run(HELM4, ['upgrade', 'race', './demo', '--set', 'x=20'], { cwd: dir, env: h4env })
    const [a, b] = await Promise.all([tryOurs, tryReal])
    for (const r of [a, b])
      if (r.code !== 0) assert.match(r.stderr, /already exists|another operation|has been modified|in progress/)
    const raced = await ourHistory('race')
    assert.equal(
      raced.map((l) => Number(l.split(' ')[0])),
      Array.from({ length: 1 + [a, b].filter((r) => r.code === 0).length }, (_, i) => i + 1),
    )
    assert.equal(await realHistory('race', 'default'), raced)
    assert.is(raced.filter((l) => / DEPLOYED /.test(l)).length, 1)

    // a revision Tiller holds (pending-upgrade, its lock fresh) refuses real Helm, as Helm's own pending does
    const { connect } = await import('../../src/adapters/k8s/Rest')
    const { namespacedObjects } = await import('../../src/adapters/k8s/Objects')
    const { helm3Store } = await import('../../src/adapters/configmap-store/Helm3Store')
    const { withLock, withStatus } = await import('../../src/domain/release/Release')
    const store = helm3Store('Secret', namespacedObjects(await connect({ kubeconfig: kc })))
    const latest = [...assertRight(await store.query({ NAME: 'race' })())].sort((x, y) => y.version - x.version)[0]!
    const pending = withLock(
      withStatus({ ...latest, version: latest.version + 1 }, 'PENDING_UPGRADE', 'Preparing upgrade'),
      {
        timeout: 300,
        holder: 'elsewhere/127.0.0.1:44134',
        session: '00000000-0000',
      },
    )
    const held = {
      ...pending,
      info: { ...pending.info, lastDeployed: { seconds: Math.floor(Date.now() / 1000), nanos: 0 } },
    }
    assertRight(await store.create(`race.v${held.version}`, held)())
    const refused = await run(HELM4, ['upgrade', 'race', './demo'], { cwd: dir, env: h4env })
    assert.is(refused.code, 1)
    assert.match(refused.stderr, /another operation \(install\/upgrade\/rollback\) is in progress/)
    const ourRefusal = await helmProc(['upgrade', 'race', './demo'], {
      cwd: dir,
      env: { HOME: dir, HELM_HOST: tiller.address },
    })
    assert.is(ourRefusal.code, 1)
    assert.match(ourRefusal.stderr, /another operation \(install\/upgrade\/rollback\) is in progress/)
  } finally {
    await tiller.stop()
    await sandbox.stop()
  }
})

shared.run()
