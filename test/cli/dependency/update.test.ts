import { existsSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pack, realHelm, staticServer, tempDir, writeChart } from '../../adapters/http-repo/fixtures'
import { helm } from '../../helpers'

/** A repository folder with lib 1.0.0, 1.1.0 and 2.0.0, indexed by our `repo index`. */
const libRepo = async (dir: string, url: string): Promise<string> => {
  const charts = join(dir, 'charts')
  for (const v of ['1.0.0', '1.1.0', '2.0.0']) await pack(await writeChart(join(dir, `src-${v}`), 'lib', v), charts)
  const r = await helm(['repo', 'index', charts, '--url', `${url}/charts`])
  assert.is(r.code, 0, r.stderr)
  return charts
}

const update = suite('dependency update')

update('should resolve ranges over http and file://, fill charts/ and write the lock', async () => {
  const dir = await tempDir()
  const srv = await staticServer(dir)
  try {
    await libRepo(dir, srv.url)
    await writeChart(dir, 'local', '0.3.0')
    const parent = await writeChart(dir, 'parent', '1.0.0', {
      requirements: `dependencies:\n- name: lib\n  version: ~1.0\n  repository: ${srv.url}/charts\n- name: local\n  version: ">=0.1.0"\n  repository: file://../local\n  alias: mine\n`,
    })
    const home = join(dir, 'home')
    const r = await helm(['dependency', 'update', parent, '--home', home])
    assert.is(r.code, 0, r.stderr)
    assert.is(r.stdout, `Saving 2 charts\nDownloading lib from repo ${srv.url}/charts\nDeleting outdated charts\n`)
    assert.equal((await readdir(join(parent, 'charts'))).sort(), ['lib-1.0.0.tgz', 'local-0.3.0.tgz'])
    const lock = await readFile(join(parent, 'requirements.lock'), 'utf8')
    assert.match(
      lock,
      new RegExp(
        `^dependencies:\\n- name: lib\\n  repository: ${srv.url}/charts\\n  version: 1\\.0\\.0\\n- name: local\\n  repository: file://\\.\\./local\\n  version: 0\\.3\\.0\\ndigest: sha256:[0-9a-f]{64}\\ngenerated: "`,
      ),
    )
    // a newer 1.0.x appears: build keeps the locked version, update moves to it
    await pack(await writeChart(join(dir, 'src-1.0.5'), 'lib', '1.0.5'), join(dir, 'charts'))
    await helm(['repo', 'index', join(dir, 'charts'), '--url', `${srv.url}/charts`])
    const b = await helm(['dep', 'build', parent, '--home', home])
    assert.is(b.code, 0, b.stderr)
    assert.equal((await readdir(join(parent, 'charts'))).sort(), ['lib-1.0.0.tgz', 'local-0.3.0.tgz'])
    const u = await helm(['dep', 'up', parent, '--home', home])
    assert.is(u.code, 0, u.stderr)
    assert.equal((await readdir(join(parent, 'charts'))).sort(), ['lib-1.0.5.tgz', 'local-0.3.0.tgz'])
  } finally {
    await srv.close()
  }
})

update(
  'should use configured repositories by @name with a refresh, and write Chart.lock with the digest real Helm writes',
  async () => {
    const dir = await tempDir()
    const srv = await staticServer(dir)
    try {
      await libRepo(dir, srv.url)
      const home = join(dir, 'home')
      assert.is((await helm(['repo', 'add', 'libs', `${srv.url}/charts`, '--home', home])).code, 0)
      const deps = `dependencies:\n- name: lib\n  version: ">=1.0.0 <2"\n  repository: "@libs"\n`
      const parent = await writeChart(join(dir, 'a'), 'parent', '1.0.0')
      await writeFile(join(parent, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 1.0.0\n${deps}`)
      const r = await helm(['dependency', 'update', parent, '--home', home])
      assert.is(r.code, 0, r.stderr)
      assert.match(
        r.stdout,
        /^Hang tight while we grab the latest from your chart repositories\.\.\.\n\.\.\.Successfully got an update from the "libs" chart repository\nUpdate Complete\. ⎈ Happy Helming!⎈ \nSaving 1 charts\n/,
      )
      assert.equal(await readdir(join(parent, 'charts')), ['lib-1.1.0.tgz'])
      const ours = await readFile(join(parent, 'Chart.lock'), 'utf8')
      const real = await realHelm(dir)
      // the same dependencies through a URL (real Helm 4 needs the repository by URL or by its own config)
      const twin = await writeChart(join(dir, 'b'), 'parent', '1.0.0')
      await writeFile(join(twin, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 1.0.0\n${deps}`)
      assert.is((await real(['repo', 'add', 'libs', `${srv.url}/charts`])).code, 0)
      const rr = await real(['dependency', 'update', twin])
      assert.is(rr.code, 0, rr.stderr)
      const theirs = await readFile(join(twin, 'Chart.lock'), 'utf8')
      const digest = (s: string) => /digest: (\S+)/.exec(s)?.[1]
      assert.is(digest(ours), digest(theirs))
      // and real Helm accepts our lock
      const rb = await real(['dependency', 'build', parent])
      assert.is(rb.code, 0, rb.stderr)
    } finally {
      await srv.close()
    }
  },
)

update(
  'should fail in one line and leave charts/ alone when nothing satisfies a range or the lock is stale',
  async () => {
    const dir = await tempDir()
    const srv = await staticServer(dir)
    try {
      await libRepo(dir, srv.url)
      const parent = await writeChart(dir, 'parent', '1.0.0', {
        requirements: `dependencies:\n- name: lib\n  version: ^3.0.0\n  repository: ${srv.url}/charts\n`,
      })
      const home = join(dir, 'home')
      const r = await helm(['dependency', 'update', parent, '--home', home])
      assert.is(r.code, 1)
      assert.is(r.stderr, `Error: dependency "lib": can't get a valid version for ^3.0.0 in ${srv.url}/charts\n`)
      assert.not.ok(existsSync(join(parent, 'requirements.lock')))
      await writeFile(
        join(parent, 'requirements.yaml'),
        `dependencies:\n- name: lib\n  version: ^1.0.0\n  repository: ${srv.url}/charts\n`,
      )
      assert.is((await helm(['dependency', 'update', parent, '--home', home])).code, 0)
      await writeFile(
        join(parent, 'requirements.yaml'),
        `dependencies:\n- name: lib\n  version: ^2.0.0\n  repository: ${srv.url}/charts\n`,
      )
      const b = await helm(['dependency', 'build', parent, '--home', home])
      assert.is(b.stderr, 'Error: requirements.lock is out of sync with requirements.yaml\n')
      const missing = await writeChart(join(dir, 'm'), 'parent', '1.0.0', {
        requirements: 'dependencies:\n- name: lib\n  version: ^1.0.0\n  repository: "@nowhere"\n',
      })
      const m = await helm(['dependency', 'update', missing, '--home', home])
      assert.is(
        m.stderr,
        "Error: no repository definition for @nowhere. Please add the missing repos via 'helm repo add'\n",
      )
    } finally {
      await srv.close()
    }
  },
)
update.run()
