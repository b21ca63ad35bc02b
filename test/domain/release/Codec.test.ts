import { Buffer } from 'node:buffer'
import { gunzipSync, gzipSync } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/Codec'
import { GoInt } from '../../../src/domain/go/Value'
import { stubRelease } from '../../ports/ReleaseStore.contract'

const codec = suite('Codec')
codec('should round-trip a release, bytes included, through gzip+base64', () => {
  const r = stubRelease('demo', 3)
  const data = _.encodeRelease(r)
  assert.equal(Buffer.from(data, 'base64').subarray(0, 3), Buffer.from([0x1f, 0x8b, 0x08]))
  assert.equal(_.decodeRelease(data), E.right(r))
})
codec('should accept a release that was never gzipped', () => {
  const r = { name: 'plain', version: 1 }
  assert.equal(_.decodeRelease(Buffer.from(JSON.stringify(r)).toString('base64')), E.right(r as never))
})
codec('should say ReleaseCorrupt for garbage', () => {
  const r = _.decodeRelease('bm90IGpzb24=')
  assert.is(E.isLeft(r) && r.left._tag, 'ReleaseCorrupt')
})
codec.run()

const proto = suite('Codec as Helm v2 storage')
proto('should write the hapi.release.Release protobuf message, gzipped and base64-encoded', () => {
  const r = stubRelease('demo', 2)
  const raw = gunzipSync(Buffer.from(_.encodeRelease(r), 'base64'))
  // field 1 (name, length-delimited) = "demo", as Helm v2's ConfigMap driver writes it
  assert.equal([...raw.subarray(0, 6)], [0x0a, 4, ...Buffer.from('demo')])
  assert.ok(raw.includes(Buffer.from('Install complete')))
})
proto('should read the chart values back from values.yaml, as Helm does (Go integers become float64)', () => {
  const r = stubRelease('demo', 1)
  const withInt = {
    ...r,
    chart: { ...r.chart, values: { count: new GoInt(12n, 'int64'), f: 1.5 }, rawValues: 'count: 12\nf: 1.5\n' },
  }
  const back = _.decodeRelease(_.encodeRelease(withInt))
  assert.equal(E.isRight(back) && back.right.chart.values, { count: 12, f: 1.5 })
})
proto('should still read the JSON records of earlier builds', () => {
  const r = { name: 'old', version: 2, chart: { values: { n: { $int: '7', kind: 'int64' } } } }
  const back = _.decodeRelease(gzipSync(Buffer.from(JSON.stringify(r))).toString('base64'))
  assert.ok(E.isRight(back) && back.right.chart.values.n instanceof GoInt)
})
proto.run()
