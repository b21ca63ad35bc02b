// Every path a chart repository, a chart or the command line's repository names hand us stays inside the folder
// meant to hold it (issue 10, item 1): one hostile input per entry point that writes files.
import { existsSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Buffer } from 'node:buffer'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { writeChartArchive } from '../../src/domain/chart/archive/Archive'
import { helm } from '../helpers'
import { staticServer, tempDir, writeChart } from '../adapters/http-repo/fixtures'

/** A chart archive whose Chart.yaml says `name` (no packager of ours would write it). */
const hostileArchive = (name: string, version = '1.0.0'): Uint8Array =>
  writeChartArchive('evil', [
    { path: 'Chart.yaml', data: Buffer.from(`apiVersion: v1\nname: ${JSON.stringify(name)}\nversion: ${version}\n`) },
    { path: 'templates/cm.yaml', data: Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n') },
  ])

const goodArchive = (name = 'good'): Uint8Array =>
  writeChartArchive(name, [
    { path: 'Chart.yaml', data: Buffer.from(`apiVersion: v1\nname: ${name}\nversion: 1.0.0\n`) },
    { path: 'templates/cm.yaml', data: Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n') },
  ])

/** A repository whose index lists `entries` (chart name → URL as written in the index) and serves `archive` for every .tgz. */
const hostileRepo = async (dir: string, entries: Record<string, string>, archive: Uint8Array) => {
  const index = `apiVersion: v1\nentries:\n${Object.entries(entries)
    .map(([n, u]) => `  ${n}:\n  - name: ${n}\n    version: 1.0.0\n    urls:\n    - ${JSON.stringify(u)}\n`)
    .join('')}generated: "2024-01-01T00:00:00Z"\n`
  return staticServer(dir, (path) =>
    path.endsWith('/index.yaml')
      ? { status: 200, body: index }
      : path.endsWith('.tgz') || path.endsWith('/') || /%2e|\.\./i.test(path)
        ? { status: 200, body: Buffer.from(archive) }
        : undefined,
  )
}

/** Every file under `dir`, relative, sorted. */
const tree = async (dir: string): Promise<string[]> => {
  const out: string[] = []
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) await walk(join(d, e.name), r)
      else out.push(r)
    }
  }
  await walk(dir, '')
  return out.sort()
}

const fetchS = suite('path safety: helm fetch / pull (index URLs)')

fetchS('should write a download whose URL ends in encoded ../ into -d, as Go takes Base after decoding', async () => {
  const dir = await tempDir('wh-path-')
  const home = join(dir, 'home')
  const srv = await hostileRepo(dir, { evil: 'charts/%2e%2e%2f%2e%2e%2fx.tgz' }, goodArchive())
  try {
    assert.is((await helm(['repo', 'add', 'r', srv.url, '--home', home], { cwd: dir })).code, 0)
    await mkdir(join(dir, 'd', 'a', 'b'), { recursive: true })
    const r = await helm(['fetch', 'r/evil', '-d', 'd/a/b', '--home', home], { cwd: dir })
    assert.is(r.code, 0, r.stderr)
    assert.equal(await tree(join(dir, 'd')), ['a/b/x.tgz'])
  } finally {
    await srv.close()
  }
})

fetchS('should keep enough encoded ../ to reach an absolute path inside -d', async () => {
  const dir = await tempDir('wh-path-')
  const home = join(dir, 'home')
  const target = join(dir, 'pwned.tgz')
  const srv = await hostileRepo(
    dir,
    { evil: `charts/${'%2e%2e%2f'.repeat(30)}${dir.slice(1).replaceAll('/', '%2f')}%2fpwned.tgz` },
    goodArchive(),
  )
  try {
    assert.is((await helm(['repo', 'add', 'r', srv.url, '--home', home], { cwd: dir })).code, 0)
    await mkdir(join(dir, 'd', 'a', 'b'), { recursive: true })
    const r = await helm(['fetch', 'r/evil', '-d', 'd/a/b', '--home', home], { cwd: dir })
    assert.is(r.code, 0, r.stderr)
    assert.not.ok(existsSync(target), `${target} written`)
    assert.equal(await tree(join(dir, 'd')), ['a/b/pwned.tgz'])
  } finally {
    await srv.close()
  }
})

fetchS('should refuse a URL whose file name decodes to .. and write nothing', async () => {
  const dir = await tempDir('wh-path-')
  const home = join(dir, 'home')
  const srv = await hostileRepo(dir, { evil: 'charts/x%2f%2e%2e%2f' }, goodArchive())
  try {
    assert.is((await helm(['repo', 'add', 'r', srv.url, '--home', home], { cwd: dir })).code, 0)
    await mkdir(join(dir, 'd', 'a', 'b'), { recursive: true })
    const r = await helm(['fetch', 'r/evil', '-d', 'd/a/b', '--home', home], { cwd: dir })
    assert.is(r.code, 1)
    assert.match(r.stderr, /^Error: refusing to write chart archive "\.\.": not a file name in .*d\/a\/b\n$/)
    assert.equal(await tree(join(dir, 'd')), [])
  } finally {
    await srv.close()
  }
})

fetchS('should download a repository chart for template into $HELM_HOME/cache/archive, not above it', async () => {
  const dir = await tempDir('wh-path-')
  const home = join(dir, 'home')
  const srv = await hostileRepo(dir, { evil: 'charts/%2e%2e%2f%2e%2e%2f%2e%2e%2fescaped.tgz' }, goodArchive())
  try {
    assert.is((await helm(['repo', 'add', 'r', srv.url, '--home', home], { cwd: dir })).code, 0)
    const r = await helm(['template', 'r/evil', '--home', home], { cwd: dir })
    assert.is(r.code, 0, r.stderr)
    assert.ok(existsSync(join(home, 'cache', 'archive', 'escaped.tgz')))
    assert.not.ok(existsSync(join(home, 'escaped.tgz')) || existsSync(join(dir, 'escaped.tgz')))
  } finally {
    await srv.close()
  }
})

fetchS('should refuse to untar an archive whose chart name is a path (Helm 4 wording), writing nothing', async () => {
  const dir = await tempDir('wh-path-')
  const home = join(dir, 'home')
  const srv = await hostileRepo(dir, { evil: 'charts/evil-1.0.0.tgz' }, hostileArchive('../../X'))
  try {
    assert.is((await helm(['repo', 'add', 'r', srv.url, '--home', home], { cwd: dir })).code, 0)
    await mkdir(join(dir, 'u', 'a', 'b'), { recursive: true })
    const r = await helm(['fetch', 'r/evil', '--untar', '--untardir', 'u/a/b', '--home', home], { cwd: dir })
    assert.is(r.code, 1)
    assert.match(r.stderr, /validation: chart\.metadata\.name "\.\.\/\.\.\/X" is invalid\n$/)
    assert.equal(await tree(join(dir, 'u')), [])
    assert.not.ok(existsSync(join(dir, 'X')) || existsSync(join(dir, 'u', 'X')))
  } finally {
    await srv.close()
  }
})
fetchS.run()

const deps = suite('path safety: helm dependency update (dependency names)')

deps(
  "should refuse a downloaded dependency whose Chart.yaml name is a path, leaving the chart's parents untouched",
  async () => {
    const dir = await tempDir('wh-path-')
    const srv = await hostileRepo(dir, { lib: 'charts/lib-1.0.0.tgz' }, hostileArchive('../../X'))
    try {
      const parent = await writeChart(join(dir, 'p'), 'parent', '1.0.0', {
        requirements: `dependencies:\n- name: lib\n  version: 1.0.0\n  repository: ${srv.url}\n`,
      })
      const before = await tree(dir)
      const r = await helm(['dependency', 'update', parent, '--home', join(dir, 'home')], { cwd: dir })
      assert.is(r.code, 1)
      assert.match(r.stderr, /validation: chart\.metadata\.name "\.\.\/\.\.\/X" is invalid\n$/)
      const after = (await tree(dir)).filter((f) => !f.startsWith('home/'))
      assert.equal(after, before)
    } finally {
      await srv.close()
    }
  },
)

deps('should refuse a downloaded dependency whose Chart.yaml version would make its archive name a path', async () => {
  const dir = await tempDir('wh-path-')
  const srv = await hostileRepo(dir, { lib: 'charts/lib-1.0.0.tgz' }, hostileArchive('lib', '1.0.0/../../../../pwned'))
  try {
    const parent = await writeChart(join(dir, 'p'), 'parent', '1.0.0', {
      requirements: `dependencies:\n- name: lib\n  version: 1.0.0\n  repository: ${srv.url}\n`,
    })
    const before = await tree(dir)
    const r = await helm(['dependency', 'update', parent, '--home', join(dir, 'home')], { cwd: dir })
    assert.is(r.code, 1)
    assert.match(
      r.stderr,
      /^Error: refusing to write chart archive "lib-1\.0\.0\/\.\.\/.*pwned\.tgz": not a file name in /,
    )
    assert.equal(
      (await tree(dir)).filter((f) => !f.startsWith('home/')),
      before,
    )
    assert.not.ok(existsSync(join(dir, '..', 'pwned.tgz')))
  } finally {
    await srv.close()
  }
})
deps.run()

const repos = suite('path safety: helm repo add / update (repository names)')

repos("should refuse a repository name with '/' in Helm's words and write nothing outside $HELM_HOME", async () => {
  const dir = await tempDir('wh-path-')
  const home = join(dir, 'h', 'home')
  const srv = await hostileRepo(dir, { good: 'charts/good-1.0.0.tgz' }, goodArchive())
  try {
    const r = await helm(['repo', 'add', '../../../x', srv.url, '--home', home], { cwd: dir })
    assert.equal(
      [r.code, r.stderr],
      [1, "Error: repository name (../../../x) contains '/', please specify a different name without '/'\n"],
    )
    assert.equal(
      (await tree(dir)).filter((f) => !f.startsWith('h/home/')),
      [],
    )
  } finally {
    await srv.close()
  }
})

repos('should not let a hand-edited repositories.yaml name write an index outside the cache', async () => {
  const dir = await tempDir('wh-path-')
  const home = join(dir, 'h', 'home')
  const srv = await hostileRepo(dir, { good: 'charts/good-1.0.0.tgz' }, goodArchive())
  try {
    assert.is((await helm(['repo', 'add', 'ok', srv.url, '--home', home], { cwd: dir })).code, 0)
    await writeFile(
      join(home, 'repository', 'repositories.yaml'),
      `apiVersion: v1\nrepositories:\n- name: ../../../../escaped\n  url: ${srv.url}\n`,
    )
    const r = await helm(['repo', 'update', '--home', home], { cwd: dir })
    assert.match(r.stdout, /Unable to get an update from the "\.\.\/\.\.\/\.\.\/\.\.\/escaped" chart repository/)
    assert.match(r.stdout, /refusing to write repository index "\.\.\/\.\.\/\.\.\/\.\.\/escaped-index\.yaml"/)
    assert.equal(
      (await tree(dir)).filter((f) => !f.startsWith('h/home/')),
      [],
    )
  } finally {
    await srv.close()
  }
})
repos.run()

const output = suite('path safety: helm template --output-dir (template sources)')

output('should refuse a subchart whose name climbs out of the output folder', async () => {
  const dir = await tempDir('wh-path-')
  const top = await writeChart(dir, 'top', '1.0.0')
  await mkdir(join(top, 'charts', 's', 'templates'), { recursive: true })
  await writeFile(join(top, 'charts', 's', 'Chart.yaml'), 'apiVersion: v1\nname: ../../../../x\nversion: 1.0.0\n')
  await writeFile(join(top, 'charts', 's', 'templates', 'cm.yaml'), 'kind: ConfigMap\n')
  const r = await helm(['template', top, '--output-dir', join(dir, 'o', 'out')], { cwd: dir })
  assert.is(r.code, 1)
  assert.match(r.stderr, /validation: chart\.metadata\.name "\.\.\/\.\.\/\.\.\/\.\.\/x" is invalid\n$/)
  assert.equal(
    (await tree(dir)).filter((f) => !f.startsWith('top/')),
    [],
  )
  assert.is(basename(top), 'top')
})
output.run()
