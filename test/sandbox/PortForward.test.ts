import { createServer, type Server } from 'node:net'
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
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations }, spec: { containers: [{ name: 'c', image: 'x' }] } }),
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

pf('should carry bytes both ways to the loopback address of the forward annotation, port numbers stripped', async () => {
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
    assert.is(await Promise.race([closed, sleep(5000).then(() => 'still open')]), 'closed')
    assert.ok(got().endsWith('bye!'))
  } finally {
    echo.server.close()
    await sb.stop()
  }
})

pf('should report on the error channel and close when the pod has no forward annotation or nothing listens', async () => {
  const sb = await startSandbox({ tls: false, token: 'test-token' })
  try {
    await createPod(sb, 'bare', {})
    const refused = await echoServer()
    refused.server.close()
    await createPod(sb, 'dead', { [`${POD_FORWARD}44134`]: `127.0.0.1:${refused.port}` })
    for (const [pod, want] of [
      ['bare', /^error forwarding port 44134 to pod kube-system\/bare, uid [0-9a-f-]+: nothing listens on port 44134/],
      ['dead', /^error forwarding port 44134 to pod kube-system\/dead, uid [0-9a-f-]+: dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/],
    ] as const) {
      const out = new PassThrough()
      const err = new PassThrough()
      const errs = collect(err)
      const ws = await forwarder(sb).portForward('kube-system', pod, [44134], out, err, new PassThrough())
      const closed = new Promise<string>((r) => ((ws as { onclose: () => void }).onclose = () => r('closed')))
      assert.is(await Promise.race([closed, sleep(5000).then(() => 'still open')]), 'closed')
      assert.match(errs(), want)
    }
  } finally {
    await sb.stop()
  }
})

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
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending' }, spec: { containers: [{ name: 'c', image: 'x' }] } }),
    })
    assert.is(res.status, 201)
    assert.match(await status(forwarder(sb), 'pending'), /400/)
  } finally {
    await sb.stop()
  }
})

pf.run()
