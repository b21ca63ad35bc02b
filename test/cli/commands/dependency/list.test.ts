import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../../helpers'

const fixtures = resolve('test/fixtures/charts-basic')

const list = suite('helm dependency list')
let work = ''
list.before.each(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-deplist-'))
})
list.after.each(() => rmSync(work, { recursive: true, force: true }))

list('should show an unpacked dependency as helm 4.1.4 does', async () => {
  const r = await helm(['dependency', 'list', `${fixtures}/alpine`])
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stdout, 'NAME\tVERSION\tREPOSITORY        \tSTATUS  \nmast\t0.1.0  \tfile://charts/mast\tunpacked\n\n')
})
list('should show a missing dependency', async () => {
  const r = await helm(['dep', 'list', `${fixtures}/v2app`])
  assert.is(
    r.stdout,
    'NAME\tVERSION\tREPOSITORY                \tSTATUS \nmast\t~0.1.0 \thttps://example.com/charts\tmissing\n\n',
  )
})
list('should tell ok, wrong version and stray charts apart for archives', async () => {
  const chart = join(work, 'app')
  cpSync(`${fixtures}/v2app`, chart, { recursive: true })
  await helm(['package', `${fixtures}/alpine/charts/mast`, '-d', join(chart, 'charts')])
  const ok = await helm(['dep', 'list', chart])
  assert.match(ok.stdout, /mast\t~0\.1\.0 \thttps:\/\/example\.com\/charts\tok\s*\n/)
  writeFileSync(
    join(chart, 'Chart.yaml'),
    'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- name: mast\n  version: ^2.0.0\n  repository: https://x\n',
  )
  const wrong = await helm(['dep', 'list', chart])
  assert.match(wrong.stdout, /wrong version/)
  writeFileSync(
    join(chart, 'Chart.yaml'),
    'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- name: other\n  version: 1.0.0\n  repository: https://x\n',
  )
  const stray = await helm(['dep', 'list', chart])
  assert.match(
    stray.stdout,
    new RegExp(`WARNING: "${join(chart, 'charts', 'mast-0.1.0.tgz')}" is not in Chart\\.yaml\\.`),
  )
})
list('should warn when there are no dependencies', async () => {
  await helm(['create', 'plain'], { cwd: work })
  const r = await helm(['dependency', 'list', 'plain'], { cwd: work })
  assert.is(r.code, 0)
  assert.is(r.stdout, `WARNING: no requirements at ${join(work, 'plain')}/charts\n`)
})
list.run()
