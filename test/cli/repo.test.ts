// Ours as a client of an index made by real Helm's `repo index`, and the bad inputs of issue 7.
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pack, realHelm, staticServer, tempDir, writeChart } from '../adapters/http-repo/fixtures'
import { helm } from '../helpers'

const client = suite('repo client of real Helm output')

client('should add, search and fetch --untar from an index real Helm wrote', async () => {
  const dir = await tempDir()
  const real = await realHelm(dir)
  const charts = join(dir, 'charts')
  await pack(await writeChart(dir, 'web', '1.0.0', { description: 'Web frontend' }), charts)
  await pack(await writeChart(join(dir, 'v2'), 'web', '1.2.0-rc.1'), charts)
  await pack(await writeChart(join(dir, 'v3'), 'web', '1.1.0', { description: 'Web frontend' }), charts)
  // this one packaged by real Helm as well
  const packed = await real([
    'package',
    await writeChart(dir, 'db', '3.4.5', { description: 'A database for the web' }),
    '-d',
    charts,
  ])
  assert.is(packed.code, 0, packed.stderr)
  const srv = await staticServer(dir)
  try {
    const idx = await real(['repo', 'index', charts, '--url', `${srv.url}/charts`])
    assert.is(idx.code, 0, idx.stderr)
    const home = join(dir, 'home')
    const add = await helm(['repo', 'add', 'theirs', `${srv.url}/charts`, '--home', home])
    assert.is(add.stdout, '"theirs" has been added to your repositories\n')
    const list = await helm(['repo', 'list', '--home', home])
    assert.is(list.stdout, `NAME  \tURL${' '.repeat(srv.url.length + 7 - 3)}\ntheirs\t${srv.url}/charts\n`)
    const s = await helm(['search', 'web', '--home', home])
    assert.is(
      s.stdout,
      [
        'NAME      \tCHART VERSION\tAPP VERSION\tDESCRIPTION           ',
        'theirs/web\t1.1.0        \t1.0        \tWeb frontend          ',
        'theirs/db \t3.4.5        \t1.0        \tA database for the web',
        '',
      ].join('\n'),
    )
    const devel = await helm(['search', 'theirs/web', '--devel', '--home', home])
    assert.match(devel.stdout, /\ntheirs\/web\t1\.2\.0-rc\.1 /)
    assert.is((await real(['repo', 'add', 'theirs', `${srv.url}/charts`])).code, 0)
    const theirs = await real(['search', 'repo', 'web', '--max-col-width', '60'])
    const ours = await helm(['search', 'repo', 'web', '--home', home])
    assert.is(ours.stdout, theirs.stdout, 'same table as real Helm')
    const l = await helm(['search', 'theirs/web', '-l', '--version', '<1.2', '--home', home])
    assert.equal(
      l.stdout
        .split('\n')
        .slice(1, -1)
        .map((r) => r.split('\t')[1]?.trim()),
      ['1.1.0', '1.0.0'],
    )
    const out = join(dir, 'out')
    await mkdir(out)
    const f = await helm(['fetch', 'theirs/web', '--version', '~1.0', '--untar', '-d', out, '--home', home])
    assert.is(f.code, 0, f.stderr)
    assert.match(await readFile(join(out, 'web', 'Chart.yaml'), 'utf8'), /version: 1\.0\.0/)
    const plain = await helm(['pull', 'theirs/web', '-d', out, '--home', home])
    assert.is(plain.code, 0, plain.stderr)
    assert.ok(existsSync(join(out, 'web-1.1.0.tgz')), 'the newest stable version by default')
    const db = await helm(['fetch', 'theirs/db', '--untar', '-d', out, '--home', home])
    assert.is(db.code, 0, db.stderr)
    assert.match(await readFile(join(out, 'db', 'templates', 'cm.yaml'), 'utf8'), /kind: ConfigMap/)
    const develFetch = await helm(['fetch', 'theirs/web', '--devel', '-d', out, '--home', home])
    assert.is(develFetch.code, 0, develFetch.stderr)
    assert.ok(existsSync(join(out, 'web-1.2.0-rc.1.tgz')))
  } finally {
    await srv.close()
  }
})

client('should write an index real Helm reads with repo index --url --merge', async () => {
  const dir = await tempDir()
  const real = await realHelm(dir)
  const charts = join(dir, 'charts')
  await pack(await writeChart(dir, 'app', '0.1.0'), charts)
  await mkdir(join(charts, 'sub'))
  await pack(await writeChart(join(dir, 'x'), 'app', '0.2.0'), join(charts, 'sub'))
  await writeFile(
    join(dir, 'old.yaml'),
    'apiVersion: v1\nentries:\n  gone:\n  - name: gone\n    version: 9.9.9\n    urls: [gone-9.9.9.tgz]\n',
  )
  const r = await helm(['repo', 'index', charts, '--url', 'https://example.com/c', '--merge', join(dir, 'old.yaml')])
  assert.is(r.code, 0, r.stderr)
  const text = await readFile(join(charts, 'index.yaml'), 'utf8')
  assert.match(text, /- https:\/\/example\.com\/c\/sub\/app-0\.2\.0\.tgz\n/)
  assert.match(text, /digest: [0-9a-f]{64}\n/)
  assert.match(text, /gone:/)
  assert.ok(text.indexOf('version: 0.2.0') < text.indexOf('version: 0.1.0'), 'newest first')
  const srv = await staticServer(dir)
  try {
    await writeFile(join(charts, 'index.yaml'), text.replaceAll('https://example.com/c', `${srv.url}/charts`))
    assert.is((await real(['repo', 'add', 'w', `${srv.url}/charts`])).code, 0)
    const s = await real(['search', 'repo', 'w/app', '--versions'])
    assert.match(s.stdout, /w\/app\s*\t0\.2\.0[^\n]*\nw\/app\s*\t0\.1\.0/)
    await mkdir(join(dir, 'p'))
    assert.is((await real(['pull', 'w/app', '--version', '0.2.0', '-d', join(dir, 'p')])).code, 0)
  } finally {
    await srv.close()
  }
})
client.run()

const bad = suite('repo bad input')

bad(
  'should say one line when a repository is unreachable or not a repository, and keep repositories.yaml',
  async () => {
    const dir = await tempDir()
    const home = join(dir, 'home')
    const srv = await staticServer(dir, (p) =>
      p === '/broken/index.yaml' ? { status: 200, body: 'apiVersion: v1\nentries: [\n' } : undefined,
    )
    try {
      const down = await helm(['repo', 'add', 'down', 'http://127.0.0.1:1', '--home', home])
      assert.is(down.code, 1)
      assert.is(
        down.stderr,
        'Error: Looks like "http://127.0.0.1:1" is not a valid chart repository or cannot be reached: Get "http://127.0.0.1:1/index.yaml": dial tcp 127.0.0.1:1: connect: connection refused\n',
      )
      const missing = await helm(['repo', 'add', 'missing', `${srv.url}/nothing`, '--home', home])
      assert.is(
        missing.stderr,
        `Error: Looks like "${srv.url}/nothing" is not a valid chart repository or cannot be reached: failed to fetch ${srv.url}/nothing/index.yaml : 404 Not Found\n`,
      )
      const broken = await helm(['repo', 'add', 'broken', `${srv.url}/broken`, '--home', home])
      assert.is(broken.code, 1)
      assert.is(broken.stderr.split('\n').length, 2, broken.stderr)
      assert.match(broken.stderr, /is not a valid chart repository index/)
      const file = await readFile(join(home, 'repository', 'repositories.yaml'), 'utf8')
      assert.match(file, /repositories: \[\]/)
      assert.equal(
        (await readdir(join(home, 'repository', 'cache'))).filter((f) => !f.startsWith('.')),
        [],
      )
    } finally {
      await srv.close()
    }
  },
)

bad('should refuse a download whose digest differs from the index, and an archive that is not a chart', async () => {
  const dir = await tempDir()
  const home = join(dir, 'home')
  const charts = join(dir, 'charts')
  await pack(await writeChart(dir, 'ok', '1.0.0'), charts)
  await writeFile(join(charts, 'junk-1.0.0.tgz'), 'this is not gzip')
  const srv = await staticServer(dir)
  try {
    await helm(['repo', 'index', charts, '--url', `${srv.url}/charts`])
    const idx = await readFile(join(charts, 'index.yaml'), 'utf8').catch(() => '')
    assert.is(idx, '', 'repo index refuses a folder with a broken archive')
    const r = await helm(['repo', 'index', charts, '--url', `${srv.url}/charts`])
    assert.match(r.stderr, /^Error: .*junk-1\.0\.0\.tgz is not a chart archive: .*\n$/)
    await writeFile(join(charts, 'junk-1.0.0.tgz'), 'still not gzip')
    const sum = (await import('node:crypto')).createHash('sha256').update('still not gzip').digest('hex')
    await writeFile(
      join(charts, 'index.yaml'),
      `apiVersion: v1\nentries:\n  ok:\n  - name: ok\n    version: 1.0.0\n    digest: ${'0'.repeat(64)}\n    urls: [ok-1.0.0.tgz]\n  junk:\n  - name: junk\n    version: 1.0.0\n    digest: ${sum}\n    urls: [junk-1.0.0.tgz]\n`,
    )
    assert.is((await helm(['repo', 'add', 'r', `${srv.url}/charts`, '--home', home])).code, 0)
    const out = join(dir, 'out')
    await mkdir(out)
    const tampered = await helm(['fetch', 'r/ok', '-d', out, '--home', home])
    assert.is(tampered.code, 1, tampered.stderr)
    assert.match(
      tampered.stderr,
      /^Error: digest mismatch for http:\/\/127\.0\.0\.1:\d+\/charts\/ok-1\.0\.0\.tgz: the index says sha256:0{64}, the download is sha256:[0-9a-f]{64}\n$/,
    )
    const junk = await helm(['fetch', 'r/junk', '-d', out, '--home', home])
    assert.match(
      junk.stderr,
      /^Error: http:\/\/127\.0\.0\.1:\d+\/charts\/junk-1\.0\.0\.tgz is not a chart archive: gzip: invalid header\n$/,
    )
    const gone = await helm(['fetch', 'r/ok', '--version', '2.0.0', '-d', out, '--home', home])
    assert.is(gone.stderr, `Error: chart "ok" matching 2.0.0 not found in r index. (try 'helm repo update')\n`)
    assert.equal(await readdir(out), [])
  } finally {
    await srv.close()
  }
})

bad('should report a 404 chart download and a repository that vanished during update', async () => {
  const dir = await tempDir()
  const home = join(dir, 'home')
  const charts = join(dir, 'charts')
  await mkdir(charts)
  await writeFile(
    join(charts, 'index.yaml'),
    'apiVersion: v1\nentries:\n  ghost:\n  - name: ghost\n    version: 1.0.0\n    urls: [ghost-1.0.0.tgz]\n',
  )
  const srv = await staticServer(dir)
  try {
    assert.is((await helm(['repo', 'add', 'g', `${srv.url}/charts`, '--home', home])).code, 0)
    const f = await helm(['fetch', 'g/ghost', '-d', dir, '--home', home])
    assert.is(f.stderr, `Error: failed to fetch ${srv.url}/charts/ghost-1.0.0.tgz : 404 Not Found\n`)
    await srv.close() // the repository vanishes
    const u = await helm(['repo', 'update', '--home', home])
    assert.is(u.code, 0)
    assert.match(
      u.stdout,
      /^Hang tight while we grab the latest from your chart repositories\.\.\.\n\.\.\.Unable to get an update from the "g" chart repository/,
    )
    assert.match(u.stdout, /Update Complete\. ⎈ Happy Helming!⎈ \n$/)
    const strict = await helm(['repo', 'update', '--strict', '--home', home])
    assert.is(strict.code, 1)
    const cached = await helm(['search', 'ghost', '--home', home])
    assert.match(cached.stdout, /g\/ghost/, 'the cache survives a failed update')
    const rm = await helm(['repo', 'remove', 'g', '--home', home])
    assert.is(rm.stdout, '"g" has been removed from your repositories\n')
    assert.is((await helm(['repo', 'remove', 'g', '--home', home])).stderr, 'Error: no repo named "g" found\n')
    // Helm v2.17's repo list has no error for no repositories (Helm 3 says "no repositories to show")
    const empty = await helm(['repo', 'list', '--home', home])
    assert.equal([empty.code, empty.stdout, empty.stderr], [0, 'NAME\tURL\n', ''])
    const none = await helm(['repo', 'update', '--home', home])
    assert.equal(
      [none.code, none.stdout, none.stderr],
      [1, '', 'Error: no repositories found. You must add one before updating\n'],
    )
    assert.is(
      (await helm(['fetch', 'ghost', '--home', home])).stderr,
      'Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: ghost\n',
    )
  } finally {
    await srv.close() // a second close is harmless
  }
})
bad.run()
