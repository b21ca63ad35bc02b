// Chart.yaml's tillerVersion as Helm v2's Tiller checks it (release_server.go renderResources:
// version.IsCompatibleRange, Masterminds v1): a constraint v1 reads decides, one it cannot read refuses the chart.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../src/domain/errors'
import { assertLeft, assertRight } from '../helpers'
import { demoChart, testTiller } from './fixtures'

const withTillerVersion = (tillerVersion: string) => {
  const c = demoChart()
  return { ...c, metadata: { ...c.metadata, tillerVersion } }
}

const tv = suite("install: Chart.yaml's tillerVersion")
tv('should install a chart whose tillerVersion Masterminds v1 reads and Tiller v2.17.0 satisfies', async () => {
  for (const [i, c] of ['>=2.10.0, <3.0.0', '=>2.0.0', '>= 2.10', '~2.17.0', '^2.x', '2.x'].entries()) {
    const t = testTiller()
    const r = assertRight(await t.installRelease({ name: `ok${i}`, chart: withTillerVersion(c) })())
    assert.is(r.release.info.status.code, 'DEPLOYED', c)
  }
})
tv('should refuse a chart for another Tiller, or whose constraint v1 cannot read, with v2 words', async () => {
  for (const [i, c] of ['<2.0.0', '>=2.18', '>=2.10.0 <3.0.0', '>= bar'].entries()) {
    const t = testTiller()
    const e = assertLeft(await t.installRelease({ name: `no${i}`, chart: withTillerVersion(c) })())
    assert.is(message(e), 'Chart incompatible with Tiller v2.17.0', c)
  }
})
tv.run()
