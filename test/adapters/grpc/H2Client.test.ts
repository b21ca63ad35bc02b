// The client's gRPC transport on node:http2 (H2Channel.ts, H2Call.ts): the proxy environment as grpc-js reads it,
// a call through an HTTP CONNECT proxy, and answers that only a foreign or hostile server sends (compressed,
// trailers-only failures, HTTP errors, a message over the limit, a connection cut mid-call).
import { gzipSync } from 'node:zlib'
import { createServer as createH2Server, type Http2Server, type ServerHttp2Stream } from 'node:http2'
import { createServer as createHttpServer } from 'node:http'
import { connect as netConnect, type Socket } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { grpcTillerClient } from '../../../src/adapters/grpc/Client'
import { proxyFor } from '../../../src/adapters/grpc/H2Channel'
import { encodeMessage } from '../../../src/adapters/grpc/Proto'
import { startGrpcServer } from '../../../src/adapters/grpc/Server'
import { message } from '../../../src/domain/errors'
import { createTiller } from '../../../src/tiller/embed'
import { assertLeft, assertRight } from '../../helpers'

const proxies = suite('proxyFor: the proxy environment as grpc-js reads it')
proxies('should prefer grpc_proxy, then https_proxy, then http_proxy, http: URLs only', () => {
  assert.equal(proxyFor('tiller.example', { grpc_proxy: 'http://g:3128', http_proxy: 'http://h:1' }), {
    host: 'g',
    port: 3128,
  })
  assert.equal(proxyFor('tiller.example', { https_proxy: 'http://s', http_proxy: 'http://h:1' }), {
    host: 's',
    port: 80,
  })
  assert.equal(proxyFor('tiller.example', { http_proxy: 'http://u:p%40ss@h:1' }), {
    host: 'h',
    port: 1,
    creds: 'u:p@ss',
  })
  assert.is(proxyFor('tiller.example', { grpc_proxy: 'https://g:3128' }), undefined)
  assert.is(proxyFor('tiller.example', { grpc_proxy: 'not a url' }), undefined)
  assert.is(proxyFor('tiller.example', {}), undefined)
})
proxies('should skip hosts that no_grpc_proxy (else no_proxy) names by suffix or IPv4 CIDR', () => {
  const env = { grpc_proxy: 'http://g:3128' }
  assert.is(proxyFor('tiller.example', { ...env, no_proxy: 'example' }), undefined)
  assert.is(proxyFor('10.1.2.3', { ...env, no_proxy: 'localhost,10.0.0.0/8' }), undefined)
  assert.ok(proxyFor('11.1.2.3', { ...env, no_proxy: '10.0.0.0/8' }))
  // no_grpc_proxy wins over no_proxy
  assert.ok(proxyFor('tiller.example', { ...env, no_grpc_proxy: 'other', no_proxy: 'example' }))
})

/** A CONNECT proxy on 127.0.0.1 that records the targets it was asked for. */
const connectProxy = async () => {
  const targets: string[] = []
  const sockets: Socket[] = []
  const server = createHttpServer()
  server.on('connect', (req, client: Socket, head: Buffer) => {
    targets.push(`${req.url} ${req.headers['proxy-authorization'] ?? ''}`.trim())
    const [host, port] = [req.url!.slice(0, req.url!.lastIndexOf(':')), Number(req.url!.split(':').pop())]
    const upstream = netConnect({ host, port }, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.push(client, upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as { port: number }).port,
    targets,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

const proxied = suite('the gRPC client through an HTTP CONNECT proxy')
proxied('should reach Tiller through grpc_proxy with its credentials, and go direct for no_grpc_proxy', async () => {
  const server = await startGrpcServer({ api: createTiller(), listen: '127.0.0.1:0', version: 'v2.17.0' })
  const proxy = await connectProxy()
  try {
    const address = `127.0.0.1:${server.port}`
    const env = { grpc_proxy: `http://who:pw@127.0.0.1:${proxy.port}`, no_grpc_proxy: 'example.org' }
    const c = grpcTillerClient({ address, clientVersion: 'v2.17.0', connectTimeout: 5, env })
    try {
      assert.is(assertRight(await c.getVersion()()).version.semVer, 'v2.17.0')
      assert.equal(assertRight(await c.listReleases({})()).releases, [])
    } finally {
      c.close()
    }
    assert.equal(proxy.targets, [`${address} Basic ${Buffer.from('who:pw').toString('base64')}`])
    const direct = { grpc_proxy: `http://127.0.0.1:${proxy.port}`, no_grpc_proxy: '127.0.0.1' }
    const d = grpcTillerClient({ address, clientVersion: 'v2.17.0', connectTimeout: 5, env: direct })
    try {
      assert.is(assertRight(await d.getVersion()()).version.semVer, 'v2.17.0')
    } finally {
      d.close()
    }
    assert.is(proxy.targets.length, 1, 'the second client went direct')
  } finally {
    await proxy.close()
    await server.stop(0)
  }
})

/** An HTTP/2 server answering every call with `answer`. */
const fakeTiller = async (answer: (stream: ServerHttp2Stream) => void) => {
  const server: Http2Server = createH2Server()
  server.on('stream', (stream) => {
    stream.on('error', () => undefined)
    stream.resume()
    stream.on('end', () => answer(stream))
  })
  server.on('sessionError', () => undefined)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  const client = grpcTillerClient({ address: `127.0.0.1:${port}`, clientVersion: 'v2.17.0', connectTimeout: 5 })
  return {
    client,
    close: async () => {
      client.close()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
const framed = (bytes: Uint8Array, compressed = false): Buffer => {
  const head = Buffer.alloc(5)
  head[0] = compressed ? 1 : 0
  head.writeUInt32BE(bytes.length, 1)
  return Buffer.concat([head, bytes])
}
const versionAnswer = encodeMessage('hapi.services.tiller.GetVersionResponse', { Version: { sem_ver: 'v2.17.9' } })

const answers = suite('the gRPC client reading answers')
answers('should read a gzip-compressed answer split over several DATA frames', async () => {
  const t = await fakeTiller((s) => {
    s.respond(
      { ':status': 200, 'content-type': 'application/grpc', 'grpc-encoding': 'gzip' },
      { waitForTrailers: true },
    )
    s.on('wantTrailers', () => s.sendTrailers({ 'grpc-status': '0' }))
    const whole = framed(gzipSync(versionAnswer), true)
    s.write(whole.subarray(0, 3))
    s.end(whole.subarray(3))
  })
  try {
    assert.is(assertRight(await t.client.getVersion()()).version.semVer, 'v2.17.9')
  } finally {
    await t.close()
  }
})
answers("should give a trailers-only failure's decoded text and an HTTP error's status", async () => {
  let mode = 'status'
  const t = await fakeTiller((s) => {
    if (mode === 'status')
      s.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '2', 'grpc-message': 'no%20such%3A x' },
        { endStream: true },
      )
    else s.respond({ ':status': 404 }, { endStream: true })
  })
  try {
    assert.is(message(assertLeft(await t.client.getVersion()())), 'no such: x')
    mode = 'http'
    assert.is(message(assertLeft(await t.client.getVersion()())), 'Received HTTP status code 404')
  } finally {
    await t.close()
  }
})
answers('should refuse an answer over the message limit as MessageTooLarge, before reading it', async () => {
  const t = await fakeTiller((s) => {
    s.respond({ ':status': 200, 'content-type': 'application/grpc' })
    const head = Buffer.alloc(5)
    head.writeUInt32BE(30 * 1024 * 1024, 1)
    s.write(head)
  })
  try {
    const e = assertLeft(await t.client.getVersion()())
    assert.equal(e, { _tag: 'MessageTooLarge', what: 'answer', size: 30 * 1024 * 1024, limit: 20 * 1024 * 1024 })
  } finally {
    await t.close()
  }
})
answers('should fail a call whose connection is cut as a connection failure', async () => {
  const t = await fakeTiller((s) => {
    s.respond({ ':status': 200, 'content-type': 'application/grpc' })
    s.write(framed(versionAnswer).subarray(0, 4))
    setTimeout(() => s.session?.destroy(), 20)
  })
  try {
    const e = assertLeft(await t.client.getVersion()())
    assert.is(e._tag, 'TillerConnectionFailed', JSON.stringify(e))
  } finally {
    await t.close()
  }
})

proxies.run()
proxied.run()
answers.run()
