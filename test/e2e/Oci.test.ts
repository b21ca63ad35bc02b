// oci:// charts between our helm and real Helm 4.1.4 through a real registry (Debian's docker-registry, plain HTTP
// on loopback, one for the whole file): push in both directions with the same manifest digests, pull/fetch,
// template, install --dry-run, version ranges against the tags, provenance, a tampered layer, and dependencies.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { run, tempDir, writeChart } from '../adapters/http-repo/fixtures'
import { helm } from '../helpers'
import { startGrpcServer } from '../../src/adapters/grpc/Server'
import { createTiller } from '../../src/tiller/embed'
import { referenceHelmPath } from '../support/referenceHelm'
import { blobPath, startRegistry } from '../support/registry'

const registry = await startRegistry()
const host = registry.host
const real = await referenceHelmPath()

/** A fresh work folder with our HELM_HOME and real Helm's homes inside; both helms run there. */
const workspace = async () => {
  const dir = await tempDir('wh-oci-')
  const env = {
    HELM_HOME: join(dir, 'home'),
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_DATA_HOME: join(dir, 'data'),
    DOCKER_CONFIG: join(dir, 'docker'),
    HOME: dir,
    TZ: 'UTC',
  }
  return {
    dir,
    ours: (args: ReadonlyArray<string>, cwd = dir, extra: Record<string, string> = {}) =>
      helm(args, { cwd, env: { ...env, ...extra } }),
    theirs: (args: ReadonlyArray<string>, cwd = dir) => run(real, args, { cwd, env }),
  }
}

/** A chart archive packaged by real Helm, its modification time pinned (Helm's `created` annotation). */
const archive = async (w: Awaited<ReturnType<typeof workspace>>, name: string, version: string, extra = '') => {
  const chart = await writeChart(w.dir, name, version, { chartYaml: extra })
  const p = await w.theirs(['package', chart, '-d', w.dir])
  assert.is(p.code, 0, p.stderr)
  const path = join(w.dir, `${name}-${version}.tgz`)
  utimesSync(path, new Date('2024-05-06T07:08:09Z'), new Date('2024-05-06T07:08:09Z'))
  return path
}

const digestLine = (stderr: string): string => /^Digest: (sha256:[0-9a-f]{64})$/m.exec(stderr)?.[1] ?? ''

const oci = suite('oci:// charts with real Helm')
oci.after(() => registry.stop())

oci('should push a chart with the manifest real Helm pushes, which real Helm pulls and renders', async () => {
  const w = await workspace()
  const tgz = await archive(
    w,
    'pushed',
    '1.2.3+build.4',
    'home: https://example.com\nsources: [https://src.example.com]\nmaintainers: [{name: Ann, email: ann@example.com}]\nannotations: {team: blue}\n',
  )
  const ours = await w.ours(['push', tgz, `oci://${host}/ours`, '--plain-http'])
  assert.is(ours.code, 0, ours.stderr)
  assert.match(ours.stderr, `Pushed: ${host}/ours/pushed:1.2.3_build.4\n`)
  const theirs = await w.theirs(['push', tgz, `oci://${host}/theirs`, '--plain-http'])
  assert.is(theirs.code, 0, theirs.stderr)
  assert.is(digestLine(ours.stderr), digestLine(theirs.stderr))
  assert.is(ours.stderr.replaceAll('/ours/', '/theirs/'), theirs.stderr)
  mkdirSync(join(w.dir, 'got'))
  const pulled = await w.theirs(['pull', `oci://${host}/ours/pushed`, '--plain-http', '-d', join(w.dir, 'got')])
  assert.is(pulled.code, 0, pulled.stderr)
  assert.equal(readFileSync(join(w.dir, 'got/pushed-1.2.3+build.4.tgz')), readFileSync(tgz))
  const a = await w.theirs(['template', 'rel', `oci://${host}/ours/pushed`, '--plain-http'])
  const b = await w.theirs(['template', 'rel', tgz])
  assert.is(a.code, 0, a.stderr)
  assert.is(a.stdout, b.stdout)
})

oci('should fetch, template, show and install --dry-run a chart real Helm pushed', async () => {
  const w = await workspace()
  const tgz = await archive(w, 'theirs', '0.3.0')
  assert.is((await w.theirs(['push', tgz, `oci://${host}/real`, '--plain-http'])).code, 0)
  const ref = `oci://${host}/real/theirs`
  const f = await w.ours(['fetch', ref, '--version', '0.3.0', '--plain-http', '-d', join(w.dir, 'fetched')])
  assert.is(f.code, 0, f.stderr)
  assert.match(f.stderr, `Pulled: ${host}/real/theirs:0.3.0\nDigest: sha256:`)
  assert.equal(readFileSync(join(w.dir, 'fetched/theirs-0.3.0.tgz')), readFileSync(tgz))
  const u = await w.ours(['pull', ref, '--plain-http', '--untar', '-d', join(w.dir, 'untarred')])
  assert.is(u.code, 0, u.stderr)
  assert.ok(existsSync(join(w.dir, 'untarred/theirs/templates/cm.yaml')))
  const ours = await w.ours(['template', ref, '--name', 'rel', '--plain-http'])
  const judge = await w.theirs(['template', 'rel', ref, '--plain-http'])
  assert.is(ours.code, 0, ours.stderr)
  assert.is(ours.stdout, judge.stdout)
  const shown = await w.ours(['show', 'chart', ref, '--plain-http'])
  assert.is(shown.code, 0, shown.stderr)
  assert.match(shown.stdout, 'name: theirs\n')
  const installed = await w.ours(['install', ref, '--name', 'rel', '--dry-run', '--debug', '--plain-http'])
  assert.is(installed.code, 0, installed.stderr)
  assert.match(installed.stdout, 'name: rel-theirs')
})

oci('should resolve a version range against the tags as real Helm does', async () => {
  const w = await workspace()
  for (const v of ['1.1.9', '1.2.0', '1.2.10', '1.2.9+build.1', '1.3.0', '1.2.11-rc.1', '2.0.0'])
    assert.is((await w.theirs(['push', await archive(w, 'ranged', v), `oci://${host}/ranges`, '--plain-http'])).code, 0)
  const ref = `oci://${host}/ranges/ranged`
  for (const [range, want] of [
    ['~1.2', '1.2.10'],
    ['^1.1', '1.3.0'],
    ['<1.2.5', '1.2.0'],
    ['', '2.0.0'],
    ['1.2.9+build.1', '1.2.9+build.1'],
  ] as const) {
    const dest = join(w.dir, `range-${want}-${range.length}`)
    const flags = range === '' ? [] : ['--version', range]
    const ours = await w.ours(['fetch', ref, ...flags, '--plain-http', '-d', dest])
    assert.is(ours.code, 0, ours.stderr)
    mkdirSync(`${dest}-real`)
    const theirs = await w.theirs(['pull', ref, ...flags, '--plain-http', '-d', `${dest}-real`])
    assert.is(theirs.code, 0, theirs.stderr)
    assert.equal(await readdir(dest), [`ranged-${want}.tgz`], range)
    assert.equal(await readdir(dest), await readdir(`${dest}-real`), range)
  }
  const none = await w.ours(['fetch', ref, '--version', '~3.0', '--plain-http', '-d', w.dir])
  assert.is(none.code, 1)
  assert.is(none.stderr, 'Error: could not locate a version matching provided version string ~3.0\n')
  const missing = await w.ours(['fetch', `${ref}:9.9.9`, '--plain-http', '-d', w.dir])
  assert.is(missing.stderr, `Error: ${host}/ranges/ranged:9.9.9: not found\n`)
})

oci('should install a chart real Helm pushed by range and upgrade it to a newer tag through Tiller', async () => {
  const w = await workspace()
  for (const v of ['0.5.0', '0.5.1', '0.6.0'])
    assert.is((await w.theirs(['push', await archive(w, 'served', v), `oci://${host}/rel`, '--plain-http'])).code, 0)
  const server = await startGrpcServer({ api: createTiller(), listen: '127.0.0.1:0', version: 'v2.17.0' })
  try {
    const at = { HELM_HOST: `127.0.0.1:${server.port}` }
    const ref = `oci://${host}/rel/served`
    const installed = await w.ours(['install', ref, '--version', '~0.5', '--name', 'svc', '--plain-http'], w.dir, at)
    assert.is(installed.code, 0, installed.stderr)
    assert.match(installed.stderr, `Pulled: ${host}/rel/served:0.5.1\n`)
    const upgraded = await w.ours(['upgrade', 'svc', ref, '--plain-http'], w.dir, at)
    assert.is(upgraded.code, 0, upgraded.stderr)
    const list = await w.ours(['list', '--output', 'json'], w.dir, at)
    const releases = JSON.parse(list.stdout).Releases as Array<{ Name: string; Revision: number; Chart: string }>
    assert.equal(
      releases.map((r) => [r.Name, r.Revision, r.Chart]),
      [['svc', 2, 'served-0.6.0']],
    )
  } finally {
    await server.stop(0)
  }
})

oci("should refuse an artifact that is not a chart with real Helm's words", async () => {
  const w = await workspace()
  const config = Buffer.from('{"architecture":"amd64"}')
  const digest = `sha256:${createHash('sha256').update(config).digest('hex')}`
  const begun = await fetch(`http://${host}/v2/images/app/blobs/uploads/`, { method: 'POST' })
  const put = new URL(begun.headers.get('location') ?? '', `http://${host}`)
  put.searchParams.set('digest', digest)
  assert.is((await fetch(put, { method: 'PUT', body: config })).status, 201)
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: config.length },
    layers: [],
  })
  const stored = await fetch(`http://${host}/v2/images/app/manifests/1.0.0`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest,
  })
  assert.is(stored.status, 201)
  const ours = await w.ours(['fetch', `oci://${host}/images/app`, '--version', '1.0.0', '--plain-http'])
  const theirs = await w.theirs(['pull', `oci://${host}/images/app`, '--version', '1.0.0', '--plain-http'])
  assert.is(ours.code, 1)
  assert.is(ours.stderr, theirs.stderr)
  assert.is(ours.stderr, 'Error: manifest does not contain minimum number of descriptors (2), descriptors found: 1\n')
})

oci('should refuse a layer whose content no longer matches its digest, and write nothing', async () => {
  const w = await workspace()
  const tgz = await archive(w, 'tampered', '1.0.0')
  const pushed = await w.ours(['push', tgz, `oci://${host}/evil`, '--plain-http'])
  assert.is(pushed.code, 0, pushed.stderr)
  const manifest = JSON.parse(
    await (
      await fetch(`http://${host}/v2/evil/tampered/manifests/1.0.0`, {
        headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
      })
    ).text(),
  ) as { layers: Array<{ digest: string }> }
  const layer = manifest.layers[0]?.digest ?? ''
  // the same size, one byte changed: only the digest can tell
  const evil = readFileSync(tgz)
  evil[evil.length >> 1] ^= 0xff
  writeFileSync(blobPath(registry, layer), evil)
  const dest = join(w.dir, 'dest')
  const got = await w.ours(['fetch', `oci://${host}/evil/tampered`, '--version', '1.0.0', '--plain-http', '-d', dest])
  const judge = await w.theirs([
    'pull',
    `oci://${host}/evil/tampered`,
    '--version',
    '1.0.0',
    '--plain-http',
    '-d',
    dest,
  ])
  assert.is(judge.code, 1)
  assert.is(got.code, 1)
  assert.match(got.stderr, `Error: ${layer}: mismatched digest`, got.stderr)
  // real Helm words it `failed to perform "Push" on destination: mismatched digest` (oras.Copy into memory)
  assert.match(judge.stderr, 'mismatched digest')
  assert.not.ok(existsSync(join(dest, 'tampered-1.0.0.tgz')))
  const rendered = await w.ours(['template', `oci://${host}/evil/tampered`, '--version', '1.0.0', '--plain-http'])
  assert.is(rendered.code, 1)
  assert.is(rendered.stdout, '')
})

oci('should push a signed chart with its provenance, which fetch --verify checks', async () => {
  const w = await workspace()
  const openpgp = await import('openpgp')
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Chart Signer', email: 'signer@example.com' }],
    format: 'binary',
  })
  await writeFile(join(w.dir, 'secring.gpg'), privateKey)
  await writeFile(join(w.dir, 'pubring.gpg'), publicKey)
  const chart = await writeChart(w.dir, 'signed', '0.4.0')
  const signed = ['--sign', '--key', 'Chart Signer', '--keyring', join(w.dir, 'secring.gpg')]
  assert.is((await w.ours(['package', chart, '-d', join(w.dir, 'out'), ...signed])).code, 0)
  const tgz = join(w.dir, 'out/signed-0.4.0.tgz')
  utimesSync(tgz, new Date('2024-05-06T07:08:09Z'), new Date('2024-05-06T07:08:09Z'))
  const ours = await w.ours(['push', tgz, `oci://${host}/signed`, '--plain-http'])
  const theirs = await w.theirs(['push', tgz, `oci://${host}/signed-real`, '--plain-http'])
  assert.is(ours.code, 0, ours.stderr)
  assert.is(digestLine(ours.stderr), digestLine(theirs.stderr))
  const dest = join(w.dir, 'verified')
  const ref = `oci://${host}/signed/signed`
  const v = await w.ours([
    'fetch',
    ref,
    '--verify',
    '--keyring',
    join(w.dir, 'pubring.gpg'),
    '--plain-http',
    '-d',
    dest,
  ])
  assert.is(v.code, 0, v.stderr)
  assert.match(v.stdout, 'Signed by: Chart Signer <signer@example.com>\n')
  assert.equal(readFileSync(join(dest, 'signed-0.4.0.tgz.prov')), readFileSync(`${tgz}.prov`))
})

oci('should update dependencies from oci:// repositories, locking what real Helm locks', async () => {
  const w = await workspace()
  for (const v of ['1.2.0', '1.2.7', '1.3.0'])
    assert.is((await w.theirs(['push', await archive(w, 'dep', v), `oci://${host}/deps`, '--plain-http'])).code, 0)
  assert.is(
    (await w.theirs(['push', await archive(w, 'exact', '0.1.0'), `oci://${host}/deps`, '--plain-http'])).code,
    0,
  )
  const deps = `dependencies:\n- name: dep\n  version: "~1.2"\n  repository: oci://${host}/deps\n- name: exact\n  version: 0.1.0\n  repository: oci://${host}/deps\n`
  for (const [apiVersion, file] of [
    ['v2', 'Chart.lock'],
    ['v1', 'requirements.lock'],
  ] as const) {
    const parent = await writeChart(join(w.dir), `parent-${apiVersion}`, '1.0.0', {
      ...(apiVersion === 'v2' ? { chartYaml: deps } : { requirements: deps }),
    })
    if (apiVersion === 'v2')
      writeFileSync(join(parent, 'Chart.yaml'), readFileSync(join(parent, 'Chart.yaml'), 'utf8').replace('v1', 'v2'))
    const ours = await w.ours(['dependency', 'update', parent, '--plain-http'])
    assert.is(ours.code, 0, ours.stderr)
    assert.match(ours.stdout, `Downloading dep from repo oci://${host}/deps`)
    assert.equal((await readdir(join(parent, 'charts'))).sort(), ['dep-1.2.7.tgz', 'exact-0.1.0.tgz'])
    const ourLock = readFileSync(join(parent, file), 'utf8')
    const theirs = await w.theirs(['dependency', 'update', parent, '--plain-http'])
    assert.is(theirs.code, 0, theirs.stderr)
    const realLock = readFileSync(join(parent, file), 'utf8')
    // a v1 chart's lock digest is Helm v2's hash of the requirements (Helm 4 hashes the pair); versions agree
    const body = (lock: string) =>
      lock.replace(/^generated: .*$/m, '').replace(apiVersion === 'v1' ? /^digest: .*$/m : /^$/, '')
    assert.is(body(ourLock), body(realLock), apiVersion)
    const built = await w.ours(['dependency', 'build', parent, '--plain-http'])
    assert.is(built.code, 0, built.stderr)
  }
})

oci.run()
