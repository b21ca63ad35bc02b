// The wire itself: version header check, errors as tagged statuses, the 20 MiB cap, mutual TLS.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type ClientTls, grpcTillerClient } from '../../../src/adapters/grpc/Client'
import { type ServerTls, startGrpcServer } from '../../../src/adapters/grpc/Server'
import { message } from '../../../src/domain/errors'
import { createTiller } from '../../../src/tiller/embed'
import { assertLeft, assertRight } from '../../helpers'
import { contractChart } from '../../ports/TillerApi.contract'
import { makeCerts } from '../../support/tls'

const serve = async (tls?: ServerTls) => {
  const server = await startGrpcServer({
    api: createTiller(),
    listen: '127.0.0.1:0',
    version: 'v2.17.0',
    ...(tls ? { tls } : {}),
  })
  const clients: Array<{ close: () => void }> = []
  /** A client of this server, closed by `stop`. */
  const client = (clientVersion = 'v2.17.0', ctls?: ClientTls, connectTimeout = 3) => {
    const c = grpcTillerClient({
      address: `127.0.0.1:${server.port}`,
      clientVersion,
      connectTimeout,
      ...(ctls ? { tls: ctls } : {}),
    })
    clients.push(c)
    return c
  }
  /** Closes every client and the server. */
  const stop = async () => {
    for (const c of clients) c.close()
    await server.stop(0)
  }
  return { server, client, stop }
}

const wire = suite('gRPC wire')
wire('should refuse a client of a newer minor version but answer GetVersion to it', async () => {
  const { client, stop } = await serve()
  try {
    const newer = client('v2.18.0')
    const e = assertLeft(await newer.listReleases({})())
    assert.equal(e, { _tag: 'IncompatibleVersions', client: 'v2.18.0', server: 'v2.17.0' })
    assert.is(message(e), 'incompatible versions client[v2.18.0] server[v2.17.0]')
    assert.is(assertRight(await newer.getVersion()()).version.semVer, 'v2.17.0')
    for (const v of ['v2.17.9', 'v2.16.3', 'v2.0.0']) {
      const ok = client(v)
      assert.equal(assertRight(await ok.listReleases({})()).releases, [])
    }
  } finally {
    await stop()
  }
})
wire('should carry Tiller errors back as the same tagged HelmError', async () => {
  const { client, stop } = await serve()
  try {
    const c = client()
    assert.equal(assertLeft(await c.getHistory({ name: 'nope' })())._tag, 'ReleaseNotFound')
    assertRight(await c.installRelease({ name: 'a', chart: contractChart('1.0.0') })())
    const dup = assertLeft(await c.installRelease({ name: 'a', chart: contractChart('1.0.0') })())
    assert.equal(dup, { _tag: 'ReleaseNameInUse', name: 'a', reuse: false })
  } finally {
    await stop()
  }
})
wire('should refuse a request over the 20 MiB cap', async () => {
  const { client, stop } = await serve()
  try {
    const c = client()
    const big = contractChart('1.0.0')
    const huge = { ...big, files: [{ path: 'blob.bin', data: new Uint8Array(21 * 1024 * 1024) }] }
    const e = assertLeft(await c.installRelease({ name: 'big', chart: huge })())
    assert.is(e._tag, 'MessageTooLarge')
    assert.match(message(e), /^the request to Tiller is too large: \d+ bytes, the limit is 20971520 bytes/)
    assert.equal(assertRight(await c.listReleases({})()).releases, [])
  } finally {
    await stop()
  }
})
wire('should split a ListReleases answer and join it again', async () => {
  const { client, stop } = await serve()
  try {
    const c = client()
    // five releases of ~6 MiB each cannot travel in one 20 MiB message
    for (const n of ['r1', 'r2', 'r3', 'r4', 'r5']) {
      const chart = {
        ...contractChart('1.0.0'),
        files: [{ path: 'pad.txt', data: new Uint8Array(6 * 1024 * 1024).fill(65) }],
      }
      assertRight(await c.installRelease({ name: n, chart })())
    }
    const list = assertRight(await c.listReleases({ sortBy: 'NAME' })())
    assert.equal(
      list.releases.map((r) => r.name),
      ['r1', 'r2', 'r3', 'r4', 'r5'],
    )
    assert.is(list.releases[4]!.chart.files[0]!.data.length, 6 * 1024 * 1024)
  } finally {
    await stop()
  }
})

const tls = suite('gRPC mutual TLS')
tls('should refuse clients without a certificate from its CA and serve those with one', async () => {
  const mine = makeCerts()
  const other = makeCerts()
  const f = (d: string, p: string) => readFileSync(join(d, p))
  const { client, stop } = await serve({
    cert: f(mine, 'tiller/tls.crt'),
    key: f(mine, 'tiller/tls.key'),
    ca: f(mine, 'tiller/ca.crt'),
    verify: true,
  })
  try {
    const plain = client('v2.17.0', undefined, 2)
    assert.ok(['TillerConnectionFailed', 'RemoteError'].includes(assertLeft(await plain.getVersion()())._tag))
    const noCert = client('v2.17.0', { insecure: false, ca: f(mine, 'helm/ca.pem') })
    assertLeft(await noCert.getVersion()())
    const stranger = client('v2.17.0', {
      insecure: false,
      ca: f(mine, 'helm/ca.pem'),
      cert: f(other, 'helm/cert.pem'),
      key: f(other, 'helm/key.pem'),
    })
    assertLeft(await stranger.getVersion()())
    const good = client('v2.17.0', {
      insecure: false,
      ca: f(mine, 'helm/ca.pem'),
      cert: f(mine, 'helm/cert.pem'),
      key: f(mine, 'helm/key.pem'),
    })
    assert.is(assertRight(await good.getVersion()()).version.semVer, 'v2.17.0')
    assertRight(await good.installRelease({ name: 'secure', chart: contractChart('1.0.0') })())
    // a client that trusts another CA refuses this Tiller
    const wrongCa = client('v2.17.0', {
      insecure: false,
      ca: f(other, 'helm/ca.pem'),
      cert: f(mine, 'helm/cert.pem'),
      key: f(mine, 'helm/key.pem'),
    })
    assertLeft(await wrongCa.getVersion()())
  } finally {
    await stop()
  }
})
tls('should accept any server certificate with --tls and no --tls-verify (Helm v2)', async () => {
  const d = makeCerts()
  const f = (p: string) => readFileSync(join(d, p))
  const { client, stop } = await serve({ cert: f('tiller/tls.crt'), key: f('tiller/tls.key'), verify: false })
  try {
    const c = client('v2.17.0', { insecure: true })
    assert.is(assertRight(await c.getVersion()()).version.semVer, 'v2.17.0')
  } finally {
    await stop()
  }
})

wire.run()
tls.run()
