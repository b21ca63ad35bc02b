import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'
import { writeChartDir } from '../../support/charts'

const fixtures = resolve('test/fixtures/charts-basic')

const lint = suite('helm lint')
let work = ''
lint.before.each(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-lint-'))
})
lint.after.each(() => rmSync(work, { recursive: true, force: true }))

const chart = (name: string, files: Record<string, string>): string => writeChartDir(files, { parent: work, name })

lint('should pass a clean chart with INFO lines and the summary on stdout', async () => {
  const dir = chart('ok', {
    'Chart.yaml': 'apiVersion: v2\nname: ok\nversion: 1.0.0\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name | default "x" }}\n',
  })
  const r = await helm(['lint', dir])
  assert.is(r.code, 0, r.stderr)
  assert.is(
    r.stdout,
    `==> Linting ${dir}\n[INFO] Chart.yaml: icon is recommended\n[INFO] values.yaml: file does not exist\n\n1 chart(s) linted, 0 chart(s) failed\n`,
  )
})
lint('should report Chart.yaml errors and fail with the summary on stderr', async () => {
  const dir = chart('bad', {
    'Chart.yaml':
      'apiVersion: v2\nname: bad\nversion: notsemver\nicon: not a url\nmaintainers:\n- email: x@y.z\nsources: ["::"]\n',
    'values.yaml': 'a: 1\n',
    'templates/b.foo': 'x',
  })
  const r = await helm(['lint', dir])
  assert.is(r.code, 1)
  assert.is(
    r.stdout,
    [
      `==> Linting ${dir}`,
      "[ERROR] Chart.yaml: version 'notsemver' is not a valid SemVer",
      '[ERROR] Chart.yaml: each maintainer requires a name',
      "[ERROR] Chart.yaml: invalid source URL '::'",
      "[ERROR] Chart.yaml: invalid icon URL 'not a url'",
      "[WARNING] Chart.yaml: version 'notsemver' is not a valid SemVerV2",
      "[ERROR] templates/b.foo: file extension '.foo' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt",
      '',
      '',
    ].join('\n'),
  )
  assert.is(r.stderr, 'Error: 1 chart(s) linted, 1 chart(s) failed\n')
})
lint('should check rendered YAML, object names, selectors and deprecated APIs', async () => {
  const dir = chart('objs', {
    'Chart.yaml': 'apiVersion: v2\nname: objs\nversion: 1.0.0\nicon: https://x/y.png\n',
    'values.yaml': 'name: Bad_Name\n',
    'templates/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
    'templates/b.yaml': 'foo: [\n',
    'templates/c.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec: {}\n',
    'templates/d.yaml': 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\n',
  })
  const r = await helm(['lint', dir])
  assert.is(r.code, 1)
  assert.match(
    r.stdout,
    /\[WARNING\] templates\/a\.yaml: object name does not conform to Kubernetes naming requirements: "Bad_Name"/,
  )
  assert.match(
    r.stdout,
    /\[ERROR\] templates\/b\.yaml: unable to parse YAML: error converting YAML to JSON: yaml: line \d+: /,
  )
  assert.match(
    r.stdout,
    /\[ERROR\] templates\/c\.yaml: a Deployment must contain matchLabels or matchExpressions, and "d" does not/,
  )
  assert.match(
    r.stdout,
    /\[WARNING\] templates\/d\.yaml: policy\/v1beta1 PodDisruptionBudget is deprecated in v1\.21\+, unavailable in v1\.25\+; use policy\/v1 PodDisruptionBudget/,
  )
})
lint('should fail on warnings with --strict and use --set values in the render', async () => {
  const dir = chart('strict', {
    'Chart.yaml': 'apiVersion: v2\nname: strict\nversion: 1.0.0\nicon: https://x/y.png\n',
    'values.yaml': 'name: good\n',
    'templates/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
  })
  assert.is((await helm(['lint', dir])).code, 0)
  assert.is((await helm(['lint', dir, '--strict'])).code, 0)
  const r = await helm(['lint', dir, '--strict', '--set', 'name=Not_Valid'])
  assert.is(r.code, 1)
  assert.match(r.stdout, /"Not_Valid"/)
})
lint('should report a render error under templates/', async () => {
  const dir = chart('tpl', {
    'Chart.yaml': 'apiVersion: v2\nname: tpl\nversion: 1.0.0\n',
    'templates/x.yaml': '{{ if }}\n',
  })
  const r = await helm(['lint', dir])
  assert.is(r.code, 1)
  assert.match(r.stdout, /\[ERROR\] templates\/: parse error at \(tpl\/templates\/x\.yaml:1\): missing value for if/)
})
lint('should say so when there is no Chart.yaml', async () => {
  const r = await helm(['lint', 'nonexist'], { cwd: work })
  assert.is(r.code, 1)
  assert.is(
    r.stdout,
    '==> Linting nonexist\nError unable to check Chart.yaml file in chart: stat nonexist/Chart.yaml: no such file or directory\n\n',
  )
  assert.is(r.stderr, 'Error: 1 chart(s) linted, 1 chart(s) failed\n')
})
lint('should lint a packaged archive and warn about missing dependencies', async () => {
  cpSync(join(fixtures, 'v2app'), join(work, 'v2app'), { recursive: true })
  const r = await helm(['lint', join(work, 'v2app')])
  assert.match(
    r.stdout,
    new RegExp(`\\[WARNING\\] ${join(work, 'v2app')}: chart directory is missing these dependencies: mast`),
  )
  await helm(['package', join(fixtures, 'alpine'), '-d', work])
  const a = await helm(['lint', 'alpine-0.1.0.tgz'], { cwd: work })
  assert.is(a.code, 0, a.stdout + a.stderr)
  assert.match(a.stdout, /^==> Linting alpine-0\.1\.0\.tgz\n/)
})
lint('should lint charts under charts/ with --with-subcharts', async () => {
  // The fixtures are Helm 2 charts without apiVersion, which Helm 4's lint calls an error.
  const r = await helm(['lint', 'alpine', '--with-subcharts'], { cwd: fixtures })
  assert.is(r.code, 1)
  assert.match(
    r.stdout,
    /==> Linting alpine\n[\s\S]*==> Linting alpine\/charts\/mast\n\[ERROR\] Chart\.yaml: apiVersion is required/,
  )
  // Helm 4.1.4 logs alpine's import-values whose tables mast lacks, then fails
  assert.is(
    r.stderr,
    [
      'level=WARN msg="ImportValues missing table" error="\\"exports\\" is not a table"',
      'level=WARN msg="ImportValues missing table from chart" chart=mast error="\\"a\\" is not a table"',
      'Error: 2 chart(s) linted, 2 chart(s) failed',
      '',
    ].join('\n'),
  )
})
lint.run()
