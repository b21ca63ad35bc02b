// A bad kubeconfig, an unreachable server and a forbidden answer each give one clear line.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { configMapStore } from '../../../src/adapters/configmap-store/ConfigMapStore'
import { clusterConfigured, connectCluster } from '../../../src/adapters/k8s'
import { kubeErrorOf } from '../../../src/adapters/k8s/Errors'
import type { RestResponse } from '../../../src/adapters/k8s/Rest'
import { message } from '../../../src/domain/errors'
import { startSandbox } from '../../../src/sandbox/Sandbox'
import { assertLeft, assertRight } from '../../helpers'

const cmQuery = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' }
const oneLine = (s: string) => {
  assert.not.match(s, '\n')
  return s
}

const lines = suite('k8s adapter failures')
lines('should say in one line that a kubeconfig file is missing or malformed', async () => {
  const missing = assertLeft(await connectCluster({ kubeconfig: '/nonexistent/kubeconfig' })())
  assert.is(
    oneLine(message(missing)),
    "kubernetes cluster unreachable: invalid configuration: /nonexistent/kubeconfig: ENOENT: no such file or directory, open '/nonexistent/kubeconfig'",
  )
  const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'))
  writeFileSync(join(dir, 'bad'), 'clusters: [ {name: x\n')
  assert.match(
    oneLine(message(assertLeft(await connectCluster({ kubeconfig: join(dir, 'bad') })()))),
    /^kubernetes cluster unreachable: invalid configuration: .*bad: /,
  )
  const sb = await startSandbox()
  try {
    assert.is(
      message(assertLeft(await connectCluster({ kubeconfigYaml: sb.kubeconfig, context: 'nope' })())),
      'kubernetes cluster unreachable: invalid configuration: context "nope" does not exist',
    )
  } finally {
    await sb.stop()
  }
})
lines('should say in one line that the server cannot be reached', async () => {
  const sb = await startSandbox()
  const port = new URL(sb.url).port
  await sb.stop() // the cluster goes away: every call below is refused
  const c = assertRight(await connectCluster({ kubeconfigYaml: sb.kubeconfig, retries: 2, backoffMs: 10 })())
  const err = assertLeft(await c.kube.list(cmQuery)())
  assert.is(
    oneLine(message(err)),
    `kubernetes cluster unreachable: Get "https://127.0.0.1:${port}/api/v1": dial tcp 127.0.0.1:${port}: connect: connection refused`,
  )
  const stored = assertLeft(await configMapStore(c.objects, 'kube-system').list(() => true)())
  assert.match(
    oneLine(message(stored)),
    /^release storage unavailable: Get "https:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/kube-system\/configmaps": dial tcp .*connection refused$/,
  )
})
lines('should pass a 403 on as the API server words it, in one line', async () => {
  const sb = await startSandbox()
  try {
    const c = assertRight(await connectCluster({ kubeconfigYaml: sb.kubeconfig })())
    sb.inject({ kind: 'forbidden' })
    const err = assertLeft(await configMapStore(c.objects, 'kube-system').list(() => true)())
    assert.is(
      oneLine(message(err)),
      'release storage unavailable: configmaps is forbidden: User "system:anonymous" cannot list resource "configmaps" in API group "" in the namespace "kube-system"',
    )
  } finally {
    await sb.stop()
  }
})
lines(
  'should make a 403 from the cluster KubeForbidden with the API server message, not an unreachable cluster',
  async () => {
    const sb = await startSandbox()
    try {
      const c = assertRight(await connectCluster({ kubeconfigYaml: sb.kubeconfig })())
      assertRight(await c.kube.discover()())
      sb.inject({ kind: 'forbidden', method: 'GET', times: 1 })
      const listed = assertLeft(await c.kube.list(cmQuery)())
      assert.equal(listed, {
        _tag: 'KubeForbidden',
        resource: 'configmaps',
        name: '',
        message:
          'configmaps is forbidden: User "system:anonymous" cannot list resource "configmaps" in API group "" in the namespace "default"',
      })
      assert.is(oneLine(message(listed)), listed._tag === 'KubeForbidden' ? listed.message : '')
      sb.inject({ kind: 'forbidden', method: 'DELETE', times: 1 })
      const gone = assertLeft(
        await c.kube.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' })(),
      )
      assert.is(gone._tag, 'KubeForbidden')
      assert.is(
        message(gone),
        'deployments.apps is forbidden: User "system:anonymous" cannot delete resource "deployments" in API group "apps" in the namespace "default"',
      )
      assert.ok(E.isRight(await c.kube.list(cmQuery)()), 'the faults were used up')
    } finally {
      await sb.stop()
    }
  },
)
lines("should word a bare 403 (no Status body) as apimachinery's NewForbidden does", () => {
  const bare = { status: 403, text: 'Forbidden\n' } as RestResponse
  assert.is(message(kubeErrorOf(bare, 'secrets', 'db')), 'secrets "db" is forbidden: Forbidden')
  assert.is(message(kubeErrorOf(bare, 'configmaps', '')), 'configmaps is forbidden: Forbidden')
  assert.is(
    kubeErrorOf({ status: 401, text: 'Unauthorized' } as RestResponse, 'configmaps', '')._tag,
    'KubeUnavailable',
  )
})
lines('should load the in-cluster service account configuration', async () => {
  const sb = await startSandbox()
  const prefix = mkdtempSync(join(tmpdir(), 'incluster-'))
  const sa = join(prefix, 'var/run/secrets/kubernetes.io/serviceaccount')
  mkdirSync(sa, { recursive: true })
  writeFileSync(join(sa, 'ca.crt'), sb.caPem!)
  writeFileSync(join(sa, 'token'), sb.token!)
  writeFileSync(join(sa, 'namespace'), 'kube-system')
  const url = new URL(sb.url)
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT }
  process.env.KUBERNETES_SERVICE_HOST = url.hostname
  process.env.KUBERNETES_SERVICE_PORT = url.port
  try {
    const c = assertRight(await connectCluster({ inCluster: { pathPrefix: prefix } })())
    assert.is(c.rest.namespace, 'kube-system')
    assert.ok(E.isRight(await c.kube.list(cmQuery)()))
  } finally {
    if (saved.host === undefined) delete process.env.KUBERNETES_SERVICE_HOST
    else process.env.KUBERNETES_SERVICE_HOST = saved.host
    if (saved.port === undefined) delete process.env.KUBERNETES_SERVICE_PORT
    else process.env.KUBERNETES_SERVICE_PORT = saved.port
    await sb.stop()
  }
})
lines('should ask an exec credential plugin again once its token has expired', async () => {
  const sb = await startSandbox()
  try {
    const dir = mkdtempSync(join(tmpdir(), 'exec-auth-'))
    const tokenFile = join(dir, 'token')
    writeFileSync(tokenFile, sb.token!)
    // an ExecCredential that is already expired: every ask runs the plugin again
    const script = `printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"2000-01-01T00:00:00Z"}}' "$(cat ${tokenFile})"`
    const yaml = parseYaml(sb.kubeconfig)
    yaml.users[0].user = {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'sh',
        args: ['-c', script],
        interactiveMode: 'Never',
      },
    }
    const c = assertRight(await connectCluster({ kubeconfigYaml: stringifyYaml(yaml), credentialsTtlMs: 0 })())
    assert.ok(E.isRight(await c.kube.list(cmQuery)()))
    writeFileSync(tokenFile, 'revoked')
    assert.is(message(assertLeft(await c.kube.list(cmQuery)())), 'kubernetes cluster unreachable: Unauthorized')
    writeFileSync(tokenFile, sb.token!)
    assert.ok(E.isRight(await c.kube.list(cmQuery)()))
  } finally {
    await sb.stop()
  }
})
lines('should tell whether any cluster is configured', () => {
  const home = mkdtempSync(join(tmpdir(), 'home-'))
  assert.is(clusterConfigured({}, home), false)
  assert.is(clusterConfigured({ KUBECONFIG: '/x' }, home), true)
  mkdirSync(join(home, '.kube'))
  writeFileSync(join(home, '.kube', 'config'), 'apiVersion: v1\n')
  assert.is(clusterConfigured({}, home), true)
})
lines.run()
