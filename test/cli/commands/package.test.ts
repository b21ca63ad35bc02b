import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { loadChartPath } from '../../../src/LocalCharts'
import { assertRight, helm } from '../../helpers'

const fixtures = resolve('test/fixtures/charts-basic')
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex')

const pkg = suite('helm package')
let work = ''
pkg.before.each(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-package-'))
})
pkg.after.each(() => rmSync(work, { recursive: true, force: true }))

pkg('should print where it saved NAME-VERSION.tgz', async () => {
  const r = await helm(['package', join(fixtures, 'alpine'), '-d', work, '--home', join(work, 'home')])
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stdout, `Successfully packaged chart and saved it to: ${join(work, 'alpine-0.1.0.tgz')}\n`)
})
pkg('should be reproducible: the same chart gives the same bytes', async () => {
  const chart = join(work, 'alpine')
  cpSync(join(fixtures, 'alpine'), chart, { recursive: true })
  await helm(['package', chart, '-d', join(work, 'a')])
  await new Promise((r) => setTimeout(r, 1100))
  writeFileSync(join(chart, 'README.md'), readFileSync(join(chart, 'README.md')))
  await helm(['package', chart, '-d', join(work, 'b')])
  assert.is(sha(join(work, 'a', 'alpine-0.1.0.tgz')), sha(join(work, 'b', 'alpine-0.1.0.tgz')))
})
pkg('should set --version and --app-version, and refuse a bad version', async () => {
  const r = await helm(['package', join(fixtures, 'v2app'), '-d', work, '--version', '2.0.0', '--app-version', 'v9'])
  assert.is(r.code, 1)
  assert.match(r.stderr, /missing in charts\/ directory: mast/)
  const ok = await helm(['package', join(fixtures, 'alpine'), '-d', work, '--version', '2.0.0', '--app-version', 'v9'])
  assert.is(ok.code, 0, ok.stderr)
  const c = assertRight(await loadChartPath(join(work, 'alpine-2.0.0.tgz'))())
  assert.is(c.metadata.version, '2.0.0')
  assert.is(c.metadata.appVersion, 'v9')
  const bad = await helm(['package', join(fixtures, 'alpine'), '-d', work, '--version', 'not-semver'])
  assert.is(bad.stderr, 'Error: invalid semantic version\n')
})
pkg('should apply .helmignore and keep subcharts', async () => {
  await helm(['package', join(fixtures, 'alpine'), '-d', work])
  const c = assertRight(await loadChartPath(join(work, 'alpine-0.1.0.tgz'))())
  assert.equal(c.files.map((f) => f.path).sort(), [
    '.helmignore',
    'README.md',
    'docs/TOP.txt',
    'requirements.lock',
    'requirements.yaml',
  ])
  assert.equal(
    c.dependencies.map((d) => d.metadata.name),
    ['mast'],
  )
})
pkg('should also save into an existing local repository and index it', async () => {
  const local = join(work, 'home', 'repository', 'local')
  mkdirSync(local, { recursive: true })
  const r = await helm(['package', join(fixtures, 'alpine'), '-d', work, '--home', join(work, 'home')])
  assert.is(r.code, 0, r.stderr)
  assert.ok(readFileSync(join(local, 'alpine-0.1.0.tgz')).length > 0)
  assert.match(readFileSync(join(local, 'index.yaml'), 'utf8'), /alpine-0\.1\.0\.tgz/)
})
pkg('should update file:// dependencies into charts/ first with -u', async () => {
  const chart = join(work, 'alpine')
  cpSync(join(fixtures, 'alpine'), chart, { recursive: true })
  cpSync(join(fixtures, 'alpine', 'charts', 'mast'), join(work, 'mast'), { recursive: true })
  rmSync(join(chart, 'charts'), { recursive: true })
  writeFileSync(
    join(chart, 'requirements.yaml'),
    'dependencies:\n- name: mast\n  version: 0.1.0\n  repository: file://../mast\n',
  )
  const r = await helm(['package', '-u', chart, '-d', join(work, 'out'), '--home', join(work, 'home')])
  assert.is(r.code, 0, r.stderr)
  const c = assertRight(await loadChartPath(join(work, 'out', 'alpine-0.1.0.tgz'))())
  assert.equal(
    c.dependencies.map((d) => d.metadata.name),
    ['mast'],
  )
})
pkg("should fail with Helm's message for a missing path", async () => {
  const r = await helm(['package', join(work, 'nope')])
  assert.is(r.code, 1)
  assert.is(r.stderr, `Error: path "${join(work, 'nope')}" not found\n`)
})
pkg.run()
