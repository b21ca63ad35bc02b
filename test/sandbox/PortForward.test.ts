import { connect, createServer, type Server } from 'node:net'
import { PassThrough } from 'node:stream'
import { KubeConfig, PortForward } from '@kubernetes/client-node'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { POD_FORWARD } from '../../src/sandbox/PortForward'
import { startSandbox, type Sandbox } from '../../src/sandbox/Sandbox'

type Json = Record<string, any>
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const createPod = async (sb: Sandbox, name: string, annotations: Record<string, string>) => {
  const res = await fetch(`${sb.url}/api/v1/namespaces/kube-system/pods`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, annotations },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    }),
  })
  assert.is(res.status, 201, await res.text())
  for (let i = 0; i < 100; i++) {
    if ((sb.store.get('/pods', 'kube-system', name) as Json | undefined)?.status?.phase === 'Running') return
    await sleep(20)
  }
  throw new Error(`pod ${name} never ran`)
}

/** A TCP server that answers every chunk with `echo:` + the chunk, and `bye` with `bye!` and the end. */
const echoServer = async (): Promise<{ server: Server; port: number }> => {
  const server = createServer((s) => s.on('data', (c) => (String(c) === 'bye' ? s.end('bye!') : s.write(`echo:${c}`))))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { server, port: (server.address() as { port: number }).port }
}

const forwarder = (sb: Sandbox, token?: string) => {
  const kc = new KubeConfig()
  kc.loadFromString(sb.kubeconfig)
  if (token !== undefined) kc.users[0] = { ...kc.users[0]!, token }
  return new PortForward(kc)
}

const collect = (s: PassThrough): (() => string) => {
  let text = ''
  s.on('data', (c: Buffer) => (text += c.toString()))
  return () => text
}

const until = async (what: () => boolean, ms = 5000) => {
  for (let t = 0; t < ms && !what(); t += 20) await sleep(20)
}

const pf = suite('sandbox pods/portforward')

pf(
  'should carry bytes both ways to the loopback address of the forward annotation, port numbers stripped',
  async () => {
    const sb = await startSandbox({ tls: false, token: 'test-token' })
    const echo = await echoServer()
    try {
      await createPod(sb, 'tiller-1', { [`${POD_FORWARD}44134`]: `127.0.0.1:${echo.port}` })
      const out = new PassThrough()
      const err = new PassThrough()
      const input = new PassThrough()
      const got = collect(out)
      const errs = collect(err)
      const ws = await forwarder(sb).portForward('kube-system', 'tiller-1', [44134], out, err, input)
      assert.is((ws as { protocol: string }).protocol, 'v4.channel.k8s.io')
      input.write('hello')
      await until(() => got() === 'echo:hello')
      assert.is(got(), 'echo:hello')
      const big = 'x'.repeat(200_000)
      input.write(big)
      // the echo server prefixes each TCP chunk it reads
      const unprefixed = () => got().replace(/echo:/g, '')
      await until(() => unprefixed().length >= 'hello'.length + big.length)
      assert.is(unprefixed(), `hello${big}`)
      assert.is(errs(), '')
      // the target ending its connection ends the stream, after its last bytes
      const closed = new Promise<string>((r) => ((ws as { onclose: () => void }).onclose = () => r('closed')))
      input.write('bye')
      let timer: NodeJS.Timeout | undefined
      const open = new Promise<string>((r) => (timer = setTimeout(() => r('still open'), 5000)))
      assert.is(await Promise.race([closed, open]).finally(() => clearTimeout(timer)), 'closed')
      assert.ok(got().endsWith('bye!'))
    } finally {
      echo.server.close()
      await sb.stop()
    }
  },
)

pf(
  'should report on the error channel and close when the pod has no forward annotation or nothing listens',
  async () => {
    const sb = await startSandbox({ tls: false, token: 'test-token' })
    try {
      await createPod(sb, 'bare', {})
      const refused = await echoServer()
      refused.server.close()
      await createPod(sb, 'dead', { [`${POD_FORWARD}44134`]: `127.0.0.1:${refused.port}` })
      for (const [pod, want] of [
        [
          'bare',
          /^error forwarding port 44134 to pod kube-system\/bare, uid [0-9a-f-]+: nothing listens on port 44134/,
        ],
        [
          'dead',
          /^error forwarding port 44134 to pod kube-system\/dead, uid [0-9a-f-]+: dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/,
        ],
      ] as const) {
        const out = new PassThrough()
        const err = new PassThrough()
        const errs = collect(err)
        const ws = await forwarder(sb).portForward('kube-system', pod, [44134], out, err, new PassThrough())
        const closed = new Promise<string>((r) => ((ws as { onclose: () => void }).onclose = () => r('closed')))
        let timer: NodeJS.Timeout | undefined
        const open = new Promise<string>((r) => (timer = setTimeout(() => r('still open'), 5000)))
        assert.is(await Promise.race([closed, open]).finally(() => clearTimeout(timer)), 'closed')
        assert.match(errs(), want)
      }
    } finally {
      await sb.stop()
    }
  },
)

pf('should refuse a wrong token (401), a missing pod (404) and a pod that is not running (400)', async () => {
  const sb = await startSandbox({ tls: false, token: 'test-token' })
  try {
    const status = async (f: PortForward, pod: string) =>
      f.portForward('kube-system', pod, [44134], new PassThrough(), null, new PassThrough()).then(
        () => 'opened',
        (e: { message?: string }) => String(e.message),
      )
    await createPod(sb, 'ok', {})
    assert.match(await status(forwarder(sb, 'wrong'), 'ok'), /401/)
    assert.match(await status(forwarder(sb), 'missing'), /404/)
    sb.setControllers(false)
    const res = await fetch(`${sb.url}/api/v1/namespaces/kube-system/pods`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'pending' },
        spec: { containers: [{ name: 'c', image: 'x' }] },
      }),
    })
    assert.is(res.status, 201)
    assert.match(await status(forwarder(sb), 'pending'), /400/)
  } finally {
    await sb.stop()
  }
})

const masked = (opcode: number, payload: Buffer, fin = true): Buffer => {
  const mask = Buffer.from([1, 2, 3, 4])
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i & 3]!))
  return Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | payload.length]), mask, body])
}

pf('should answer pings and reassemble fragmented client messages (raw RFC 6455 frames)', async () => {
  const sb = await startSandbox({ tls: false, token: 'test-token' })
  const echo = await echoServer()
  try {
    await createPod(sb, 'raw', { [`${POD_FORWARD}80`]: `127.0.0.1:${echo.port}` })
    const sock = connect(Number(new URL(sb.url).port), '127.0.0.1')
    let got = Buffer.alloc(0)
    sock.on('data', (c: Buffer) => (got = Buffer.concat([got, c])))
    sock.write(
      'GET /api/v1/namespaces/kube-system/pods/raw/portforward?ports=80 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: channel.k8s.io\r\n' +
        'Authorization: Bearer test-token\r\n\r\n',
    )
    await until(() => got.includes('\r\n\r\n'))
    const head = got.subarray(0, got.indexOf('\r\n\r\n') + 4).toString()
    // RFC 6455 §1.3's example key and answer
    assert.match(
      head,
      /^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=\r\n[\s\S]*Sec-WebSocket-Protocol: channel\.k8s\.io\r\n/,
      JSON.stringify(head),
    )
    got = got.subarray(head.length)
    // the two port preambles: binary frames [0, 80, 0] and [1, 80, 0]
    await until(() => got.length >= 10)
    assert.equal([...got.subarray(0, 10)], [0x82, 3, 0, 80, 0, 0x82, 3, 1, 80, 0])
    got = got.subarray(10)
    sock.write(masked(9, Buffer.from('hi')))
    await until(() => got.length >= 4)
    assert.equal([...got.subarray(0, 4)], [0x8a, 2, 0x68, 0x69])
    got = got.subarray(4)
    sock.write(Buffer.concat([masked(2, Buffer.from([0, 0x68, 0x65]), false), masked(0, Buffer.from('llo'))]))
    await until(() => got.length >= 13)
    assert.equal([got[0], got[1], got[2]], [0x82, 11, 0])
    assert.is(got.subarray(3, 13).toString(), 'echo:hello')
    sock.destroy()
  } finally {
    echo.server.close()
    await sb.stop()
  }
})

pf.run()
