import { existsSync } from 'node:fs'
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ensureHelmHome } from '../../../src/adapters/helm-home/HelmHome'
import { loadIndexFile, storeIndexFile } from '../../../src/adapters/helm-home/IndexCache'
import { assertLeft, assertRight } from '../../helpers'
import { tempDir } from '../http-repo/fixtures'

const index = (v: string) => `apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: ${v}\n    urls: [a-${v}.tgz]\n`

const cache = suite('IndexCache')
cache('should keep a JSON form beside the YAML and rebuild it when the YAML changes', async () => {
  const dir = await tempDir()
  const path = join(dir, 'r-index.yaml')
  assertRight(await storeIndexFile(path, Buffer.from(index('1.0.0')), 'r')())
  assert.ok(existsSync(join(dir, 'r-index.json')))
  assert.is(assertRight(await loadIndexFile(path)()).entries.a?.[0]?.version, '1.0.0')
  // a cache with a stale key is ignored
  await writeFile(path, index('2.0.0'))
  await utimes(path, new Date(), new Date(Date.now() + 5000))
  assert.is(assertRight(await loadIndexFile(path)()).entries.a?.[0]?.version, '2.0.0')
  const json = JSON.parse(await readFile(join(dir, 'r-index.json'), 'utf8')) as {
    index: { entries: { a: Array<{ version: string }> } }
  }
  assert.is(json.index.entries.a[0]?.version, '2.0.0')
})
cache('should write nothing for bytes that are not an index, and keep the old cache', async () => {
  const dir = await tempDir()
  const path = join(dir, 'r-index.yaml')
  assertRight(await storeIndexFile(path, Buffer.from(index('1.0.0')), 'r')())
  assert.is(assertLeft(await storeIndexFile(path, Buffer.from('<html>oops</html>'), 'r')())._tag, 'InvalidIndex')
  assert.is(await readFile(path, 'utf8'), index('1.0.0'))
  assert.equal((await readdir(dir)).sort(), ['r-index.json', 'r-index.yaml'])
  assert.is(assertLeft(await loadIndexFile(join(dir, 'none.yaml'))())._tag, 'FileNotFound')
})
cache.run()

const home = suite('ensureHelmHome')
home('should create the $HELM_HOME layout and an empty repositories.yaml once', async () => {
  const dir = await tempDir()
  const h = assertRight(await ensureHelmHome(join(dir, 'h'))())
  for (const d of [h.cache, h.localRepository, h.plugins, h.starters, h.archive]) assert.ok(existsSync(d), d)
  assert.match(await readFile(h.repositoryFile, 'utf8'), /^apiVersion: v1\ngenerated: "[^"]+"\nrepositories: \[\]\n$/)
  await writeFile(h.repositoryFile, 'apiVersion: v1\nrepositories:\n- name: keep\n  url: http://x\n')
  assert.ok(E.isRight(await ensureHelmHome(join(dir, 'h'))()))
  assert.match(await readFile(h.repositoryFile, 'utf8'), /name: keep/)
})
home.run()
