// Issue 15's shared cluster: kube-sandbox, tiller --storage helm3-secret and our helm as real processes, and the
// real Helm 4.1.4 on the same sandbox, taking turns on the same releases; both histories must read alike.
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { chartFolder, buildChart, writeChartDir } from '../support/charts'
import { referenceHelmPath } from '../support/referenceHelm'
import { helmProc, kubectl, run, scratch, startKubeSandbox, startTiller } from '../support/processes'

const HELM4 = await referenceHelmPath()
const statusOf: Record<string, string> = {
  deployed: 'DEPLOYED',
  superseded: 'SUPERSEDED',
  failed: 'FAILED',
  uninstalled: 'DELETED',
}

const chart = buildChart({
  name: 'demo',
  version: '0.1.0',
  metadata: { appVersion: '1.0' },
  rawValues: 'x: 1\n',
  values: { x: 1 },
  templates: {
    'cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  x: {{ .Values.x | quote }}\n  rev: {{ .Release.Revision | quote }}\n',
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
  const ours = async (...args: string[]) => {
    const r = await helmProc(args, { cwd: dir, env: { HOME: dir, HELM_HOST: tiller.address } })
    assert.is(r.code, 0, `helm ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }
  const real = async (...args: string[]) => {
    const r = await run(HELM4, args, {
      cwd: dir,
      env: {
        KUBECONFIG: kc,
        HELM_CACHE_HOME: join(dir, 'h4cache'),
        HELM_CONFIG_HOME: join(dir, 'h4config'),
        HELM_DATA_HOME: join(dir, 'h4data'),
      },
    })
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
    await ours('install', './demo', '--name', 'web')
    assert.match(await real('list', '-A'), /\nweb\s+default\s+1\s+.+\sdeployed\s+demo-0\.1\.0\s+1\.0/)
    await real('upgrade', 'web', './demo', '--set', 'x=2')
    assert.equal(await data('web-cfg', 'default'), { x: '2', rev: '2' })
    assert.is(await ours('rollback', 'web', '1'), 'Rollback was a success! Happy Helming!\n')
    assert.equal(await data('web-cfg', 'default'), { x: '1', rev: '1' })
    assert.equal(await realHistory('web', 'default'), await ourHistory('web'))
    assert.equal(await ourHistory('web'), [
      '1 SUPERSEDED demo-0.1.0 Install complete',
      '2 SUPERSEDED demo-0.1.0 Upgrade complete',
      '3 DEPLOYED demo-0.1.0 Rollback to 1',
    ])
    await ours('upgrade', 'web', './demo', '--set', 'x=4')
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
    await real('install', 'web2', './demo', '-n', 'team', '--create-namespace', '--set', 'x=7')
    assert.match(await ours('list'), /\nweb2\s*\t1\s*\t.+\tDEPLOYED\s*\tdemo-0\.1\.0\s*\t1\.0\s*\tteam/)
    await ours('upgrade', 'web2', './demo', '--reuse-values', '--set', 'extra=8')
    assert.is(await ours('get', 'values', 'web2'), 'extra: 8\nx: 7\n\n')
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
  } finally {
    await tiller.stop()
    await sandbox.stop()
  }
})

shared.run()
