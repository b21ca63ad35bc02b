// client-node's own clients (typed CoreV1Api, KubernetesObjectApi, Watch) work against the sandbox too.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox } from '../../../src/sandbox/Sandbox'

const k8s = await import('@kubernetes/client-node')

const cn = suite('@kubernetes/client-node against the sandbox (HTTPS, CA, bearer token)')
cn('should create, read, conflict, list by label and watch with the generated clients', async () => {
  const sb = await startSandbox()
  try {
    const kc = new k8s.KubeConfig()
    kc.loadFromString(sb.kubeconfig)
    const core = kc.makeApiClient(k8s.CoreV1Api)
    const body = { metadata: { name: 'rel.v1', labels: { OWNER: 'TILLER', NAME: 'rel' } }, data: { release: 'H4sI' } }
    const made = await core.createNamespacedConfigMap({ namespace: 'kube-system', body })
    assert.ok(made.metadata?.creationTimestamp instanceof Date)
    const read = await core.readNamespacedConfigMap({ name: 'rel.v1', namespace: 'kube-system' })
    assert.equal(read.data, { release: 'H4sI' })
    try {
      await core.createNamespacedConfigMap({ namespace: 'kube-system', body })
      assert.unreachable('duplicate create must fail')
    } catch (e) {
      const err = e as { code?: number; body?: string }
      assert.is(err.code, 409)
      assert.is(JSON.parse(err.body!).reason, 'AlreadyExists')
    }
    const listed = await core.listNamespacedConfigMap({
      namespace: 'kube-system',
      labelSelector: 'OWNER=TILLER,NAME=rel',
    })
    assert.equal(
      listed.items.map((i) => i.metadata?.name),
      ['rel.v1'],
    )
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc)
    const dep = await objects.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    } as never)
    assert.is((dep as { spec?: { replicas?: number } }).spec?.replicas, 1)
    const seen: string[] = []
    await new Promise<void>((resolve, reject) => {
      void new k8s.Watch(kc)
        .watch(
          '/api/v1/namespaces/kube-system/configmaps',
          { labelSelector: 'OWNER=TILLER' },
          (type, obj) => {
            seen.push(`${type} ${obj.metadata.name}`)
            if (obj.metadata.name === 'rel.v2') resolve()
          },
          (err) => (err ? reject(err) : undefined),
        )
        .then(() =>
          core.createNamespacedConfigMap({
            namespace: 'kube-system',
            body: { ...body, metadata: { ...body.metadata, name: 'rel.v2' } },
          }),
        )
    })
    assert.equal(seen, ['ADDED rel.v1', 'ADDED rel.v2'])
  } finally {
    await sb.stop()
  }
})
cn.run()
