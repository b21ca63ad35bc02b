// The storage codec (src/domain, hand-written wire format) and the gRPC codec (protobufjs over proto/hapi)
// must agree byte for byte: one check that the domain's schemas carry Helm v2's field numbers.
import { Buffer } from 'node:buffer'
import { gunzipSync, gzipSync } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeMessage, encodeMessage } from '../../../src/adapters/grpc/Proto'
import { decodeRelease, encodeRelease } from '../../../src/domain/release/Codec'
import { toProtoRelease } from '../../../src/domain/release/proto/ReleaseMessage'
import { ReleaseSchema } from '../../../src/domain/release/proto/Schema'
import { decodeWire } from '../../../src/domain/release/proto/Wire'
import { stubRelease } from '../../ports/ReleaseStore.contract'
import { contractChart } from '../../ports/TillerApi.contract'

const storage = suite('release storage bytes')

const rich = () => {
  const r = stubRelease('web', 7, 'SUPERSEDED')
  const chart = contractChart('2.0.0')
  return {
    ...r,
    chart: {
      ...chart,
      metadata: {
        ...chart.metadata,
        keywords: ['a', 'b'],
        maintainers: [{ name: 'me', email: 'me@x' }],
        annotations: { a: '1', b: '2' },
        deprecated: true,
      },
      dependencies: [r.chart],
      schema: new TextEncoder().encode('{"type":"object"}'),
    },
    info: {
      ...r.info,
      deleted: { seconds: 1_700_000_000, nanos: 42 },
      status: {
        code: 'SUPERSEDED' as const,
        notes: 'n',
        lastTestSuiteRun: {
          startedAt: { seconds: 5, nanos: 0 },
          completedAt: { seconds: 6, nanos: 1 },
          results: [{ name: 't', status: 'FAILURE' as const, info: 'x' }],
        },
      },
    },
  }
}

storage('should store exactly the bytes protobufjs encodes from proto/hapi/release/release.proto', () => {
  const r = rich()
  const stored = gunzipSync(Buffer.from(encodeRelease(r), 'base64'))
  const reference = Buffer.from(encodeMessage('hapi.release.Release', toProtoRelease(r)))
  assert.ok(stored.equals(reference), `${stored.length} vs ${reference.length} bytes`)
})

storage('should read what protobufjs encodes as protobufjs reads it', () => {
  const bytes = encodeMessage('hapi.release.Release', toProtoRelease(rich()))
  const norm = (v: unknown): unknown =>
    v instanceof Uint8Array
      ? [...v]
      : Array.isArray(v)
        ? v.map(norm)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
            )
          : v
  const ours = norm(decodeWire(ReleaseSchema, bytes)) as Record<string, unknown>
  const theirs = norm(decodeMessage('hapi.release.Release', bytes)) as Record<string, any>
  // Config.values (map<string, Value>) is unused by Helm v2 and left out of the storage schema
  const strip = (v: any): void => {
    if (!v || typeof v !== 'object') return
    if ('raw' in v) delete v.values
    for (const k of Object.keys(v)) strip(v[k])
  }
  strip(theirs)
  assert.equal(ours, theirs)
})

storage(
  'should store a lock as Info field 100, as proto/hapi/release/info.proto has it, and read v2 records without one',
  () => {
    const lock = { timeout: 300, holder: 'host/127.0.0.1:44134', session: '0a1b2c3d-00112233aabb' }
    const locked = { ...rich(), info: { ...rich().info, lock } }
    const stored = gunzipSync(Buffer.from(encodeRelease(locked), 'base64'))
    assert.ok(stored.equals(Buffer.from(encodeMessage('hapi.release.Release', toProtoRelease(locked)))))
    const theirs = decodeMessage('hapi.release.Release', stored) as { info: { lock: Record<string, unknown> } }
    assert.equal({ ...theirs.info.lock, timeout: Number(theirs.info.lock.timeout) }, lock)
    // a Helm v2 Tiller's record has no field 100: it reads without a lock
    const v2 = decodeRelease(gzipSync(encodeMessage('hapi.release.Release', toProtoRelease(rich()))).toString('base64'))
    assert.ok(E.isRight(v2) && !('lock' in v2.right.info))
  },
)

storage.run()
