// Real kubectl against the sandbox (kubectl is a system dependency of the tests, as in .ci/run).
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../src/adapters/configmap-store/ConfigMapStore'
import { namespacedObjects } from '../../src/adapters/k8s/Objects'
import { connect } from '../../src/adapters/k8s/Rest'
import { startSandbox } from '../../src/sandbox/Sandbox'
import { assertRight } from '../helpers'
import { stubRelease } from '../ports/ReleaseStore.contract'

const dir = mkdtempSync(join(tmpdir(), 'kubectl-sandbox-'))
const sb = await startSandbox()
const kubeconfig = join(dir, 'kubeconfig')
writeFileSync(kubeconfig, sb.kubeconfig)

const kubectl = (...args: string[]): Promise<{ code: number; out: string; err: string }> =>
  new Promise((resolve) =>
    execFile(
      'kubectl',
      args,
      { env: { ...process.env, KUBECONFIG: kubeconfig }, timeout: 60_000 },
      (err, out, errOut) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out, err: errOut }),
    ),
  )

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
  labels: {app: web, tier: front}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports: [{containerPort: 80}]
        env: [{name: A, value: "1"}]
`
const manifest = join(dir, 'web.yaml')
writeFileSync(manifest, deployment)

const k = suite('kubectl against the sandbox')
k('should create a namespace and apply, get and list a Deployment by label', async () => {
  assert.match((await kubectl('create', 'namespace', 'demo')).out, 'namespace/demo created')
  assert.match((await kubectl('apply', '-f', manifest)).out, 'deployment.apps/web created')
  const got = await kubectl(
    'get',
    'deployment',
    'web',
    '-n',
    'demo',
    '-o',
    'jsonpath={.metadata.name} {.spec.replicas} {.metadata.uid}',
  )
  assert.match(got.out, /^web 2 [0-9a-f-]{36}$/)
  assert.match(
    (await kubectl('get', 'deploy', '-n', 'demo', '-l', 'tier=front', '-o', 'name')).out,
    'deployment.apps/web',
  )
  assert.is((await kubectl('get', 'deploy', '-n', 'demo', '-l', 'tier=back', '-o', 'name')).out, '')
})
k('should refuse a duplicate create with AlreadyExists', async () => {
  const dup = await kubectl('create', '-f', manifest)
  assert.is.not(dup.code, 0)
  assert.match(dup.err, 'Error from server (AlreadyExists): error when creating')
  assert.match(dup.err, 'deployments.apps "web" already exists')
})
k('should wait for the Deployment to become Available', async () => {
  const w = await kubectl('wait', '--for=condition=Available', 'deployment/web', '-n', 'demo', '--timeout=20s')
  assert.is(w.code, 0, w.err)
  assert.match(w.out, 'deployment.apps/web condition met')
  const pods = await kubectl('get', 'pods', '-n', 'demo', '-l', 'app=web', '-o', 'name')
  assert.is(pods.out.trim().split('\n').length, 2)
})
k('should merge-patch and re-apply with a strategic merge patch that keeps merged lists', async () => {
  assert.match(
    (await kubectl('patch', 'deployment', 'web', '-n', 'demo', '--type', 'merge', '-p', '{"spec":{"replicas":3}}')).out,
    'patched',
  )
  writeFileSync(manifest, deployment.replace('nginx:1.25', 'nginx:1.26').replace('replicas: 2', 'replicas: 3'))
  assert.match((await kubectl('apply', '-f', manifest)).out, 'deployment.apps/web configured')
  const got = await kubectl(
    'get',
    'deployment',
    'web',
    '-n',
    'demo',
    '-o',
    'jsonpath={.spec.template.spec.containers[0].image} {.spec.replicas} {.metadata.generation} {.spec.template.spec.containers[0].env[0].name}',
  )
  assert.is(got.out, 'nginx:1.26 3 3 A')
})
k('should scale through the scale subresource and report the rollout done', async () => {
  assert.match(
    (await kubectl('scale', 'deployment', 'web', '-n', 'demo', '--replicas=4')).out,
    'deployment.apps/web scaled',
  )
  const r = await kubectl('rollout', 'status', 'deployment/web', '-n', 'demo', '--timeout=20s')
  assert.match(r.out, 'deployment "web" successfully rolled out')
  assert.is(
    (await kubectl('get', 'pods', '-n', 'demo', '-l', 'app=web', '-o', 'name')).out.trim().split('\n').length,
    4,
  )
})
k('should delete the Deployment and its ReplicaSets and pods', async () => {
  assert.match((await kubectl('delete', '-f', manifest)).out, 'deployment.apps "web" deleted')
  assert.is((await kubectl('get', 'deploy,rs,pods', '-n', 'demo', '-o', 'name')).out, '')
})
k('should take the protobuf bodies of kubectl create <kind> and print server-side tables', async () => {
  assert.match(
    (await kubectl('create', 'configmap', 'cfg', '-n', 'demo', '--from-literal=a=b')).out,
    'configmap/cfg created',
  )
  assert.match(
    (await kubectl('create', 'secret', 'generic', 'pw', '-n', 'demo', '--from-literal=k=v')).out,
    'secret/pw created',
  )
  assert.match(
    (await kubectl('create', 'service', 'loadbalancer', 'lb', '-n', 'demo', '--tcp=80:8080')).out,
    'service/lb created',
  )
  assert.match(
    (await kubectl('create', 'deployment', 'api', '-n', 'demo', '--image=nginx:1.25', '--replicas=2', '--port=80')).out,
    'deployment.apps/api created',
  )
  assert.is(
    (await kubectl('wait', '--for=condition=Available', 'deployment/api', '-n', 'demo', '--timeout=20s')).code,
    0,
  )
  const table = (await kubectl('get', 'deployment/api', 'service/lb', 'secret/pw', 'configmap/cfg', '-n', 'demo')).out
  assert.match(table, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndeployment\.apps\/api\s+2\/2\s+2\s+2\s+\d+s$/m)
  assert.match(table, /^service\/lb\s+LoadBalancer\s+10\.96\.\d+\.\d+\s+127\.0\.0\.1\s+80:3\d{4}\/TCP\s+\d+s$/m)
  assert.match(table, /^secret\/pw\s+Opaque\s+1\s+\d+s$/m)
  assert.match(table, /^configmap\/cfg\s+1\s+\d+s$/m)
  const image = await kubectl(
    'get',
    'deployment',
    'api',
    '-n',
    'demo',
    '-o',
    'jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort}',
  )
  assert.is(image.out, 'nginx:1.25 80')
})
k(
  'should create the kinds kubectl create sends as protobuf: jobs (also from a CronJob), RBAC, quotas, PDBs, ingresses',
  async () => {
    const ok = async (...args: string[]) => {
      const r = await kubectl('-n', 'demo', ...args)
      assert.is(r.code, 0, `kubectl ${args.join(' ')}: ${r.err}`)
      return r.out
    }
    assert.match(await ok('create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'), 'job.batch/once created')
    assert.match(
      await ok('create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'),
      'cronjob.batch/tick created',
    )
    assert.match(await ok('create', 'job', 'manual', '--from=cronjob/tick'), 'job.batch/manual created')
    assert.match(await ok('create', 'serviceaccount', 'bot'), 'serviceaccount/bot created')
    assert.match(
      await ok('create', 'role', 'reader', '--verb=get,list', '--resource=pods'),
      'role.rbac.authorization.k8s.io/reader created',
    )
    assert.match(
      await ok('create', 'rolebinding', 'bot-reads', '--role=reader', '--serviceaccount=demo:bot'),
      'rolebinding.rbac.authorization.k8s.io/bot-reads created',
    )
    assert.match(
      await ok('create', 'clusterrole', 'viewer', '--verb=get', '--resource=nodes'),
      'clusterrole.rbac.authorization.k8s.io/viewer created',
    )
    assert.match(
      await ok('create', 'clusterrolebinding', 'bot-views', '--clusterrole=viewer', '--user=bot'),
      'clusterrolebinding.rbac.authorization.k8s.io/bot-views created',
    )
    assert.match(await ok('create', 'quota', 'small', '--hard=pods=2,cpu=1'), 'resourcequota/small created')
    assert.match(
      await ok('create', 'priorityclass', 'high', '--value=1000'),
      'priorityclass.scheduling.k8s.io/high created',
    )
    assert.match(
      await ok('create', 'pdb', 'keep', '--selector=app=web', '--min-available=1'),
      'poddisruptionbudget.policy/keep created',
    )
    assert.match(
      await ok('create', 'ingress', 'front', '--rule=web.example.com/=web:80'),
      'ingress.networking.k8s.io/front created',
    )
    assert.is(
      await ok(
        'get',
        'job',
        'once',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].command} {.spec.template.spec.restartPolicy}',
      ),
      '["echo","hi"] Never',
    )
    assert.is(
      await ok(
        'get',
        'job',
        'manual',
        '-o',
        'jsonpath={.metadata.ownerReferences[0].kind} {.spec.template.spec.containers[0].command}',
      ),
      'CronJob ["date"]',
    )
    assert.is(
      await ok('wait', '--for=condition=Complete', 'job/once', '--timeout=20s'),
      'job.batch/once condition met\n',
    )
    assert.is(
      await ok(
        'get',
        'ingress',
        'front',
        '-o',
        'jsonpath={.spec.rules[0].host} {.spec.rules[0].http.paths[0].backend.service.port.number}',
      ),
      'web.example.com 80',
    )
    assert.is(
      await ok(
        'get',
        'rolebinding',
        'bot-reads',
        '-o',
        'jsonpath={.subjects[0].kind}/{.subjects[0].name} {.roleRef.name}',
      ),
      'ServiceAccount/bot reader',
    )
    assert.is(await ok('get', 'quota', 'small', '-o', 'jsonpath={.spec.hard.pods} {.spec.hard.cpu}'), '2 1')
    assert.is(
      await ok('get', 'pdb', 'keep', '-o', 'jsonpath={.spec.minAvailable} {.spec.selector.matchLabels.app}'),
      '1 web',
    )
  },
)
k("should refuse a change to an immutable field in the API server's words", async () => {
  assert.match(
    (await kubectl('create', 'deployment', 'fixed', '-n', 'demo', '--image=nginx')).out,
    'deployment.apps/fixed created',
  )
  const r = await kubectl(
    'patch',
    'deployment',
    'fixed',
    '-n',
    'demo',
    '--type=merge',
    '-p',
    '{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}',
  )
  assert.is(r.code, 1)
  assert.is(
    r.err,
    'The Deployment "fixed" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable\n',
  )
})
k('should list the served kinds with api-resources', async () => {
  const r = await kubectl('api-resources')
  assert.is(r.code, 0, r.err)
  for (const line of [
    /^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m,
    /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m,
    /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m,
  ])
    assert.match(r.out, line)
})
k('should list the revisions the ConfigMap store wrote with -l OWNER=TILLER', async () => {
  const store = configMapStore(namespacedObjects(await connect({ kubeconfigYaml: sb.kubeconfig })), 'kube-system')
  assertRight(await store.create('web.v1', stubRelease('web', 1, 'SUPERSEDED'))())
  assertRight(await store.create('web.v2', stubRelease('web', 2, 'DEPLOYED'))())
  const r = await kubectl(
    'get',
    'configmaps',
    '-n',
    'kube-system',
    '-l',
    'OWNER=TILLER',
    '-o',
    'custom-columns=NAME:.metadata.name,STATUS:.metadata.labels.STATUS,VERSION:.metadata.labels.VERSION',
  )
  assert.is(r.out, 'NAME     STATUS       VERSION\nweb.v1   SUPERSEDED   1\nweb.v2   DEPLOYED     2\n')
})
k('should serve kubectl over plain HTTP too (client-go sends no bearer token to http://)', async () => {
  const plain = await startSandbox({ tls: false })
  try {
    const kc = join(dir, 'kubeconfig-http')
    writeFileSync(kc, plain.kubeconfig)
    const r = await kubectl('--kubeconfig', kc, 'get', 'namespace', 'kube-system', '-o', 'name')
    assert.is(r.out, 'namespace/kube-system\n', r.err)
  } finally {
    await plain.stop()
  }
})
k.after(async () => {
  await sb.stop()
})
k.run()
