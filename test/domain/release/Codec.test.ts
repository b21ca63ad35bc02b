import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/Codec'
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
