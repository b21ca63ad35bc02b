// Tiller's use cases on the real adapters: the k8s KubeClient and the ConfigMap store on the sandbox.
// (Helm v2 keeps the previous revision DEPLOYED when an upgrade fails.)
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connectCluster, type Cluster } from '../../../src/adapters/k8s'
import { configMapStore } from '../../../src/adapters/configmap-store/ConfigMapStore'
import { createTiller } from '../../../src/tiller/embed'
import { startSandbox, type Sandbox } from '../../../src/sandbox/Sandbox'
import { assertLeft, assertRight } from '../../helpers'
import { chartOf, configMapTpl, deploymentTpl } from '../../tiller/fixtures'

const setup = async (): Promise<{ sb: Sandbox; cluster: Cluster; tiller: ReturnType<typeof createTiller> }> => {
  const sb = await startSandbox()
  const cluster = assertRight(await connectCluster({ kubeconfigYaml: sb.kubeconfig, pollMs: 50, retries: 1 })())
  const tiller = createTiller({ kube: cluster.kube, store: configMapStore(cluster.objects, 'kube-system') })
  return { sb, cluster, tiller }
}
const chart = (tag: string) =>
  chartOf({ 'cm.yaml': configMapTpl('demo-cfg', tag), 'web.yaml': deploymentTpl('web', tag) })
const revisions = async (cluster: Cluster) =>
  JSON.parse(
    (
      await cluster.rest.request({
        method: 'GET',
        path: '/api/v1/namespaces/kube-system/configmaps',
        query: { labelSelector: 'OWNER=TILLER' },
      })
    ).text,
  ).items.map((i: any) => `${i.metadata.name} ${i.metadata.labels.STATUS}`)

const e2e = suite('tiller on the k8s adapter and the ConfigMap store (sandbox)')
e2e('should install and upgrade with --wait, leaving NAME.vN ConfigMaps in kube-system', async () => {
  const { sb, cluster, tiller } = await setup()
  try {
    assertRight(
      await tiller.installRelease({
        name: 'demo',
        namespace: 'default',
        chart: chart('1.25'),
        wait: true,
        timeout: 20,
      })(),
    )
    assertRight(await tiller.updateRelease({ name: 'demo', chart: chart('1.26'), wait: true, timeout: 20 })())
    assert.equal(await revisions(cluster), ['demo.v1 SUPERSEDED', 'demo.v2 DEPLOYED'])
    const live = assertRight(
      await cluster.kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default' })(),
    )
    assert.is((live as any).spec.template.spec.containers[0].image, 'nginx:1.26')
  } finally {
    await sb.stop()
  }
})
e2e('should fail an upgrade whose workload never becomes ready, and record it FAILED', async () => {
  const { sb, cluster, tiller } = await setup()
  try {
    assertRight(
      await tiller.installRelease({
        name: 'demo',
        namespace: 'default',
        chart: chart('1.25'),
        wait: true,
        timeout: 20,
      })(),
    )
    sb.setControllers(false)
    const err = assertLeft(await tiller.updateRelease({ name: 'demo', chart: chart('1.26'), wait: true, timeout: 1 })())
    assert.match(JSON.stringify(err), /timed out|WaitTimeout/)
    assert.equal(await revisions(cluster), ['demo.v1 DEPLOYED', 'demo.v2 FAILED'])
  } finally {
    await sb.stop()
  }
})
for (const kind of ['error500', 'resetAfterWrite', 'reset'] as const)
  e2e(
    `should leave the release FAILED and the storage whole when the API server ${kind === 'error500' ? 'answers 500' : kind === 'reset' ? 'drops the connection' : 'closes the connection after the write'} in the middle of an upgrade`,
    async () => {
      const { sb, cluster, tiller } = await setup()
      try {
        assertRight(await tiller.installRelease({ name: 'demo', namespace: 'default', chart: chart('1.25') })())
        sb.inject({ kind, method: 'PATCH', path: /\/deployments\/web$/, times: 1 })
        assert.ok(E.isLeft(await tiller.updateRelease({ name: 'demo', chart: chart('1.26') })()))
        assert.equal(await revisions(cluster), ['demo.v1 DEPLOYED', 'demo.v2 FAILED'])
        const store = configMapStore(cluster.objects, 'kube-system')
        for (const key of ['demo.v1', 'demo.v2']) assert.ok(E.isRight(await store.get(key)())) // every record decodes whole
        // recoverable: the next upgrade goes through
        assertRight(await tiller.updateRelease({ name: 'demo', chart: chart('1.27') })())
        assert.equal((await revisions(cluster)).at(-1), 'demo.v3 DEPLOYED')
      } finally {
        await sb.stop()
      }
    },
  )
e2e.run()
