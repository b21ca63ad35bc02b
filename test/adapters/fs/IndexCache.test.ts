import { existsSync } from 'node:fs'
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { loadIndexFile, storeIndexFile } from '../../../src/adapters/fs/IndexCache'
import { parseIndex } from '../../../src/domain/repo/Index'
import { assertLeft, assertRight } from '../../helpers'
import { tempDir } from '../http-repo/fixtures'

const index = (v: string) => `apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: ${v}\n    urls: [a-${v}.tgz]\n`

const store = (path: string, text: string) =>
  storeIndexFile(path, Buffer.from(text), assertRight(parseIndex(path, text)))()

const cache = suite('IndexCache')
cache('should keep a JSON form beside the YAML and rebuild it when the YAML changes', async () => {
  const dir = await tempDir()
  const path = join(dir, 'r-index.yaml')
  assertRight(await store(path, index('1.0.0')))
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
cache('should rebuild a corrupt or foreign compact cache from the YAML', async () => {
  const dir = await tempDir()
  const path = join(dir, 'r-index.yaml')
  assertRight(await store(path, index('1.0.0')))
  await writeFile(join(dir, 'r-index.json'), '{"key": 1, "index": []}')
  assert.is(assertRight(await loadIndexFile(path)()).entries.a?.[0]?.version, '1.0.0')
  assert.equal((await readdir(dir)).sort(), ['r-index.json', 'r-index.yaml'])
  assert.is(assertLeft(await loadIndexFile(join(dir, 'none.yaml'))())._tag, 'FileNotFound')
})
cache.run()
