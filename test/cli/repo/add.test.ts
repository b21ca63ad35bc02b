import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import * as https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { generateCerts } from '../../../src/sandbox/Certs'
import { pack, staticServer, tempDir, writeChart } from '../../adapters/http-repo/fixtures'
import { helm } from '../../helpers'
import { openssl } from '../../support/tls'

const add = suite('repo add')

add('should use basic auth and a CA file over https, for the index and the charts', async () => {
  const dir = await tempDir()
  const charts = join(dir, 'charts')
  await pack(await writeChart(dir, 'secret', '1.0.0'), charts)
  const certs = generateCerts()
  await writeFile(join(dir, 'ca.pem'), certs.caPem)
  const seen: string[] = []
  const server = https.createServer({ cert: certs.certPem, key: certs.keyPem }, async (req, res) => {
    seen.push(`${req.url} ${req.headers.authorization ?? '-'}`)
    if (req.headers.authorization !== `Basic ${Buffer.from('ann:s3cret').toString('base64')}`) {
      res.writeHead(401, 'Unauthorized').end()
      return
    }
    const body = await readFile(join(dir, (req.url ?? '/').replace(/^\//, ''))).catch(() => undefined)
    if (body) res.writeHead(200).end(body)
    else res.writeHead(404, 'Not Found').end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/charts`
  try {
    assert.is((await helm(['repo', 'index', charts, '--url', url])).code, 0)
    const home = join(dir, 'home')
    const untrusted = await helm([
      'repo',
      'add',
      'sec',
      url,
      '--username',
      'ann',
      '--password',
      's3cret',
      '--home',
      home,
    ])
    assert.is(untrusted.code, 1)
    assert.match(
      untrusted.stderr,
      /^Error: Looks like "https:\/\/127\.0\.0\.1:\d+\/charts" is not a valid chart repository or cannot be reached: Get ".*": .*certificate.*\n$/,
    )
    const noauth = await helm(['repo', 'add', 'sec', url, '--ca-file', join(dir, 'ca.pem'), '--home', home])
    assert.match(noauth.stderr, /401 Unauthorized/)
    const ok = await helm([
      'repo',
      'add',
      'sec',
      url,
      '--username',
      'ann',
      '--password',
      's3cret',
      '--ca-file',
      join(dir, 'ca.pem'),
      '--home',
      home,
    ])
    assert.is(ok.code, 0, ok.stderr)
    assert.match(
      await readFile(join(home, 'repository', 'repositories.yaml'), 'utf8'),
      /caFile: .*ca\.pem\n[\s\S]*password: s3cret\n[\s\S]*username: ann\n/,
    )
    const out = join(dir, 'out')
    await mkdir(out)
    const f = await helm(['fetch', 'sec/secret', '-d', out, '--home', home])
    assert.is(f.code, 0, f.stderr)
    assert.ok(seen.includes(`/charts/secret-1.0.0.tgz Basic ${Buffer.from('ann:s3cret').toString('base64')}`))
  } finally {
    server.close()
  }
})

add('should replace a repository of the same name, or refuse with --no-update', async () => {
  const dir = await tempDir()
  await mkdir(join(dir, 'a'))
  await writeFile(join(dir, 'a', 'index.yaml'), 'apiVersion: v1\nentries: {}\n')
  await mkdir(join(dir, 'b'))
  await writeFile(join(dir, 'b', 'index.yaml'), 'apiVersion: v1\nentries: {}\n')
  const srv = await staticServer(dir)
  try {
    const home = join(dir, 'home')
    assert.is((await helm(['repo', 'add', 'r', `${srv.url}/a`, '--home', home])).code, 0)
    assert.is((await helm(['repo', 'add', 'r', `${srv.url}/b/`, '--home', home])).code, 0)
    const list = await helm(['repo', 'list', '--home', home])
    assert.match(list.stdout, new RegExp(`\\nr\\s*\\t${srv.url}/b\\n$`))
    const refused = await helm(['repo', 'add', 'r', `${srv.url}/a`, '--no-update', '--home', home])
    assert.is(refused.stderr, 'Error: repository name (r) already exists, please specify a different name\n')
  } finally {
    await srv.close()
  }
})
add('should keep every repository when several are added at once', async () => {
  const dir = await tempDir()
  const names = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']
  for (const n of names) {
    await mkdir(join(dir, n))
    await writeFile(join(dir, n, 'index.yaml'), 'apiVersion: v1\nentries: {}\n')
  }
  const srv = await staticServer(dir)
  try {
    const home = join(dir, 'home')
    const results = await Promise.all(names.map((n) => helm(['repo', 'add', n, `${srv.url}/${n}`, '--home', home])))
    assert.equal(
      results.map((r) => r.code),
      names.map(() => 0),
    )
    const list = await helm(['repo', 'list', '--home', home])
    for (const n of names) assert.match(list.stdout, new RegExp(`\\n${n}\\s*\\t`))
    assert.not.ok(existsSync(join(home, 'repository', 'repositories.yaml.lock')))
  } finally {
    await srv.close()
  }
})
add('should present a client certificate (--cert-file/--key-file) to a server that requires one', async () => {
  const dir = await tempDir()
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    join(dir, 'client-key.pem'),
    '-out',
    join(dir, 'client.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=client',
    '-addext',
    'extendedKeyUsage=clientAuth',
  ])
  const certs = generateCerts()
  await writeFile(join(dir, 'ca.pem'), certs.caPem)
  const clientCert = await readFile(join(dir, 'client.pem'))
  const server = https.createServer(
    { cert: certs.certPem, key: certs.keyPem, ca: clientCert, requestCert: true, rejectUnauthorized: true },
    (_req, res) => res.writeHead(200).end('apiVersion: v1\nentries: {}\n'),
  )
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const home = join(dir, 'home')
    const refused = await helm(['repo', 'add', 'm', url, '--ca-file', join(dir, 'ca.pem'), '--home', home])
    assert.is(refused.code, 1)
    const ok = await helm([
      'repo',
      'add',
      'm',
      url,
      '--ca-file',
      join(dir, 'ca.pem'),
      '--cert-file',
      join(dir, 'client.pem'),
      '--key-file',
      join(dir, 'client-key.pem'),
      '--home',
      home,
    ])
    assert.is(ok.code, 0, ok.stderr)
    const missing = await helm(['repo', 'add', 'n', url, '--ca-file', join(dir, 'nope.pem'), '--home', home])
    assert.match(missing.stderr, /^Error: cannot read .*nope\.pem: /)
  } finally {
    server.close()
  }
})
add.run()
