import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { localChartFiles } from '../src/adapters/fs/LocalChartFiles'
import { expandChartArchive, loadChartPath, packageChart } from '../src/LocalCharts'
import { message } from '../src/domain/errors'
import { assertLeft, assertRight } from './helpers'
import { rawEntry, tgz } from './domain/chart/archive/RawTar'

const fixtures = resolve('test/fixtures/charts-basic')

const fsLoad = suite('ChartFs.loadChartPath')
fsLoad(
  "should refuse a folder's file over Helm 4's 5 MiB per-file cap, named as Helm 4's folder loader names it",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wh-bigfile-'))
    writeFileSync(join(dir, 'Chart.yaml'), `name: big\nversion: 1.0.0\ndescription: ${'a'.repeat(5 * 1024 * 1024)}\n`)
    const e = assertLeft(await loadChartPath(dir)())
    assert.is(message(e), 'chart file "Chart.yaml" is larger than the maximum file size 5242880')
  },
)
fsLoad('should load a folder, applying .helmignore during the walk', async () => {
  const c = assertRight(await loadChartPath(join(fixtures, 'alpine'))())
  assert.equal(c.files.map((f) => f.path).sort(), [
    '.helmignore',
    'README.md',
    'docs/TOP.txt',
    'requirements.lock',
    'requirements.yaml',
  ])
  assert.equal(c.templates.map((t) => t.path).sort(), ['templates/_helpers.tpl', 'templates/pod.yaml'])
  assert.equal(c.values, { name: 'my-alpine', port: 8080, enabled: true, mast: { color: 'red' } })
  assert.is(c.metadata.appVersion, '1.1')
  assert.equal(c.dependencies[0]?.values, { color: 'blue', size: 3 })
})
fsLoad('should load v2 metadata, lock, schema and crds', async () => {
  const c = assertRight(await loadChartPath(join(fixtures, 'v2app'))())
  assert.is(c.metadata.apiVersion, 'v2')
  assert.equal(
    c.requirements.map((r) => r.alias),
    ['sail'],
  )
  assert.is(c.lock?.digest, 'sha256:1111')
  assert.ok(c.schema !== undefined)
  assert.ok(c.files.some((f) => f.path === 'crds/crd.yaml'))
})
fsLoad('should report a missing path as Helm does', async () => {
  assert.equal(assertLeft(await loadChartPath('/no/such/chart')()), { _tag: 'ChartNotFound', path: '/no/such/chart' })
})
fsLoad.run()

const safety = suite('ChartFs: nothing written outside')
let work = ''
safety.before.each(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-chartfs-'))
})
safety.after.each(() => rmSync(work, { recursive: true, force: true }))

safety('should refuse a traversal archive and write nothing', async () => {
  const evil = tgz(
    rawEntry('x/Chart.yaml', '0', 'name: x\nversion: 1.0.0\n'),
    rawEntry('x/../../escaped.txt', '0', 'pwned'),
  )
  const dest = join(work, 'dest')
  mkdirSync(dest)
  const r = assertLeft(await expandChartArchive(evil, 'evil.tgz', dest)())
  assert.is(r._tag, 'UnsafeArchive')
  assert.equal(readdirSync(dest), [])
  assert.equal(readdirSync(work).sort(), ['dest'])
})
safety('should expand a good archive under DEST/<chart>', async () => {
  const out = assertRight(await packageChart(join(fixtures, 'alpine'), { destination: work })())
  const dest = join(work, 'x')
  const root = assertRight(await expandChartArchive(new Uint8Array(readFileSync(out)), out, dest)())
  assert.is(root, join(dest, 'alpine'))
  assert.ok(readdirSync(join(root, 'charts', 'mast')).includes('Chart.yaml'))
})
safety('should follow symlinks in a folder like Helm and skip dangling ones', async () => {
  const dir = join(work, 'c')
  mkdirSync(join(dir, 'templates'), { recursive: true })
  writeFileSync(join(dir, 'Chart.yaml'), 'name: c\nversion: 1.0.0\n')
  writeFileSync(join(work, 'shared.yaml'), 'kind: X\n')
  symlinkSync(join(work, 'shared.yaml'), join(dir, 'templates', 'linked.yaml'))
  symlinkSync(join(work, 'gone'), join(dir, 'dangling'))
  const files = assertRight(await localChartFiles().readChartDir(dir)())
  assert.equal(files.map((f) => f.path).sort(), ['Chart.yaml', 'templates/linked.yaml'])
})
safety('should not loop on a symlink to an enclosing folder', async () => {
  const dir = join(work, 'loop')
  mkdirSync(join(dir, 'templates'), { recursive: true })
  writeFileSync(join(dir, 'Chart.yaml'), 'name: loop\nversion: 1.0.0\n')
  symlinkSync(dir, join(dir, 'templates', 'again'))
  const files = assertRight(await localChartFiles().readChartDir(dir)())
  assert.equal(
    files.map((f) => f.path),
    ['Chart.yaml'],
  )
})
safety.run()
