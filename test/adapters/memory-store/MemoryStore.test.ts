import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memoryStore } from '../../../src/adapters/memory-store/MemoryStore'
import { GoInt } from '../../../src/domain/go/Value'
import { assertRight } from '../../helpers'
import { releaseStoreContract, stubRelease } from '../../ports/ReleaseStore.contract'

releaseStoreContract('memory-store', async () => memoryStore())

const copies = suite('memoryStore copies')
copies('should hand out copies, keeping Go integers and bytes intact', async () => {
  const s = memoryStore()
  const r = stubRelease('demo', 1)
  const rel = { ...r, chart: { ...r.chart, values: { n: new GoInt(7n, 'int64') } } }
  assert.equal(await s.create('demo.v1', rel)(), E.right(undefined))
  const got = assertRight(await s.get('demo.v1')())
  assert.ok(got.chart.values.n instanceof GoInt)
  ;(got.chart.files[0]!.data as Uint8Array)[0] = 99
  assert.is(assertRight(await s.get('demo.v1')()).chart.files[0]!.data[0], 0)
})
copies.run()
