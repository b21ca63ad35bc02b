// Issue 15's migrations on real processes: a Tiller with Helm v2's ConfigMap storage writes 5 revisions (protobuf,
// as a v2 Tiller writes them), `helm 2to3 convert` moves them to Helm 3 Secrets and the real Helm 4.1.4 reads
// and upgrades the release; `helm 2to3 adopt` brings a release real Helm installed under that Tiller.
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeRelease } from '../../src/domain/release/Codec'
import { assertRight } from '../helpers'
import { buildChart, chartFolder, writeChartDir } from '../support/charts'
import { helmProc, kubectl, run, scratch, startKubeSandbox, startTiller } from '../support/processes'
import { referenceHelmPath } from '../support/referenceHelm'

const HELM4 = await referenceHelmPath()
const toV2: Record<string, string> = { deployed: 'DEPLOYED', superseded: 'SUPERSEDED', failed: 'FAILED' }

const chart = buildChart({
  name: 'demo',
  metadata: { appVersion: '1.0' },
  rawValues: 'x: 1\n',
  values: { x: 1 },
  templates: {
    'cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  x: {{ .Values.x | quote }}\n  rev: {{ .Release.Revision | quote }}\n',
  },
})

const migrate = suite('e2e: helm 2to3 convert and adopt with the real Helm 4')

migrate('should convert 5 v2 revisions for real Helm 4 and adopt a real Helm 4 release into Tiller', async () => {
  const dir = scratch('2to3')
  const kc = join(dir, 'kubeconfig')
  const sandbox = await startKubeSandbox(kc)
  const tiller = await startTiller(kc, dir, ['--storage', 'configmap']).catch(async (err) => {
    await sandbox.stop()
    throw err
  })
  writeChartDir(chartFolder(chart), { parent: dir })
  const ours = async (...args: string[]) => {
    const r = await helmProc(args, { cwd: dir, env: { HOME: dir, HELM_HOST: tiller.address, KUBECONFIG: kc } })
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
  const ourHistory = async (name: string) =>
    (await ours('history', name))
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => {
        const [rev, , status, chart, , description] = l.split('\t').map((c) => c.trim())
        return `${rev} ${status} ${chart} ${description}`
      })
  const outside = ['--tiller-out-cluster', '-s', 'configmaps']
  try {
    // five revisions through a Tiller on Helm v2's ConfigMaps
    await ours('install', './demo', '--name', 'old', '--namespace', 'legacy')
    for (const x of ['2', '3', '4']) await ours('upgrade', 'old', './demo', '--set', `x=${x}`)
    await ours('rollback', 'old', '2')
    const v2History = await ourHistory('old')
    assert.is(v2History.length, 5)
    // each revision's values and manifest as the v2 records hold them (decoded here: fewer processes)
    const maps = JSON.parse(
      (await kubectl(kc, ['get', 'configmaps', '-n', 'kube-system', '-l', 'NAME=old', '-o', 'json'])).stdout,
    ).items as Array<{ data: { release: string } }>
    const records = maps.map((m) => assertRight(decodeRelease(m.data.release))).sort((a, b) => a.version - b.version)
    assert.equal(
      records.map((r) => r.config.raw),
      ['{}\n', 'x: 2\n', 'x: 3\n', 'x: 4\n', 'x: 2\n'],
    )
    const dry = await ours('2to3', 'convert', 'old', ...outside, '--dry-run')
    assert.match(dry, /^NOTE: This is in dry-run mode/)
    assert.is((await kubectl(kc, ['get', 'secrets', '-A', '-l', 'owner=helm', '-o', 'name'])).stdout, '')
    const converted = await ours('2to3', 'convert', 'old', ...outside)
    assert.match(converted, /\[Helm 3\] ReleaseVersion "old\.v5" created\.\n/)
    assert.match(converted, /Release "old" was converted successfully from Helm v2 to Helm v3\./)

    // real Helm 4 sees the same history, values and manifest per revision
    const helm4History = (
      JSON.parse(await real('history', 'old', '-n', 'legacy', '-o', 'json')) as Array<Record<string, string>>
    ).map((r) => `${r.revision} ${toV2[r.status!]} ${r.chart} ${r.description}`)
    assert.equal(helm4History, v2History)
    for (const r of records) {
      const rev = String(r.version)
      // Helm 4 prints the values map as YAML, null when empty (v2's client sent {})
      const got = await real('get', 'values', 'old', '-n', 'legacy', '--revision', rev)
      assert.is(got, `USER-SUPPLIED VALUES:\n${r.config.raw === '{}\n' ? 'null\n' : r.config.raw}`, `revision ${rev}`)
      assert.is(await real('get', 'manifest', 'old', '-n', 'legacy', '--revision', rev), `${r.manifest}\n`)
    }
    assert.match(await real('upgrade', 'old', './demo', '-n', 'legacy', '--set', 'x=9'), /REVISION: 6\n/)
    const cm = JSON.parse((await kubectl(kc, ['get', 'configmap', 'old-cfg', '-n', 'legacy', '-o', 'json'])).stdout)
    assert.equal(cm.data, { x: '9', rev: '6' })
    // again: nothing left to do, nothing overwritten; the v2 records stay until cleanup
    const again = await ours('2to3', 'convert', 'old', ...outside)
    assert.match(again, /\[Helm 3\] ReleaseVersion "old\.v5" already exists\./)
    assert.match(await real('history', 'old', '-n', 'legacy'), /\n6\s.+deployed/)
    assert.is((await ourHistory('old')).length, 5)
    const cleaned = await ours('2to3', 'cleanup', '--name', 'old', '--skip-confirmation', ...outside)
    assert.match(cleaned, /Helm v2 data was cleaned up successfully\./)
    assert.is(
      (await kubectl(kc, ['get', 'configmaps', '-n', 'kube-system', '-l', 'NAME=old', '-o', 'name'])).stdout,
      '',
    )

    // the reverse: a release real Helm 4 installed, adopted into Tiller's ConfigMaps
    await real('install', 'neo', './demo', '-n', 'apps', '--create-namespace')
    await real('upgrade', 'neo', './demo', '-n', 'apps', '--set', 'x=3')
    await real('rollback', 'neo', '1', '-n', 'apps')
    const adopted = await ours('2to3', 'adopt', 'neo', ...outside)
    assert.match(adopted, /Release "neo" was adopted successfully from Helm v3 to Helm v2\./)
    assert.equal(await ourHistory('neo'), [
      '1 SUPERSEDED demo-0.1.0 Install complete',
      '2 SUPERSEDED demo-0.1.0 Upgrade complete',
      '3 DEPLOYED demo-0.1.0 Rollback to 1',
    ])
    assert.is(await ours('get', 'values', 'neo', '--revision', '2'), 'x: 3\n\n')
    await ours('upgrade', 'neo', './demo', '--set', 'x=5')
    assert.match((await ourHistory('neo'))[3]!, /^4 DEPLOYED demo-0\.1\.0 Upgrade complete$/)
    const neoMaps = await kubectl(kc, [
      'get',
      'configmaps',
      '-n',
      'kube-system',
      '-l',
      'NAME=neo,OWNER=TILLER',
      '-o',
      'name',
    ])
    assert.is(neoMaps.stdout.trim().split('\n').length, 4)
  } finally {
    await tiller.stop()
    await sandbox.stop()
  }
})

migrate.run()
