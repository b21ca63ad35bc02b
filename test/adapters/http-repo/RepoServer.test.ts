// Real Helm as a client of our `helm serve`.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'
import { binArgs } from '../../support/bins'
import { pack, realHelm, tempDir, writeChart } from './fixtures'

const serve = suite('helm serve')

const startServe = async (repoPath: string, home: string) => {
  const child = spawn(process.execPath, [
    ...binArgs('helm'),
    'serve',
    '--repo-path',
    repoPath,
    '--address',
    '127.0.0.1:0',
    '--home',
    home,
  ])
  let out = ''
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000)
    child.stdout.on('data', (c) => {
      out += c
      const m = /Now serving you on (\S+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.stderr.on('data', (c) => (out += c))
  })
  return {
    address,
    out: () => out,
    stop: () =>
      new Promise<void>((r) => {
        child.on('close', () => r())
        child.kill('SIGTERM')
      }),
  }
}

serve('should let real Helm add, search, pull and template a chart it serves', async () => {
  const dir = await tempDir()
  const repoPath = join(dir, 'repo')
  await pack(await writeChart(dir, 'hello', '0.1.0', { description: 'Says hello' }), repoPath)
  await pack(await writeChart(dir, 'hello2', '0.2.0'), repoPath)
  const real = await realHelm(dir)
  const server = await startServe(repoPath, join(dir, 'home'))
  try {
    assert.ok(server.out().includes('Regenerating index. This may take a moment.'))
    assert.ok(existsSync(join(repoPath, 'index.yaml')))
    const add = await real(['repo', 'add', 'ours', `http://${server.address}/charts`])
    assert.is(add.code, 0, add.stderr)
    const found = await real(['search', 'repo', 'ours/hello'])
    assert.is(found.code, 0, found.stderr)
    assert.match(found.stdout, /ours\/hello\s+\t0\.1\.0\s+\t1\.0\s+\tSays hello/)
    assert.match(found.stdout, /ours\/hello2\s*\t0\.2\.0/)
    await mkdir(join(dir, 'pulled'))
    const pulled = await real(['pull', 'ours/hello', '--version', '^0.1', '-d', join(dir, 'pulled')])
    assert.is(pulled.code, 0, pulled.stderr)
    const rendered = await real(['template', 'rel', join(dir, 'pulled', 'hello-0.1.0.tgz')])
    assert.is(rendered.code, 0, rendered.stderr)
    assert.match(rendered.stdout, /name: rel-hello\n/)
    assert.match(rendered.stdout, /greeting: "hello"/)
  } finally {
    await server.stop()
  }
})

serve('should answer our own client, with charts published after it started', async () => {
  const dir = await tempDir()
  const repoPath = join(dir, 'repo')
  await pack(await writeChart(dir, 'first', '1.0.0'), repoPath)
  const home = join(dir, 'home')
  const server = await startServe(repoPath, join(dir, 'serve-home'))
  try {
    await pack(await writeChart(dir, 'late', '2.0.0'), repoPath)
    const add = await helm(['repo', 'add', 'mine', `http://${server.address}/charts`, '--home', home])
    assert.is(add.code, 0, add.stderr)
    const s = await helm(['search', 'late', '--home', home])
    assert.match(s.stdout, /mine\/late\s*\t2\.0\.0/)
    const f = await helm(['fetch', 'mine/late', '-d', dir, '--home', home])
    assert.is(f.code, 0, f.stderr)
    assert.ok(existsSync(join(dir, 'late-2.0.0.tgz')))
  } finally {
    await server.stop()
  }
})

serve('should refuse an address it cannot listen on with Go net.Listen text', async () => {
  const dir = await tempDir()
  const home = join(dir, 'home')
  const taken = createServer()
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r))
  const port = (taken.address() as AddressInfo).port
  try {
    const run = (address: string) => helm(['serve', '--repo-path', dir, '--address', address, '--home', home])
    const inUse = await run(`127.0.0.1:${port}`)
    assert.is(inUse.code, 1)
    assert.is(inUse.stderr, `Error: listen tcp 127.0.0.1:${port}: bind: address already in use\n`)
    const noPort = await run('localhost')
    assert.is(noPort.stderr, 'Error: listen tcp: address localhost: missing port in address\n')
    const badPort = await run('127.0.0.1:99999')
    assert.is(badPort.stderr, 'Error: listen tcp: address 99999: invalid port\n')
    const namedPort = await run('127.0.0.1:nosuchservice')
    assert.is(namedPort.stderr, 'Error: listen tcp: lookup tcp/nosuchservice: unknown port\n')
  } finally {
    await new Promise<void>((r) => taken.close(() => r()))
  }
})

serve.run()
