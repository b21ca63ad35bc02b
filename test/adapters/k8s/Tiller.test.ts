// Tiller's use cases on the real adapters: the k8s KubeClient and the ConfigMap store on the sandbox.
// (Helm v2 keeps the previous revision DEPLOYED when an upgrade fails.)
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connectCluster, k8sClient, type Cluster, type Rest } from '../../../src/adapters/k8s'
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

/** A Rest that counts the discovery requests (`/version`, `/api`, `/apis` and the group versions) it sends. */
const counting = (
  rest: Rest,
): { rest: Rest; discovery: () => number; mostObjectReads: () => number; resetMost: () => void } => {
  let n = 0
  let objectReads = 0
  let most = 0
  const isDiscovery = (p: string) => /^\/(version|api|apis)(\/[^/]+){0,2}$/.test(p) && !/^\/api\/v1\/.+/.test(p)
  const isObject = (p: string) => /\/namespaces\/default\/[^/]+\/[^/]+$/.test(p)
  return {
    rest: {
      ...rest,
      request: async (req) => {
        if (req.method === 'GET' && isDiscovery(req.path)) n++
        if (req.method !== 'GET' || !isObject(req.path)) return rest.request(req)
        most = Math.max(most, ++objectReads)
        try {
          return await rest.request(req)
        } finally {
          objectReads--
        }
      },
    },
    discovery: () => n,
    /** The most GETs of one object in the default namespace that were in flight at once. */
    mostObjectReads: () => most,
    resetMost: () => {
      most = 0
    },
  }
}
const widgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
}
const widgetTpl = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n'

const status = suite('GetReleaseStatus on the k8s adapter (sandbox)')
status(
  "should map the status table's kinds with the discovery the install just read, and read the objects together",
  async () => {
    const { sb, cluster } = await setup()
    try {
      const c = counting(cluster.rest)
      const tiller = createTiller({ kube: k8sClient(c.rest), store: configMapStore(cluster.objects, 'kube-system') })
      assertRight(await tiller.installRelease({ name: 'demo', namespace: 'default', chart: chart('1.25') })())
      // the change set's reads of the release's two objects went out together
      assert.is(c.mostObjectReads(), 2)
      c.resetMost()
      const afterInstall = c.discovery()
      assert.ok(afterInstall > 3, `install read discovery (${afterInstall} requests)`)
      const table = assertRight(await tiller.getReleaseStatus({ name: 'demo' })()).info.status.resources ?? ''
      assert.match(table, /==> v1\/ConfigMap\nNAME +DATA +AGE\ndemo-cfg +1 /)
      assert.match(table, /==> v1\/Deployment\nNAME +READY/)
      assert.is(c.discovery(), afterInstall)
      // and so did the status table's
      assert.is(c.mostObjectReads(), 2)
    } finally {
      await sb.stop()
    }
  },
)
status('should read discovery afresh for a kind its cached document does not know (a CRD added since)', async () => {
  const { sb, cluster } = await setup()
  try {
    const c = counting(cluster.rest)
    const store = configMapStore(cluster.objects, 'kube-system')
    // a Tiller whose discovery is read before the CustomResourceDefinition exists
    const early = createTiller({ kube: k8sClient(c.rest), store })
    assertRight(await early.installRelease({ name: 'demo', namespace: 'default', chart: chart('1.25') })())
    assertRight(await cluster.kube.create(widgetCrd)())
    const other = createTiller({ kube: cluster.kube, store })
    assertRight(
      await other.installRelease({ name: 'w', namespace: 'default', chart: chartOf({ 'w.yaml': widgetTpl }) })(),
    )
    const before = c.discovery()
    const table = assertRight(await early.getReleaseStatus({ name: 'w' })()).info.status.resources ?? ''
    assert.match(table, /==> v1\/Widget\nNAME +AGE\nw1 /)
    assert.not.match(table, /MISSING/)
    assert.ok(c.discovery() > before, 'read afresh')
  } finally {
    await sb.stop()
  }
})
status.run()
