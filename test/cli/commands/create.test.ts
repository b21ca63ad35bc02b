import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'
import { writeChartDir } from '../../support/charts'

const walk = (dir: string, rel = ''): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`],
  )

const create = suite('helm create')
let work = ''
create.before.each(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-create-'))
})
create.after.each(() => rmSync(work, { recursive: true, force: true }))

create('should write the scaffold with the chart name filled in', async () => {
  const r = await helm(['create', 'demo'], { cwd: work })
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stdout, 'Creating demo\n')
  assert.equal(walk(join(work, 'demo')).sort(), [
    '.helmignore',
    'Chart.yaml',
    'templates/NOTES.txt',
    'templates/_helpers.tpl',
    'templates/deployment.yaml',
    'templates/hpa.yaml',
    'templates/httproute.yaml',
    'templates/ingress.yaml',
    'templates/service.yaml',
    'templates/serviceaccount.yaml',
    'templates/tests/test-connection.yaml',
    'values.yaml',
  ])
  assert.ok(readdirSync(join(work, 'demo')).includes('charts'))
  assert.match(readFileSync(join(work, 'demo/Chart.yaml'), 'utf8'), /^name: demo$/m)
  assert.match(readFileSync(join(work, 'demo/templates/_helpers.tpl'), 'utf8'), /define "demo.fullname"/)
  assert.not.match(readFileSync(join(work, 'demo/templates/deployment.yaml'), 'utf8'), /<CHARTNAME>/)
})
create('should warn about each file it overwrites', async () => {
  await helm(['create', 'demo'], { cwd: work })
  const r = await helm(['create', 'demo'], { cwd: work })
  assert.is(r.code, 0)
  assert.match(
    r.stderr,
    new RegExp(`WARNING: File "${join(work, 'demo', 'Chart.yaml')}" already exists\\. Overwriting\\.`),
  )
})
create('should refuse a name Helm refuses, a file in the way and a missing parent', async () => {
  const bad = await helm(['create', 'Bad_Name!'], { cwd: work })
  assert.is(bad.code, 1)
  assert.is(bad.stderr, 'Error: chart name must match the regular expression "^[a-zA-Z0-9._-]+$"\n')
  writeFileSync(join(work, 'afile'), '')
  const file = await helm(['create', 'afile'], { cwd: work })
  assert.is(file.stderr, `Error: file ${join(work, 'afile')} already exists and is not a directory\n`)
  const deep = await helm(['create', 'no/such/dir'], { cwd: work })
  assert.is(deep.code, 1)
  assert.match(deep.stderr, /no such file or directory/)
})
create('should build a chart from a starter, renaming <CHARTNAME>', async () => {
  writeChartDir(
    {
      'Chart.yaml': 'apiVersion: v1\nname: mystarter\nversion: 0.3.0\n',
      'values.yaml': 'name: <CHARTNAME>\n',
      'templates/cm.yaml': 'name: {{ include "<CHARTNAME>.name" . }}\n',
    },
    { parent: join(work, 'home', 'starters') },
  )
  const r = await helm(['create', 'fromstarter', '-p', 'mystarter', '--home', join(work, 'home')], { cwd: work })
  assert.is(r.code, 0, r.stderr)
  const dir = join(work, 'fromstarter')
  assert.match(readFileSync(join(dir, 'Chart.yaml'), 'utf8'), /name: fromstarter/)
  assert.match(readFileSync(join(dir, 'Chart.yaml'), 'utf8'), /version: 0\.3\.0/)
  assert.is(readFileSync(join(dir, 'values.yaml'), 'utf8'), 'name: fromstarter\n')
  assert.is(readFileSync(join(dir, 'templates', 'cm.yaml'), 'utf8'), 'name: {{ include "fromstarter.name" . }}\n')
})
create.run()
