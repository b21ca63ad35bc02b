import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/Codec'
import { GoInt } from '../../../src/domain/template/gotpl/value'
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

const ints = suite('Codec with Go integers')
ints('should keep Go integers (and their kind) in values', () => {
  const r = stubRelease('demo', 1)
  const withInt = { ...r, chart: { ...r.chart, values: { n: new GoInt(12345678901234567890n, 'int64'), f: 1.5 } } }
  const back = _.decodeRelease(_.encodeRelease(withInt))
  assert.equal(back, E.right(withInt))
  assert.ok(E.isRight(back) && back.right.chart.values.n instanceof GoInt)
})
ints.run()
