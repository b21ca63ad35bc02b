// The reference Helm (4.x, server-side apply, kstatus watch-list waits, Secret storage) against the sandbox.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connect } from '../../src/adapters/k8s/Rest'
import { startSandbox } from '../../src/sandbox/Sandbox'
import { referenceHelmPath } from '../support/referenceHelm'

const HELM = await referenceHelmPath()
const dir = mkdtempSync(join(tmpdir(), 'real-helm-'))
const kubeconfig = join(dir, 'kubeconfig')
const run = (bin: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> =>
  new Promise((resolve) =>
    execFile(
      bin,
      args,
      {
        cwd: dir,
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          HELM_CACHE_HOME: join(dir, 'cache'),
          HELM_CONFIG_HOME: join(dir, 'config'),
          HELM_DATA_HOME: join(dir, 'data'),
        },
        timeout: 90_000,
      },
      (err, out, errOut) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out, err: errOut }),
    ),
  )
const helm = (...args: string[]) => run(HELM, ...args)

const h = suite('reference Helm against the sandbox')
h('should install with --wait, upgrade, test, roll back and uninstall a `helm create` chart', async () => {
  const sb = await startSandbox()
  writeFileSync(kubeconfig, sb.kubeconfig)
  try {
    assert.is((await helm('create', 'ch')).code, 0)
    const install = await helm('install', 'demo', './ch', '--wait', '--timeout', '30s')
    assert.is(install.code, 0, install.err)
    assert.match(install.out, 'STATUS: deployed')
    const annotations = async () =>
      JSON.parse(
        (await rest.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/demo-ch' })).text,
      ).spec.template.metadata.annotations
    const rest = await connect({ kubeconfigYaml: sb.kubeconfig })
    assert.is((await helm('upgrade', 'demo', './ch', '--set', 'podAnnotations.team=web', '--wait')).code, 0)
    assert.equal(await annotations(), { team: 'web' })
    const up = await helm('upgrade', 'demo', './ch', '--set', 'replicaCount=3', '--wait', '--timeout', '30s')
    assert.is(up.code, 0, up.err)
    assert.is(await annotations(), undefined, 'server-side apply drops what the chart no longer sets')
    const test = await helm('test', 'demo', '--timeout', '30s')
    assert.is(test.code, 0, test.err)
    assert.match(test.out, 'Phase:          Succeeded')
    assert.is((await helm('rollback', 'demo', '1', '--wait')).code, 0)
    const history = await helm('history', 'demo', '-o', 'json')
    assert.equal(
      JSON.parse(history.out).map((r: { revision: number; status: string }) => `${r.revision} ${r.status}`),
      ['1 superseded', '2 superseded', '3 superseded', '4 deployed'],
    )
    const un = await helm('uninstall', 'demo', '--wait')
    assert.is(un.code, 0, un.err)
    assert.match(un.out, 'release "demo" uninstalled')
    assert.is((await helm('list', '-a', '-q')).out, '')
  } finally {
    await sb.stop()
  }
})
h.run()
