import { lstat, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { initHome, type InitHomeRequest } from '../../../src/app/client/InitHome'
import { message } from '../../../src/domain/errors'
import { assertLeft, assertRight, helm } from '../../helpers'
import { staticServer, tempDir } from '../../adapters/http-repo/fixtures'
import { localDeps } from './Deps.fixture'

/** `initHome` on the local disk; the lines it printed. */
const initHelmHome = async (root: string, req: InitHomeRequest) => {
  const { deps, out } = localDeps(root)
  return [await initHome(req)(deps)(), out] as const
}

const init = suite('initHome')

init('should create $HELM_HOME with stable and local repositories, as helm init -c does', async () => {
  const dir = await tempDir()
  await mkdir(join(dir, 'stable'))
  await writeFile(
    join(dir, 'stable', 'index.yaml'),
    'apiVersion: v1\nentries:\n  mysql:\n  - name: mysql\n    version: 1.6.9\n    description: Fast, reliable\n    urls: [mysql-1.6.9.tgz]\n',
  )
  const srv = await staticServer(dir)
  try {
    const root = join(dir, 'home')
    const [made, lines] = await initHelmHome(root, { stableRepoUrl: `${srv.url}/stable` })
    assertRight(made)
    assert.equal(lines, [
      `Creating ${root} `,
      `Creating ${root}/repository `,
      `Creating ${root}/repository/cache `,
      `Creating ${root}/repository/local `,
      `Creating ${root}/plugins `,
      `Creating ${root}/starters `,
      `Creating ${root}/cache/archive `,
      `Creating ${root}/repository/repositories.yaml `,
      `Adding stable repo with URL: ${srv.url}/stable `,
      'Adding local repo with URL: http://127.0.0.1:8879/charts ',
    ])
    assert.ok((await lstat(join(root, 'repository', 'cache', 'local-index.yaml'))).isSymbolicLink())
    const s = await helm(['search', 'mysql', '--home', root])
    assert.match(s.stdout, /\nstable\/mysql\s*\t1\.6\.9/)
    const list = await helm(['repo', 'list', '--home', root])
    assert.match(
      list.stdout,
      /\nstable\s*\t.*\/stable\s*\nlocal\s*\thttp:\/\/127\.0\.0\.1:8879\/charts\s*\n$/,
      list.stdout,
    )
    const [second, again] = await initHelmHome(root, {})
    assertRight(second)
    assert.equal(again, [], 'a second init changes nothing')
    assert.match(await readFile(join(root, 'repository', 'repositories.yaml'), 'utf8'), /name: stable/)
  } finally {
    await srv.close()
  }
})

init('should fail in one line when the stable repository cannot be reached, and honour --skip-refresh', async () => {
  const dir = await tempDir()
  const e = assertLeft((await initHelmHome(join(dir, 'a'), { stableRepoUrl: 'http://127.0.0.1:1' }))[0])
  assert.match(
    message(e),
    /^Looks like "http:\/\/127\.0\.0\.1:1" is not a valid chart repository or cannot be reached: Get .*connection refused$/,
  )
  assertRight((await initHelmHome(join(dir, 'b'), { stableRepoUrl: 'http://127.0.0.1:1', skipRefresh: true }))[0])
  assert.match(
    await readFile(join(dir, 'b', 'repository', 'repositories.yaml'), 'utf8'),
    /url: http:\/\/127\.0\.0\.1:1\n/,
  )
})
init.run()
