// $HELM_HOME files that hold credentials are written 0600, also when an existing file is rewritten (issue 10,
// item 6); no file of $HELM_HOME is writable by others.
import { chmod, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../helpers'
import { pack, staticServer, tempDir, writeChart } from '../adapters/http-repo/fixtures'

const modeOf = async (p: string): Promise<number> => (await stat(p)).mode & 0o777

/** Every file under `dir` with its permission bits. */
const modes = async (dir: string): Promise<Array<readonly [string, number]>> => {
  const out: Array<readonly [string, number]> = []
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) await walk(join(d, e.name), r)
      else if (e.isFile()) out.push([r, await modeOf(join(d, e.name))])
    }
  }
  await walk(dir, '')
  return out.sort(([a], [b]) => (a < b ? -1 : 1))
}

const home = suite('HELM_HOME file modes')

home(
  'should write repositories.yaml 0600 (it holds passwords) and no file of HELM_HOME group- or world-writable',
  async () => {
    const dir = await tempDir('wh-modes-')
    const h = join(dir, 'home')
    await pack(await writeChart(join(dir, 'src'), 'demo', '1.0.0'), join(dir, 'charts'))
    assert.is((await helm(['repo', 'index', join(dir, 'charts')])).code, 0)
    const srv = await staticServer(join(dir, 'charts'))
    try {
      const init = await helm(['init', '--client-only', '--skip-refresh', '--home', h])
      assert.is(init.code, 0, init.stderr)
      const add = await helm(['repo', 'add', 'r', srv.url, '--username', 'u', '--password', 's3cret', '--home', h])
      assert.is(add.code, 0, add.stderr)
      assert.match(await readFile(join(h, 'repository', 'repositories.yaml'), 'utf8'), /password: s3cret/)
      assert.is((await helm(['template', 'r/demo', '--home', h])).code, 0)
      const all = await modes(h)
      assert.ok(
        all.some(([f]) => f === 'repository/cache/r-index.yaml'),
        JSON.stringify(all),
      )
      assert.ok(
        all.some(([f]) => f === 'cache/archive/demo-1.0.0.tgz'),
        JSON.stringify(all),
      )
      for (const [file, mode] of all) {
        if (file === 'repository/repositories.yaml') assert.is(mode, 0o600, file)
        else assert.is(mode & 0o022, 0, `${file} is ${mode.toString(8)}`)
      }
    } finally {
      await srv.close()
    }
  },
)

home('should make an existing 0644 repositories.yaml 0600 when add or remove rewrites it', async () => {
  const dir = await tempDir('wh-modes-')
  const h = join(dir, 'home')
  const file = join(h, 'repository', 'repositories.yaml')
  await pack(await writeChart(join(dir, 'src'), 'demo', '1.0.0'), join(dir, 'charts'))
  assert.is((await helm(['repo', 'index', join(dir, 'charts')])).code, 0)
  const srv = await staticServer(join(dir, 'charts'))
  try {
    assert.is((await helm(['repo', 'add', 'a', srv.url, '--password', 'p', '--home', h])).code, 0)
    await chmod(file, 0o644)
    assert.is((await helm(['repo', 'add', 'b', srv.url, '--password', 'q', '--home', h])).code, 0)
    assert.is(await modeOf(file), 0o600)
    await chmod(file, 0o664)
    assert.is((await helm(['repo', 'remove', 'b', '--home', h])).code, 0)
    assert.is(await modeOf(file), 0o600)
  } finally {
    await srv.close()
  }
})
home.run()
