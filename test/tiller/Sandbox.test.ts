// The same Tiller core on the real adapters: ConfigMap store and client-node KubeClient over the
// loopback sandbox API server (HTTPS), real rendering, real time.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../src/adapters/configmap-store/ConfigMapStore'
import { k8sClient } from '../../src/adapters/k8s/K8sClient'
import { namespacedObjects } from '../../src/adapters/k8s/Objects'
import { connect } from '../../src/adapters/k8s/Rest'
import { message } from '../../src/domain/errors'
import { startSandbox } from '../../src/sandbox/Sandbox'
import { createTiller } from '../../src/tiller/embed'
import { assertLeft, assertRight } from '../helpers'
import { chartOf } from './fixtures'

const templates = (tag: string): Record<string, string> => ({
  'cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  replicas: 2
  selector:
    matchLabels: { app: {{ .Release.Name }} }
  template:
    metadata:
      labels: { app: {{ .Release.Name }} }
    spec:
      containers: [{ name: web, image: "nginx:${tag}" }]
`,
  'hook.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-migrate
  annotations:
    helm.sh/hook: pre-upgrade
    helm.sh/hook-delete-policy: hook-succeeded
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: m, image: busybox }]
`,
})

const sandbox = suite('Tiller on the sandbox cluster (configmap store + k8s adapter)')
sandbox('should install, upgrade with a hook, roll back, and purge, keeping records as ConfigMaps', async () => {
  const sb = await startSandbox()
  try {
    const rest = await connect({ kubeconfigYaml: sb.kubeconfig })
    const kube = k8sClient(rest, { pollMs: 50 })
    const tiller = createTiller({ store: configMapStore(namespacedObjects(rest), 'kube-system'), kube })
    const chart = (tag: string) => chartOf(templates(tag), { greeting: 'hello' })
    const installed = assertRight(
      await tiller.installRelease({ name: 'web', chart: chart('1.25'), wait: true, timeout: 20 })(),
    )
    assert.is(installed.release.info.status.code, 'DEPLOYED')
    assertRight(
      await tiller.updateRelease({
        name: 'web',
        chart: chart('1.26'),
        values: { raw: 'greeting: hi\n' },
        wait: true,
        timeout: 20,
      })(),
    )
    const cm = assertRight(
      await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'web-cfg', namespace: 'default' })(),
    ) as any
    assert.is(cm.data.greeting, 'hi')
    const hook = await kube.get({ apiVersion: 'batch/v1', kind: 'Job', name: 'web-migrate', namespace: 'default' })()
    assert.is(hook._tag === 'Left' && hook.left._tag, 'KubeNotFound', 'the succeeded hook was deleted by policy')
    const records = JSON.parse(
      (
        await rest.request({
          method: 'GET',
          path: '/api/v1/namespaces/kube-system/configmaps?labelSelector=OWNER%3DTILLER,NAME%3Dweb',
        })
      ).text,
    )
    assert.equal(records.items.map((i: any) => `${i.metadata.name} ${i.metadata.labels.STATUS}`).sort(), [
      'web.v1 SUPERSEDED',
      'web.v2 DEPLOYED',
    ])
    assertRight(await tiller.rollbackRelease({ name: 'web', version: 1, wait: true, timeout: 20 })())
    const back = assertRight(
      await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'web-cfg', namespace: 'default' })(),
    ) as any
    assert.is(back.data.greeting, 'hello')
    const status = assertRight(await tiller.getReleaseStatus({ name: 'web' })())
    assert.match(status.info.status.resources ?? '', /==> v1\/Deployment\nNAME +READY .*\nweb-web +2\/2 /)
    assertRight(await tiller.uninstallRelease({ name: 'web', purge: true })())
    const gone = assertLeft(await tiller.getHistory({ name: 'web' })())
    assert.is(message(gone), 'release: "web" not found')
    const left = await kube.list({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default' })()
    assert.equal(left._tag === 'Right' && left.right.length, 0)
  } finally {
    await sb.stop()
  }
})
sandbox.run()
