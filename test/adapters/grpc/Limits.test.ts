// Answers too large for one gRPC message (Helm v2 clients accept at most 20 MiB).
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { historyWithin } from '../../../src/adapters/grpc/Fit'
import { grpcTillerClient } from '../../../src/adapters/grpc/Client'
import { startGrpcServer } from '../../../src/adapters/grpc/Server'
import { message } from '../../../src/domain/errors'
import { toProtoRelease } from '../../../src/domain/release/proto/ReleaseMessage'
import { createTiller } from '../../../src/tiller/embed'
import { assertRight } from '../../helpers'
import { stubRelease } from '../../ports/ReleaseStore.contract'
import { chartOf, configMapTpl } from '../../tiller/fixtures'

const limits = suite('gRPC answers over the message limit')
limits('should send the history of 5 revisions of a 5 MiB release, the oldest as history entries', async () => {
  const tiller = createTiller()
  // 5 MiB of data that gzip cannot shrink, in the chart's templates and in the manifest of every revision
  const big = randomBytes(4 * 1024 * 1024)
    .toString('base64')
    .slice(0, 5 * 1024 * 1024)
  // in six ConfigMaps: an API server refuses one whose data passes 1 MiB
  const parts = Object.fromEntries(
    [0, 1, 2, 3, 4, 5].map((i) => [`cm${i}.yaml`, configMapTpl(`big${i}`, big.slice(i * 900_000, (i + 1) * 900_000))]),
  )
  const chart = (v: string) => chartOf(parts, {}, { name: 'big', version: v })
  assertRight(await tiller.installRelease({ name: 'big', chart: chart('1.0.0') })())
  for (const v of ['2.0.0', '3.0.0', '4.0.0', '5.0.0'])
    assertRight(await tiller.updateRelease({ name: 'big', chart: chart(v) })())
  const server = await startGrpcServer({ api: tiller, listen: '127.0.0.1:0', version: 'v2.17.0' })
  const client = grpcTillerClient({ address: `127.0.0.1:${server.port}`, clientVersion: 'v2.17.0', connectTimeout: 5 })
  try {
    const h = await client.getHistory({ name: 'big', max: 256 })()
    assert.ok(E.isRight(h), JSON.stringify(E.isLeft(h) ? h.left : ''))
    const releases = assertRight(h).releases
    assert.equal(
      releases.map((r) => `${r.version} ${r.info.status.code} ${r.chart.metadata.name}-${r.chart.metadata.version}`),
      [
        '5 DEPLOYED big-5.0.0',
        '4 SUPERSEDED big-4.0.0',
        '3 SUPERSEDED big-3.0.0',
        '2 SUPERSEDED big-2.0.0',
        '1 SUPERSEDED big-1.0.0',
      ],
    )
    assert.ok(releases[0]!.manifest.length > 5 * 1024 * 1024, 'the newest revision is whole')
    assert.is(releases.at(-1)!.manifest, '', 'the oldest is a history entry')
    assert.is(releases.at(-1)!.info.description, 'Install complete')
  } finally {
    client.close()
    await server.stop(0)
  }
})
limits('should refuse a request past the limit with its own message, before it is sent', async () => {
  const tiller = createTiller()
  const server = await startGrpcServer({ api: tiller, listen: '127.0.0.1:0', version: 'v2.17.0' })
  const client = grpcTillerClient({ address: `127.0.0.1:${server.port}`, clientVersion: 'v2.17.0', connectTimeout: 5 })
  try {
    // a 21 MiB value (what `helm install --set-file v=BIG` sends in Config.raw)
    const raw = `v: ${'x'.repeat(21 * 1024 * 1024)}\n`
    const r = await client.installRelease({
      name: 'huge',
      chart: chartOf({ 'cm.yaml': configMapTpl('a', 'b') }),
      values: { raw },
    })()
    assert.ok(E.isLeft(r), 'refused')
    if (E.isLeft(r)) {
      assert.is(r.left._tag, 'MessageTooLarge', JSON.stringify(r.left).slice(0, 300))
      assert.match(
        message(r.left),
        /^the request to Tiller is too large: 2\d{7} bytes, the limit is 20971520 bytes \(one gRPC message\)$/,
      )
    }
    const list = assertRight(await tiller.listReleases({})())
    assert.is(list.releases.length, 0, 'nothing was installed')
  } finally {
    client.close()
    await server.stop(0)
  }
})
limits('should keep a history that fits whole', () => {
  const rs = [1, 2, 3].map((v) => toProtoRelease(stubRelease('small', v)))
  assert.equal(historyWithin(rs), rs)
  const entries = historyWithin(rs, 64 * 1024 + 100)
  assert.ok(entries.some((r) => r.manifest === ''))
})
limits.run()
