// Limits a release meets on a real API server (the sandbox): each refused with a message that names it,
// before anything is stored.
import { randomBytes } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configMapStore } from '../../../src/adapters/configmap-store/ConfigMapStore'
import { connectCluster } from '../../../src/adapters/k8s'
import { message } from '../../../src/domain/errors'
import { startSandbox } from '../../../src/sandbox/Sandbox'
import { createTiller } from '../../../src/tiller/embed'
import { assertLeft, assertRight } from '../../helpers'
import { chartOf } from '../../tiller/fixtures'

const valueTpl = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
data:
  v: {{ .Values.v | quote }}
`
const setup = async () => {
  const sb = await startSandbox()
  const cluster = assertRight(await connectCluster({ kubeconfigYaml: sb.kubeconfig, retries: 1 })())
  const tiller = createTiller({ kube: cluster.kube, store: configMapStore(cluster.objects, 'kube-system') })
  const records = async () =>
    JSON.parse(
      (
        await cluster.rest.request({
          method: 'GET',
          path: '/api/v1/namespaces/kube-system/configmaps',
          query: { labelSelector: 'OWNER=TILLER' },
        })
      ).text,
    ).items.length as number
  return { sb, tiller, records }
}
const randomText = (bytes: number) =>
  randomBytes(Math.ceil((bytes * 3) / 4))
    .toString('base64')
    .slice(0, bytes)
const chart = chartOf({ 'cm.yaml': valueTpl })

const limits = suite('release limits on the sandbox')
limits('should refuse a 10 MiB value with the limit of a release, storing nothing', async () => {
  const { sb, tiller, records } = await setup()
  try {
    const err = assertLeft(
      await tiller.installRelease({
        name: 'big10',
        namespace: 'default',
        chart,
        values: { raw: `v: ${randomText(10 << 20)}\n` },
      })(),
    )
    assert.match(message(err), /^release: "big10\.v1" is too large: \d+ bytes, the limit is 20709376 bytes/)
    assert.not.match(message(err), /unreachable/)
    assert.is(await records(), 0)
  } finally {
    await sb.stop()
  }
})
limits("should say an object is over the API server's request limit, and name it", async () => {
  const { sb, tiller } = await setup()
  try {
    const err = assertLeft(
      await tiller.installRelease({
        name: 'big4',
        namespace: 'default',
        chart,
        values: { raw: `v: ${randomText(4 << 20)}\n` },
      })(),
    )
    assert.match(
      message(err),
      /^release big4 failed: configmaps "big4" is too large for the API server: the request is \d+ bytes, the limit is 3145728 bytes/,
    )
  } finally {
    await sb.stop()
  }
})
limits('should refuse a release name Kubernetes cannot name a record after, before storing anything', async () => {
  const { sb, tiller, records } = await setup()
  try {
    for (const name of ['Foo', 'web_1']) {
      const err = assertLeft(
        await tiller.installRelease({ name, namespace: 'default', chart, values: { raw: 'v: x\n' } })(),
      )
      assert.is(
        message(err),
        'invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53',
      )
    }
    assert.is(await records(), 0)
  } finally {
    await sb.stop()
  }
})
limits.run()
