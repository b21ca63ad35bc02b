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
  const r = stubRelease('plain', 1)
  const raw = gunzipSync(Buffer.from(_.encodeRelease(r), 'base64'))
  assert.equal(_.decodeRelease(raw.toString('base64')), E.right(r))
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
proto.run()

// The JSON form the first builds wrote: JSON.stringify of the model, bytes as {$bytes}, Go integers as {$int, kind}.
const earlyJson = (r: unknown): string =>
  JSON.stringify(r, function (this: unknown, _key: string, v: unknown) {
    if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') }
    if (v instanceof GoInt) return { $int: v.value.toString(), kind: v.kind }
    return v
  })
const early = (r: unknown, gzip = true): string => {
  const raw = Buffer.from(earlyJson(r))
  return (gzip ? gzipSync(raw) : raw).toString('base64')
}
const reason = (r: E.Either<{ _tag: string; reason?: string }, unknown>): string =>
  E.isLeft(r) && r.left._tag === 'ReleaseCorrupt' ? String(r.left.reason) : 'not ReleaseCorrupt'

const earlyRecords = suite('Codec: JSON records of earlier builds')
earlyRecords('should read a whole record back, bytes and Go integers included, gzipped or not', () => {
  const r = stubRelease('old', 2)
  const withInt = { ...r, chart: { ...r.chart, values: { n: new GoInt(7n, 'int64'), list: [1.5, 'a', null] } } }
  for (const gzip of [true, false]) {
    const back = _.decodeRelease(early(withInt, gzip))
    assert.equal(back, E.right(withInt))
    assert.ok(E.isRight(back) && back.right.chart.values.n instanceof GoInt)
    assert.ok(E.isRight(back) && back.right.chart.templates[0]?.data instanceof Uint8Array)
  }
})
earlyRecords('should read subcharts, a lock and a schema', () => {
  const r = stubRelease('old', 1)
  const sub = { ...r.chart, metadata: { ...r.chart.metadata, name: 'sub' }, dependencies: [] }
  const chart = {
    ...r.chart,
    dependencies: [sub],
    lock: { generated: '2026-11-24T01:00:00Z', digest: 'sha256:x', dependencies: [{ name: 'sub', version: '1.0.0' }] },
    schema: new Uint8Array([123, 125]),
  }
  assert.equal(_.decodeRelease(early({ ...r, chart })), E.right({ ...r, chart }))
})
earlyRecords('should drop fields the model does not have', () => {
  const r = stubRelease('old', 1)
  assert.equal(_.decodeRelease(early({ ...r, extra: 1, info: { ...r.info, bogus: true } })), E.right(r))
})
earlyRecords('should name the missing or wrong field of a damaged record', () => {
  const { info: _info, ...noInfo } = stubRelease('old', 1)
  assert.match(reason(_.decodeRelease(early(noInfo))), /earlier build: key "info": expected/)
  assert.match(
    reason(_.decodeRelease(early({ ...stubRelease('old', 1), version: '2' }))),
    /key "version": .*got string/,
  )
  const r = stubRelease('old', 1)
  const badCode = { ...r, info: { ...r.info, status: { code: 'HAPPY' } } }
  assert.match(reason(_.decodeRelease(early(badCode))), /key "info.status.code"/)
  const badBytes = { ...r, chart: { ...r.chart, templates: [{ path: 't.yaml', data: 'not bytes' }] } }
  assert.match(reason(_.decodeRelease(early(badBytes))), /key "chart.templates\[0\].data"/)
  const badInt = { ...r, chart: { ...r.chart, values: { n: { $int: '300', kind: 'uint8' } } } }
  assert.match(reason(_.decodeRelease(early(badInt))), /key "chart.values"/)
})
earlyRecords('should say ReleaseCorrupt for JSON that is no release', () => {
  assert.match(reason(_.decodeRelease(early({ ...stubRelease('old', 1), hooks: {} }))), /earlier build: key "hooks"/)
  assert.match(reason(_.decodeRelease(early({ name: 'plain', version: 1 }))), /earlier build: key "info"/)
})
earlyRecords.run()

const sizes = suite('releaseWithin: the size check without encoding')
const messageSize = (r: Parameters<typeof _.encodeRelease>[0]): number =>
  gunzipSync(Buffer.from(_.encodeRelease(r), 'base64')).length
sizes('should judge releases of every shape exactly at the limit and answer far below it without a size', () => {
  const base = stubRelease('web', 3)
  const enc = new TextEncoder()
  const shapes = [
    base,
    { ...base, manifest: '\u00e9\u4e2d\ud83d\ude00'.repeat(5000) },
    { ...base, config: { raw: '' }, manifest: '', hooks: [] },
    {
      ...base,
      chart: {
        ...base.chart,
        templates: Array.from({ length: 300 }, (_, i) => ({ path: `templates/t${i}.yaml`, data: new Uint8Array(i) })),
        files: [{ path: 'bin', data: enc.encode('x'.repeat(70_000)) }],
        metadata: {
          ...base.chart.metadata,
          annotations: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, ''])),
        },
        dependencies: [{ ...base.chart, dependencies: [] }],
      },
    },
  ]
  for (const r of shapes) {
    const exact = messageSize(r)
    assert.is(_.releaseWithin(r, exact).within, true)
    assert.equal(_.releaseWithin(r, exact - 1), { within: false, size: exact })
    assert.equal(_.releaseWithin(r, 100 * exact + 1_000_000), { within: true })
  }
})
sizes.run()
