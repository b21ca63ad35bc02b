// No silent waits (issue 13): where helm waits on a server that accepts and never answers (a chart repository, a
// values URL, the Kubernetes API server), it says within 5 s what it waits for, and a refusal names its cause.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { binArgs } from '../support/bins'
import { scratch } from '../support/processes'

/** A TCP server that accepts connections and never answers. */
const mute = async (): Promise<{ port: number; close: () => Promise<void> }> => {
  const sockets: Socket[] = []
  const srv: Server = createServer((s) => sockets.push(s))
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  return {
    port: (srv.address() as { port: number }).port,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => srv.close(() => r()))
    },
  }
}

/** A kubeconfig for an API server at 127.0.0.1:`port` (TLS, not verified, a token). */
const kubeconfigFor = (port: number): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]`,
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: c, context: {cluster: c, user: u}}]',
    'current-context: c',
    '',
  ].join('\n')

interface Seen {
  /** stderr up to the first line, or all of it when the process ended first */
  readonly stderr: string
  readonly seconds: number
  readonly code: number | null
}

/** Runs helm until its first stderr line (then ends it) or its exit, at most `limitS` seconds. */
const firstLine = (args: string[], env: Record<string, string>, limitS = 45): Promise<Seen> =>
  new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [...binArgs('helm'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let err = ''
    let done = false
    const finish = (code: number | null) => {
      if (done) return
      done = true
      clearTimeout(limit)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      resolve({ stderr: err, seconds: (Date.now() - started) / 1000, code })
    }
    const limit = setTimeout(() => finish(null), limitS * 1000)
    child.stderr!.on('data', (c: Buffer) => {
      err += c
      if (err.includes('\n') && err.startsWith('waiting for ')) finish(null)
    })
    child.on('exit', (code) => finish(code))
  })

const waits = suite('e2e: helm never waits in silence')
waits('should say what a download, a values URL and the Kubernetes API server are awaited for', async () => {
  const dir = scratch('silent-waits')
  const repo = await mute()
  const kube = await mute()
  try {
    const kubeconfig = join(dir, 'kubeconfig')
    writeFileSync(kubeconfig, kubeconfigFor(kube.port))
    const chart = join(dir, 'web')
    mkdirSync(join(chart, 'templates'), { recursive: true })
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: web\nversion: 1.0.0\n')
    // a HELM_HOME each: the five start together, and a slow write of repositories.yaml by one of them on a loaded
    // machine (under its lock) would make another's first line the lock's wait, not the one this test is about
    const env = (home: string) => ({ HOME: dir, HELM_HOME: join(dir, home), KUBECONFIG: kubeconfig, HELM_HOST: '' })
    const base = `http://127.0.0.1:${repo.port}`
    const [fetched, added, values, listed, init] = await Promise.all([
      firstLine(['fetch', `${base}/web-1.0.0.tgz?token=s3cret`, '-d', dir], env('fetch')),
      firstLine(['repo', 'add', 'mute', `${base}/charts`], env('repo')),
      firstLine(['template', chart, '-f', `${base}/values.yaml`], env('template')),
      firstLine(['ls'], env('ls')),
      firstLine(['init', '--skip-refresh', '--service-account', 'tiller'], env('init')),
    ])
    const line = (s: Seen) => s.stderr.split('\n')[0] ?? ''
    const port = repo.port
    assert.match(
      line(fetched),
      new RegExp(
        `^waiting for http://127\\.0\\.0\\.1:${port}/web-1\\.0\\.0\\.tgz\\?… \\(5s\\): (connecting to 127\\.0\\.0\\.1:${port}|connected to 127\\.0\\.0\\.1:${port}, no answer yet)$`,
      ),
      fetched.stderr,
    )
    assert.not.match(fetched.stderr, /s3cret/)
    assert.match(line(added), new RegExp(`^waiting for http://127\\.0\\.0\\.1:${port}/charts/index\\.yaml \\(5s\\): `))
    assert.match(line(values), new RegExp(`^waiting for http://127\\.0\\.0\\.1:${port}/values\\.yaml \\(5s\\): `))
    const api = `^waiting for the Kubernetes API server at https://127\\.0\\.0\\.1:${kube.port} \\(5s\\): GET /`
    // the phase: connecting, or (usually) connected with the TLS handshake not finished
    const phase = `: (connecting to|connected to) 127\\.0\\.0\\.1:${kube.port}`
    assert.match(line(init), new RegExp(`${api}\\S+${phase}`), init.stderr)
    assert.match(line(listed), new RegExp(`${api}api/v1/namespaces/kube-system/pods${phase}`), listed.stderr)
    // each line says itself that it came after 5 s of waiting; the bound leaves room for five starts on a machine
    // loaded by other suites (a start took 15 s at a load of 30)
    for (const s of [fetched, added, values, listed, init]) assert.ok(s.seconds < 45, `${s.seconds}s: ${s.stderr}`)
  } finally {
    await repo.close()
    await kube.close()
  }
})
waits('should have Tiller log what it waits for when the API server does not answer at start', async () => {
  const dir = scratch('silent-tiller')
  const kube = await mute()
  const kubeconfig = join(dir, 'kubeconfig')
  writeFileSync(kubeconfig, kubeconfigFor(kube.port))
  const started = Date.now()
  const child = spawn(
    process.execPath,
    [...binArgs('tiller'), '--listen', '127.0.0.1:0', '--probe=false', '--kubeconfig', kubeconfig],
    { env: { ...process.env, HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  try {
    let out = ''
    const line = await new Promise<string | undefined>((resolve) => {
      const limit = setTimeout(() => resolve(undefined), 45_000)
      const onData = (c: Buffer) => {
        out += c
        const m = /^\[tiller\] \S+ \S+ (waiting for the Kubernetes API server .*)$/m.exec(out)
        if (m) {
          clearTimeout(limit)
          resolve(m[1])
        }
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
    })
    assert.ok(line, `no waiting line within 45 s: ${out}`)
    assert.match(
      line!,
      new RegExp(
        `^waiting for the Kubernetes API server at https://127\\.0\\.0\\.1:${kube.port} \\(5s\\): GET /api/v1/`,
      ),
    )
    assert.ok((Date.now() - started) / 1000 < 45)
  } finally {
    child.kill('SIGKILL')
    await kube.close()
  }
})

waits.run()
