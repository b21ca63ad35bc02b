// `kube-sandbox` as a process: prints its URL, writes a kubeconfig, keeps its state in --data-dir across restarts.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connect } from '../../src/adapters/k8s/Rest'
import { binArgs } from '../support/bins'

const start = (args: string[]) =>
  new Promise<{ url: string; stop: () => Promise<number | null> }>((resolve, reject) => {
    const child = spawn(process.execPath, [...binArgs('kube-sandbox'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stderr.on('data', (c) => (err += c))
    child.stdout.on('data', (c) => {
      out += c
      if (out.includes('\n'))
        resolve({
          url: out.trim(),
          stop: () =>
            new Promise((done) => {
              child.on('exit', (code) => done(code))
              child.kill('SIGTERM')
            }),
        })
    })
    child.on('exit', (code) => reject(new Error(`kube-sandbox exited ${code}: ${err}`)))
  })

const main = suite('kube-sandbox executable')
main('should print its URL, write a kubeconfig and keep state in --data-dir across restarts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-sandbox-'))
  const kc = join(dir, 'kubeconfig')
  const first = await start(['--listen', '127.0.0.1:0', '--kubeconfig-out', kc, '--data-dir', join(dir, 'data')])
  let exit: number | null
  try {
    assert.match(first.url, /^https:\/\/127\.0\.0\.1:\d+$/)
    assert.ok(readFileSync(kc, 'utf8').includes(first.url))
    const rest = await connect({ kubeconfig: kc })
    const made = await rest.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      body: { metadata: { name: 'kept' } },
    })
    assert.is(made.status, 201)
  } finally {
    exit = await first.stop()
  }
  assert.is(exit, 0)
  assert.ok(existsSync(join(dir, 'data', 'state.json')))
  const second = await start(['--kubeconfig-out', kc, '--data-dir', join(dir, 'data')])
  try {
    const again = await connect({ kubeconfig: kc })
    assert.is((await again.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/kept' })).status, 200)
  } finally {
    await second.stop()
  }
})
main('should refuse a non-loopback --listen address with one line', async () => {
  const child = spawn(process.execPath, [...binArgs('kube-sandbox'), '--listen', '0.0.0.0:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stderr.on('data', (c) => (err += c))
  const code = await new Promise((r) => child.on('exit', r))
  assert.is(code, 1)
  assert.is(err, 'Error: the sandbox listens on loopback only, not 0.0.0.0\n')
})
main.run()
