// helm init: the printed Tiller manifests (-o yaml|json), and installing / resetting Tiller in a sandbox cluster.
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseAllDocuments } from 'yaml'
import { helm } from '../helpers'
import { helmProc, kubectl, scratch, startKubeSandbox } from '../support/processes'

type Obj = Record<string, any>

const init = suite('helm init / reset')

init('should print the Tiller Deployment and Service with -o yaml and install nothing', async () => {
  const home = scratch('init-o')
  const r = await helm([
    'init',
    '-o',
    'yaml',
    '--service-account',
    'tiller',
    '--history-max',
    '20',
    '--home',
    join(home, 'h'),
  ])
  assert.is(r.code, 0, r.stderr)
  assert.ok(r.stdout.startsWith('---\napiVersion: apps/v1\nkind: Deployment\n'))
  const [dep, svc, ...rest] = parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj)
  assert.is(rest.length, 0)
  assert.equal(
    [dep!.kind, dep!.metadata.name, dep!.metadata.namespace, dep!.metadata.labels],
    ['Deployment', 'tiller-deploy', 'kube-system', { app: 'helm', name: 'tiller' }],
  )
  assert.equal(dep!.spec.selector.matchLabels, { app: 'helm', name: 'tiller' })
  const pod = dep!.spec.template.spec
  assert.is(pod.serviceAccountName, 'tiller')
  const c = pod.containers[0]
  assert.is(c.image, 'ghcr.io/wheelhouse/tiller:v2.17.0')
  assert.equal(c.args, ['--listen=:44134', '--probe-listen=:44135'])
  assert.equal(c.env, [
    { name: 'TILLER_NAMESPACE', value: 'kube-system' },
    { name: 'TILLER_HISTORY_MAX', value: '20' },
  ])
  assert.equal(c.livenessProbe.httpGet, { path: '/liveness', port: 44135 })
  assert.equal(c.readinessProbe.httpGet, { path: '/readiness', port: 44135 })
  assert.equal(c.ports, [
    { containerPort: 44134, name: 'tiller' },
    { containerPort: 44135, name: 'http' },
  ])
  assert.equal(
    [svc!.kind, svc!.metadata.name, svc!.spec.type, svc!.spec.ports],
    ['Service', 'tiller-deploy', 'ClusterIP', [{ name: 'tiller', port: 44134, targetPort: 'tiller' }]],
  )
  assert.equal(svc!.spec.selector, { app: 'helm', name: 'tiller' })
})

init(
  'should print JSON with -o json, honour -i and --tiller-namespace, and mount the TLS secret with --tiller-tls-verify',
  async () => {
    const dir = scratch('init-json')
    const { writeFileSync } = await import('node:fs')
    for (const f of ['c.pem', 'k.pem', 'ca.pem']) writeFileSync(join(dir, f), `-----BEGIN ${f}-----\n`)
    const r = await helm(
      [
        'init',
        '-o',
        'json',
        '-i',
        'example/tiller:dev',
        '--tiller-namespace',
        'ops',
        '--tiller-tls-verify',
        '--tiller-tls-cert',
        'c.pem',
        '--tiller-tls-key',
        'k.pem',
        '--tls-ca-cert',
        'ca.pem',
      ],
      { cwd: dir },
    )
    assert.is(r.code, 0, r.stderr)
    const docs = r.stdout.split(/\n(?=\{)/).map((t) => JSON.parse(t) as Obj)
    assert.equal(
      docs.map((d) => d.kind),
      ['Deployment', 'Service', 'Secret'],
    )
    const c = docs[0]!.spec.template.spec.containers[0]
    assert.is(c.image, 'example/tiller:dev')
    assert.ok(c.env.some((e: Obj) => e.name === 'TILLER_TLS_VERIFY' && e.value === '1'))
    assert.equal(c.volumeMounts, [{ name: 'tiller-certs', mountPath: '/etc/certs', readOnly: true }])
    assert.equal(docs[0]!.spec.template.spec.volumes, [
      { name: 'tiller-certs', secret: { secretName: 'tiller-secret' } },
    ])
    assert.is(docs[2]!.metadata.namespace, 'ops')
    assert.is(Buffer.from(docs[2]!.data['ca.crt'], 'base64').toString(), '-----BEGIN ca.pem-----\n')
    assert.ok(r.stdout.startsWith('{\n    "apiVersion": "apps/v1",'))
  },
)

init('should apply --override to the Deployment with the --set syntax and pick the canary image', async () => {
  const r = await helm([
    'init',
    '-o',
    'yaml',
    '--canary-image',
    '--override',
    'metadata.annotations.team=ops,spec.replicas=2',
  ])
  assert.is(r.code, 0, r.stderr)
  const [dep, svc] = parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj)
  assert.equal(
    [dep!.metadata.annotations, dep!.spec.replicas, dep!.spec.template.spec.containers[0].image],
    [{ team: 'ops' }, 2, 'ghcr.io/wheelhouse/tiller:canary'],
  )
  assert.is(svc!.metadata.annotations, undefined)
})

init('should install Tiller into the cluster, warn on a second init, and reset removes it', async () => {
  const dir = scratch('init-cluster')
  const kc = join(dir, 'kubeconfig')
  const sandbox = await startKubeSandbox(kc)
  const env = { HOME: dir, KUBECONFIG: kc }
  try {
    const first = await helmProc(['init', '--skip-repos', '--wait'], { cwd: dir, env })
    assert.is(first.code, 0, first.stderr)
    assert.match(
      first.stdout,
      /\$HELM_HOME has been configured at .*\/\.helm\.\n\nTiller \(the Helm server-side component\) has been installed into your Kubernetes Cluster\.\n/,
    )
    assert.match(first.stdout, /Happy Helming!\n$/)
    const got = await kubectl(kc, [
      'get',
      'deployment,service',
      '-n',
      'kube-system',
      '-l',
      'app=helm,name=tiller',
      '-o',
      'name',
    ])
    assert.equal(got.stdout.trim().split('\n').sort(), ['deployment.apps/tiller-deploy', 'service/tiller-deploy'])
    const again = await helmProc(['init', '--skip-repos'], { cwd: dir, env })
    assert.match(again.stdout, /Warning: Tiller is already installed in the cluster\./)
    const up = await helmProc(['init', '--skip-repos', '--upgrade', '-i', 'example/tiller:next'], { cwd: dir, env })
    assert.match(up.stdout, /has been updated to example\/tiller:next/)
    const image = await kubectl(kc, [
      'get',
      'deployment',
      'tiller-deploy',
      '-n',
      'kube-system',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ])
    assert.is(image.stdout, 'example/tiller:next')
    const { existsSync } = await import('node:fs')
    assert.ok(existsSync(join(dir, '.helm', 'repository')))
    const reset = await helmProc(['reset', '--force', '--remove-helm-home'], { cwd: dir, env })
    assert.is(
      reset.stdout,
      `Deleting ${join(dir, '.helm')} \nTiller (the Helm server-side component) has been uninstalled from your Kubernetes Cluster.\n`,
    )
    assert.not.ok(existsSync(join(dir, '.helm')))
    const left = await kubectl(kc, [
      'get',
      'deployment,service',
      '-n',
      'kube-system',
      '-l',
      'app=helm,name=tiller',
      '-o',
      'name',
    ])
    assert.is(left.stdout.trim(), '')
  } finally {
    await sandbox.stop()
  }
})

init.run()
