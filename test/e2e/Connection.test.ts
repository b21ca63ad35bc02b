// No silent waits: a helm process that cannot reach Tiller says why at once when the cause is known (refused,
// TLS mismatch either way, a certificate expired, untrusted or missing), says what it waits for every few
// seconds otherwise, and never prints Node's warnings.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { stringify } from 'yaml'
import { type GrpcServer, type ServerTls, startGrpcServer } from '../../src/adapters/grpc/Server'
import { POD_FORWARD } from '../../src/sandbox/PortForward'
import { createTiller } from '../../src/tiller/embed'
import { makeCerts } from '../support/tls'
import { helmProc, kubectl, scratch, startKubeSandbox } from '../support/processes'

const certs = (dir: string, env: Record<string, string> = {}): string => makeCerts(dir, env)
const tillerTls = (pki: string, verify: boolean): ServerTls => ({
  cert: readFileSync(join(pki, 'tiller/tls.crt')),
  key: readFileSync(join(pki, 'tiller/tls.key')),
  ca: readFileSync(join(pki, 'tiller/ca.crt')),
  verify,
})
const serve = (tls?: ServerTls): Promise<GrpcServer> =>
  startGrpcServer({ api: createTiller(), listen: '127.0.0.1:0', version: 'v2.17.0', ...(tls ? { tls } : {}) })
/** A HELM_HOME holding the client files of `pki`. */
const home = (dir: string, pki: string): string => {
  const h = join(dir, `home-${Math.random().toString(36).slice(2)}`)
  mkdirSync(h)
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) copyFileSync(join(pki, 'helm', f), join(h, f))
  return h
}

/** Runs `helm ls ARGS` against `address`; its exit code, stderr and how long it took. */
const ls = async (dir: string, address: string, args: string[], helmHome?: string) => {
  const started = Date.now()
  const r = await helmProc(['ls', ...args], {
    cwd: dir,
    env: { HOME: dir, HELM_HOST: address, ...(helmHome ? { HELM_HOME: helmHome } : {}) },
  })
  return { ...r, seconds: (Date.now() - started) / 1000 }
}

const quick = (r: { seconds: number; stderr: string }) => {
  // a helm process starts in ~1-2 s under tsx; the cause must be known long before any timeout (300 s)
  assert.ok(r.seconds < 10, `took ${r.seconds}s: ${r.stderr}`)
  assert.not.match(r.stderr, /DEP0123|DeprecationWarning|Warning:/)
  assert.is(r.stderr.split('\n').filter((l) => l.startsWith('Error:')).length, 1, r.stderr)
}

const conn = suite('e2e: why helm cannot reach Tiller')

conn('should say at once that nothing listens at HELM_HOST', async () => {
  const dir = scratch('conn-refused')
  const closed = createServer()
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
  const port = (closed.address() as { port: number }).port
  await new Promise<void>((r) => closed.close(() => r()))
  const r = await ls(dir, `127.0.0.1:${port}`, [])
  assert.is(r.code, 1)
  assert.match(r.stderr, new RegExp(`^Error: cannot connect to Tiller at 127\\.0\\.0\\.1:${port}: connection refused`))
  quick(r)
})

conn('should name the TLS mismatch both ways: --tls to a plaintext Tiller, plaintext to a TLS one', async () => {
  const dir = scratch('conn-tls-mismatch')
  const pki = certs(join(dir, 'pki'))
  const plain = await serve()
  const secure = await serve(tillerTls(pki, false))
  try {
    const tlsToPlain = await ls(dir, `127.0.0.1:${plain.port}`, ['--tls'], home(dir, pki))
    assert.is(tlsToPlain.code, 1)
    assert.match(
      tlsToPlain.stderr,
      /^Error: cannot connect to Tiller at .*: TLS handshake failed: Tiller answered in plaintext/,
    )
    quick(tlsToPlain)
    const plainToTls = await ls(dir, `127.0.0.1:${secure.port}`, [])
    assert.is(plainToTls.code, 1)
    assert.match(plainToTls.stderr, /^Error: cannot connect to Tiller at .*(expects TLS|use --tls)/)
    quick(plainToTls)
    // and TLS that matches works, without Node's DEP0123 warning on stderr
    const ok = await ls(dir, `127.0.0.1:${secure.port}`, ['--tls'], home(dir, pki))
    assert.is(ok.code, 0, ok.stderr)
    assert.is(ok.stderr, '')
  } finally {
    await plain.stop(0)
    await secure.stop(0)
  }
})

conn('should refuse an expired client certificate before connecting, and name each certificate fault', async () => {
  const dir = scratch('conn-certs')
  const pki = certs(join(dir, 'pki'))
  const other = certs(join(dir, 'other'))
  const expiredClient = certs(join(dir, 'expired-client'), { TLS_CLIENT_DAYS: '-1' })
  const expiredTiller = certs(join(dir, 'expired-tiller'), { TLS_TILLER_DAYS: '-1' })
  const mtls = await serve(tillerTls(pki, true))
  const stale = await serve(tillerTls(expiredTiller, false))
  const at = `127.0.0.1:${mtls.port}`
  try {
    const expired = await ls(dir, at, ['--tls-verify'], home(dir, expiredClient))
    assert.is(expired.code, 1)
    assert.match(
      expired.stderr,
      /^Error: could not set up TLS: the client certificate \S+cert\.pem expired on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n$/,
    )
    quick(expired)
    // a CA that did not sign Tiller's certificate
    const wrongCa = home(dir, pki)
    copyFileSync(join(other, 'helm', 'ca.pem'), join(wrongCa, 'ca.pem'))
    const untrusted = await ls(dir, at, ['--tls-verify'], wrongCa)
    assert.match(untrusted.stderr, /TLS handshake failed: Tiller's certificate is not signed by the CA in \S+ca\.pem/)
    quick(untrusted)
    // no client certificate for a Tiller that requires one
    const noCert = await ls(
      dir,
      at,
      ['--tls-verify', '--tls-cert', join(dir, 'none.pem'), '--tls-key', join(dir, 'none.key')],
      home(dir, pki),
    )
    assert.match(noCert.stderr, /Tiller requires a client certificate/)
    quick(noCert)
    // a client certificate from a CA Tiller does not trust
    const stranger = await ls(dir, at, ['--tls-verify'], home(dir, other))
    assert.match(
      stranger.stderr,
      /^Error: cannot connect to Tiller at .*: TLS handshake failed: Tiller's certificate is not signed/,
    )
    const strangerCa = home(dir, other)
    copyFileSync(join(pki, 'helm', 'ca.pem'), join(strangerCa, 'ca.pem'))
    const refusedCert = await ls(dir, at, ['--tls-verify'], strangerCa)
    assert.match(refusedCert.stderr, /refused the client certificate/)
    quick(refusedCert)
    // Tiller's own certificate expired
    const staleTiller = await ls(dir, `127.0.0.1:${stale.port}`, ['--tls-verify'], home(dir, expiredTiller))
    assert.match(staleTiller.stderr, /TLS handshake failed: Tiller's certificate has expired/)
    quick(staleTiller)
    // the right files work
    const ok = await ls(dir, at, ['--tls-verify'], home(dir, pki))
    assert.is(ok.code, 0, ok.stderr)
    assert.is(ok.stderr, '')
  } finally {
    await mtls.stop(0)
    await stale.stop(0)
  }
})

conn('should say what it waits for every few seconds when Tiller does not answer, then give up', async () => {
  const dir = scratch('conn-silent')
  const sockets: Socket[] = []
  // accepts connections and never answers: no cause to name, so helm waits, but not in silence
  const mute: Server = createServer((s) => sockets.push(s))
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r))
  const port = (mute.address() as { port: number }).port
  try {
    const r = await ls(dir, `127.0.0.1:${port}`, ['--tiller-connection-timeout', '7'])
    assert.is(r.code, 1)
    const lines = r.stderr.trimEnd().split('\n')
    assert.match(
      lines[0]!,
      new RegExp(
        `^waiting for Tiller at 127\\.0\\.0\\.1:${port} \\(5s of 7s\\): connected, but Tiller has not answered yet$`,
      ),
    )
    assert.match(
      lines.at(-1)!,
      new RegExp(
        `^Error: cannot connect to Tiller at 127\\.0\\.0\\.1:${port}: no connection within 7s \\(connected, but Tiller has not answered yet\\)$`,
      ),
    )
    assert.ok(r.seconds < 15, String(r.seconds))
  } finally {
    for (const s of sockets) s.destroy()
    await new Promise<void>((res) => mute.close(() => res()))
  }
})

conn.run()

const tunnel = suite('e2e: why helm cannot reach the Tiller pod')
tunnel('should say at once that there is no tiller pod, none ready, or that the forward is refused', async () => {
  const dir = scratch('conn-tunnel')
  const kc = join(dir, 'kubeconfig')
  const sandbox = await startKubeSandbox(kc)
  const sockets: Socket[] = []
  const mute: Server = createServer((s) => sockets.push(s))
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r))
  const mutePort = (mute.address() as { port: number }).port
  const env = { HOME: dir, KUBECONFIG: kc, HELM_HOST: '' }
  const helmLs = async (...args: string[]) => {
    const started = Date.now()
    const r = await helmProc(['ls', ...args], { cwd: dir, env })
    return { ...r, seconds: (Date.now() - started) / 1000 }
  }
  const pod = async (name: string, annotations: Record<string, string>) => {
    const file = join(dir, `${name}.yaml`)
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'kube-system', labels: { app: 'helm', name: 'tiller' }, annotations },
        spec: { containers: [{ name: 'tiller', image: 'ghcr.io/helm/tiller:v2.17.0' }] },
      }),
    )
    assert.is((await kubectl(kc, ['create', '-f', file])).code, 0)
    for (let i = 0; i < 100; i++) {
      const phase = await kubectl(kc, ['get', 'pod', name, '-n', 'kube-system', '-o', 'jsonpath={.status.phase}'])
      if (phase.stdout === 'Running') return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`pod ${name} never ran`)
  }
  const gone = async (name: string) =>
    assert.is((await kubectl(kc, ['delete', 'pod', name, '-n', 'kube-system', '--wait=false'])).code, 0)
  try {
    const none = await helmLs()
    assert.is(none.code, 1)
    assert.match(
      none.stderr,
      /^Error: could not find tiller: no pod labelled app=helm,name=tiller in namespace "kube-system" of https:\/\/127\.0\.0\.1:\d+ /,
    )
    quick(none)

    await pod('tiller-deploy-x', { 'sandbox.wheelhouse.io/ready': 'false' })
    const unready = await helmLs()
    assert.is(unready.stderr, 'Error: could not find a ready tiller pod: tiller-deploy-x is Running but not Ready\n')
    await gone('tiller-deploy-x')

    // Ready, but the forward reaches nothing: the error channel's text, at once (not after the 300 s timeout)
    await pod('tiller-deploy-y', {})
    const dead = await helmLs()
    assert.is(dead.code, 1)
    assert.match(
      dead.stderr,
      /^Error: cannot connect to Tiller at 127\.0\.0\.1:\d+: error forwarding port 44134 to pod kube-system\/tiller-deploy-y, uid [0-9a-f-]+: nothing listens on port 44134/,
    )
    quick(dead)
    await gone('tiller-deploy-y')

    // forwarded to something that never answers: no cause to name, so helm says what it waits for
    await pod('tiller-deploy-z', { [`${POD_FORWARD}44134`]: `127.0.0.1:${mutePort}` })
    const silent = await helmLs('--tiller-connection-timeout', '6')
    assert.is(silent.code, 1)
    assert.match(silent.stderr, /^waiting for Tiller at 127\.0\.0\.1:\d+ \(5s of 6s\): /)
    assert.match(
      silent.stderr,
      /\nError: cannot connect to Tiller at 127\.0\.0\.1:\d+: no connection within 6s \(.+\)\n$/,
    )
  } finally {
    for (const s of sockets) s.destroy()
    await new Promise<void>((r) => mute.close(() => r()))
    await sandbox.stop()
  }
})
tunnel.run()

const initWait = suite('e2e: helm init --wait says what it waits for')
initWait('should report the Deployment it waits for every few seconds, then give up', async () => {
  const dir = scratch('conn-init')
  const kc = join(dir, 'kubeconfig')
  // no controllers: the Deployment never gets a ready replica
  const sandbox = await startKubeSandbox(kc, ['--no-controllers'])
  try {
    const r = await helmProc(['init', '--skip-repos', '--wait', '--tiller-connection-timeout', '7'], {
      cwd: dir,
      env: { HOME: dir, KUBECONFIG: kc },
    })
    assert.is(r.code, 1)
    assert.match(
      r.stderr,
      /^waiting for Tiller's Deployment kube-system\/tiller-deploy to have a ready replica \(5s of 7s\): 0 of \d+ ready\n/,
    )
    assert.match(r.stderr, /\nError: tiller was not found\. polling deadline exceeded\n$/)
  } finally {
    await sandbox.stop()
  }
})
initWait.run()
