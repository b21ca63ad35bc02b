// Which kubeconfig a connection reads when no file is named: the environment it is given ($KUBECONFIG's files,
// merged; else $HOME/.kube/config), not the process's, so that an embedded helm run with its own environment
// reaches its own cluster.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connect } from '../../../src/adapters/k8s/Rest'
import { startSandbox } from '../../../src/sandbox/Sandbox'
import { helm } from '../../helpers'

const kc = suite('k8s connect: the kubeconfig of the given environment')

kc('should read $KUBECONFIG (files merged) and $HOME/.kube/config from the environment given', async () => {
  const sb = await startSandbox()
  try {
    const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-env-'))
    const file = join(dir, 'sandbox.yaml')
    writeFileSync(file, sb.kubeconfig)
    const other = join(dir, 'other.yaml')
    writeFileSync(
      other,
      'apiVersion: v1\nkind: Config\nclusters:\n- name: far\n  cluster:\n    server: https://127.0.0.1:1\ncontexts:\n- name: far\n  context:\n    cluster: far\n    user: far\nusers:\n- name: far\n  user: {}\n',
    )
    assert.is((await connect({ env: { KUBECONFIG: file } })).server, sb.url)
    // the second file's context is there too (client-node merges as kubectl does)
    const merged = await connect({ env: { KUBECONFIG: `${file}${delimiter}${other}` }, context: 'far' })
    assert.is(merged.server, 'https://127.0.0.1:1')
    const home = join(dir, 'home')
    mkdirSync(join(home, '.kube'), { recursive: true })
    writeFileSync(join(home, '.kube', 'config'), sb.kubeconfig)
    assert.is((await connect({ env: { HOME: home } })).server, sb.url)
  } finally {
    await sb.stop()
  }
})

kc('should let an in-process helm reach the cluster its own $KUBECONFIG names', async () => {
  const sb = await startSandbox()
  try {
    const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-helm-'))
    const file = join(dir, 'kubeconfig')
    writeFileSync(file, sb.kubeconfig)
    const r = await helm(['2to3', 'convert', 'nothing', '--tiller-out-cluster', '-s', 'configmaps'], {
      env: { HOME: dir, KUBECONFIG: file },
    })
    // it reached the sandbox and found no v2 release there (not: a refused connection to another cluster)
    assert.is(r.stderr, 'Error: nothing has no deployed releases\n')
    assert.is(r.code, 1)
  } finally {
    await sb.stop()
  }
})
kc.run()
