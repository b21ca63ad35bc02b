// Chart.yaml's kubeVersion as Helm v2's Tiller checks it (release_server.go renderResources: Masterminds v1's
// IsCompatibleRange against the cluster's git version cut at '+', and v2's words), where `helm template` keeps
// Helm 4's check and text.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../src/domain/errors'
import { assertLeft, assertRight } from '../helpers'
import { createTiller } from '../../src/tiller/embed'
import { demoChart } from './fixtures'

const withKubeVersion = (kubeVersion: string) => {
  const c = demoChart()
  return { ...c, metadata: { ...c.metadata, kubeVersion } }
}

const kv = suite("install: Chart.yaml's kubeVersion through Tiller")
kv('should install a chart whose kubeVersion Masterminds v1 reads and the cluster satisfies', async () => {
  for (const [i, c] of ['>=1.10.0', '>= 1.10, < 9.0', '1.x || 2.x || >=1.0'].entries()) {
    const r = assertRight(await createTiller().installRelease({ name: `ok${i}`, chart: withKubeVersion(c) })())
    assert.is(r.release.info.status.code, 'DEPLOYED', c)
  }
})
kv('should refuse a chart for another cluster, or whose constraint v1 cannot read, in v2 words', async () => {
  for (const [i, c] of ['<1.0.0', '>=99.0.0', '>= bar'].entries()) {
    const e = assertLeft(await createTiller().installRelease({ name: `no${i}`, chart: withKubeVersion(c) })())
    assert.match(
      message(e),
      new RegExp(
        `^Chart requires kubernetesVersion: ${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} which is incompatible with Kubernetes v\\d+\\.\\d+\\.\\d+$`,
      ),
      c,
    )
  }
})
kv.run()
