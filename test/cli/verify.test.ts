import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { realHelm, staticServer, tempDir, writeChart } from '../adapters/http-repo/fixtures'
import { helm } from '../helpers'

/** A fresh OpenPGP key pair written as GnuPG-style binary keyrings (secring.gpg, pubring.gpg). */
const keyrings = async (dir: string) => {
  const openpgp = await import('openpgp')
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Chart Signer', email: 'signer@example.com' }],
    format: 'binary',
  })
  const secring = join(dir, 'secring.gpg')
  const pubring = join(dir, 'pubring.gpg')
  await writeFile(secring, privateKey)
  await writeFile(pubring, publicKey)
  return { secring, pubring }
}

const verify = suite('package --sign and verify')

verify('should sign a package that verifies, and reject it once tampered', async () => {
  const dir = await tempDir()
  const { secring, pubring } = await keyrings(dir)
  const chart = await writeChart(dir, 'signed', '0.4.0')
  const out = join(dir, 'out')
  const p = await helm([
    'package',
    chart,
    '-d',
    out,
    '--sign',
    '--key',
    'Chart Signer',
    '--keyring',
    secring,
    '--home',
    join(dir, 'home'),
  ])
  assert.is(p.code, 0, p.stderr)
  const archive = join(out, 'signed-0.4.0.tgz')
  const prov = await readFile(`${archive}.prov`, 'utf8')
  assert.match(prov, /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA\d+\n\n/)
  assert.match(prov, /\nname: signed\n/, prov)
  assert.match(prov, /\n\.\.\.\nfiles:\n {2}signed-0\.4\.0\.tgz: sha256:[0-9a-f]{64}\n/)
  const ok = await helm(['verify', archive, '--keyring', pubring])
  assert.is(ok.code, 0, ok.stderr)
  assert.match(
    ok.stdout,
    /^Signed by: Chart Signer <signer@example\.com>\nUsing Key With Fingerprint: [0-9A-F]{40}\nChart Hash Verified: sha256:[0-9a-f]{64}\n$/,
  )
  const real = await realHelm(dir)
  const r = await real(['verify', archive, '--keyring', pubring])
  assert.is(r.code, 0, `real Helm verifies our .prov: ${r.stderr}`)
  const theirs = join(dir, 'theirs')
  await mkdir(theirs)
  const signed = await real(['package', chart, '-d', theirs, '--sign', '--key', 'Chart Signer', '--keyring', secring])
  assert.is(signed.code, 0, signed.stderr)
  const v = await helm(['verify', join(theirs, 'signed-0.4.0.tgz'), '--keyring', pubring])
  assert.is(v.code, 0, `we verify real Helm's .prov: ${v.stderr}`)
  const bytes = await readFile(archive)
  bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0xff
  await writeFile(archive, bytes)
  const bad = await helm(['verify', archive, '--keyring', pubring])
  assert.is(bad.code, 1)
  assert.match(
    bad.stderr,
    /^Error: sha256 sum does not match for signed-0\.4\.0\.tgz: "sha256:[0-9a-f]{64}" != "sha256:[0-9a-f]{64}"\n$/,
  )
})

verify('should reject a provenance file signed by a key outside the keyring, or altered', async () => {
  const dir = await tempDir()
  const mine = await keyrings(dir)
  await mkdir(join(dir, 'other'))
  const other = await keyrings(join(dir, 'other'))
  const out = join(dir, 'out')
  await helm([
    'package',
    await writeChart(dir, 'c', '1.0.0'),
    '-d',
    out,
    '--sign',
    '--key',
    'Signer',
    '--keyring',
    mine.secring,
    '--home',
    join(dir, 'home'),
  ])
  const archive = join(out, 'c-1.0.0.tgz')
  const stranger = await helm(['verify', archive, '--keyring', other.pubring])
  assert.is(stranger.code, 1, stranger.stdout + stranger.stderr)
  assert.match(stranger.stderr, /^Error: openpgp: signature made by unknown entity or invalid/)
  const prov = await readFile(`${archive}.prov`, 'utf8')
  await writeFile(`${archive}.prov`, prov.replace('name: c\n', 'name: d\n'))
  const altered = await helm(['verify', archive, '--keyring', mine.pubring])
  assert.is(altered.code, 1)
  assert.match(altered.stderr, /^Error: openpgp: signature made by unknown entity or invalid/)
  const nokey = await helm([
    'package',
    join(dir, 'c'),
    '-d',
    out,
    '--sign',
    '--key',
    'Nobody',
    '--keyring',
    mine.secring,
    '--home',
    join(dir, 'home'),
  ])
  assert.match(nokey.stderr, /Error: private key not found: no key matching "Nobody"/)
})

verify('should fetch --verify a signed chart from a repository', async () => {
  const dir = await tempDir()
  const { secring, pubring } = await keyrings(dir)
  const charts = join(dir, 'charts')
  await helm([
    'package',
    await writeChart(dir, 'web', '2.0.0'),
    '-d',
    charts,
    '--sign',
    '--key',
    'Signer',
    '--keyring',
    secring,
    '--home',
    join(dir, 'h0'),
  ])
  const srv = await staticServer(dir)
  try {
    await helm(['repo', 'index', charts, '--url', `${srv.url}/charts`])
    const home = join(dir, 'home')
    assert.is((await helm(['repo', 'add', 'signed', `${srv.url}/charts`, '--home', home])).code, 0)
    const dest = join(dir, 'dest')
    await mkdir(dest)
    const f = await helm(['fetch', 'signed/web', '--verify', '--keyring', pubring, '-d', dest, '--home', home])
    assert.is(f.code, 0, f.stderr)
    assert.match(f.stdout, /^Signed by: Chart Signer/)
    assert.ok(existsSync(join(dest, 'web-2.0.0.tgz.prov')))
    await writeFile(
      join(charts, 'web-2.0.0.tgz.prov'),
      (await readFile(join(charts, 'web-2.0.0.tgz.prov'), 'utf8')).replace(
        /sha256:[0-9a-f]{64}/,
        `sha256:${'1'.repeat(64)}`,
      ),
    )
    const dest2 = join(dir, 'dest2')
    await mkdir(dest2)
    const bad = await helm(['fetch', 'signed/web', '--verify', '--keyring', pubring, '-d', dest2, '--home', home])
    assert.is(bad.code, 1)
    assert.ok(!existsSync(join(dest2, 'web-2.0.0.tgz')), 'a chart that fails verification is not kept')
  } finally {
    await srv.close()
  }
})
verify('should verify dependencies with dependency update --verify', async () => {
  const dir = await tempDir()
  const { secring, pubring } = await keyrings(dir)
  const charts = join(dir, 'charts')
  await helm([
    'package',
    await writeChart(dir, 'lib', '1.0.0'),
    '-d',
    charts,
    '--sign',
    '--key',
    'Signer',
    '--keyring',
    secring,
    '--home',
    join(dir, 'h0'),
  ])
  await helm([
    'package',
    await writeChart(join(dir, 'u'), 'unsigned', '1.0.0'),
    '-d',
    charts,
    '--home',
    join(dir, 'h0'),
  ])
  const srv = await staticServer(dir)
  try {
    await helm(['repo', 'index', charts, '--url', `${srv.url}/charts`])
    const parent = await writeChart(join(dir, 'p'), 'parent', '0.1.0', {
      requirements: `dependencies:\n- name: lib\n  version: 1.0.0\n  repository: ${srv.url}/charts\n`,
    })
    const ok = await helm([
      'dependency',
      'update',
      parent,
      '--verify',
      '--keyring',
      pubring,
      '--home',
      join(dir, 'home'),
    ])
    assert.is(ok.code, 0, ok.stderr)
    assert.ok(existsSync(join(parent, 'charts', 'lib-1.0.0.tgz')))
    const other = await writeChart(join(dir, 'q'), 'parent', '0.1.0', {
      requirements: `dependencies:\n- name: unsigned\n  version: 1.0.0\n  repository: ${srv.url}/charts\n`,
    })
    const bad = await helm([
      'dependency',
      'update',
      other,
      '--verify',
      '--keyring',
      pubring,
      '--home',
      join(dir, 'home'),
    ])
    assert.is(bad.code, 1)
    assert.match(bad.stderr, /^Error: failed to fetch .*unsigned-1\.0\.0\.tgz\.prov : 404 Not Found\n$/)
    assert.not.ok(existsSync(join(other, 'charts', 'unsigned-1.0.0.tgz')))
  } finally {
    await srv.close()
  }
})
verify.run()
