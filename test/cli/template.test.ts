import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../helpers'
import { writeChartDir } from '../support/charts'

const chartDir = (files: Record<string, string>): string =>
  writeChartDir({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n', ...files }, { name: 'demo' })

const demo = chartDir({
  'values.yaml': 'who: world\n',
  'templates/cm.yaml':
    'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  who: {{ .Values.who }}\n  ns: {{ .Release.Namespace }}\n  up: "{{ .Release.IsUpgrade }}"\n',
  'templates/NOTES.txt': 'Hello {{ .Values.who }}\n',
})

const cmd = suite('helm template: arguments and flags')
cmd('should accept NAME CHART and CHART with --name, defaulting the name to release-name', async () => {
  const a = await helm(['template', 'first', demo])
  assert.is(a.code, 0)
  assert.ok(a.stdout.includes('  name: first\n'))
  const b = await helm(['template', demo, '--name', 'second'])
  assert.ok(b.stdout.includes('  name: second\n'))
  const c = await helm(['template', demo])
  assert.ok(c.stdout.includes('  name: release-name\n'))
})
cmd('should print each document after ---/# Source: and take values, namespace and --is-upgrade', async () => {
  const r = await helm(['template', 'x', demo, '--set', 'who=you', '--namespace', 'prod', '--is-upgrade'])
  assert.is(
    r.stdout,
    '---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\ndata:\n  who: you\n  ns: prod\n  up: "true"\n',
  )
})
cmd("should render Helm 4's objects by default and Helm v2 Tiller's with --as-tiller", async () => {
  const v2 = chartDir({
    'templates/cm.yaml':
      'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n  labels:\n    heritage: {{ .Release.Service }}\ndata:\n  tiller: {{ .Capabilities.TillerVersion.SemVer | default "none" }}\n',
  })
  const h4 = await helm(['template', v2])
  assert.is(h4.code, 1)
  assert.match(h4.stderr, /can't evaluate field TillerVersion/)
  const tiller = await helm(['template', v2, '--as-tiller'])
  assert.is(tiller.code, 0, tiller.stderr)
  assert.ok(tiller.stdout.includes('    heritage: Tiller\ndata:\n  tiller: v2.17.0\n'), tiller.stdout)
  const service = chartDir({
    'templates/cm.yaml': 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: {{ .Release.Service }}\n',
  })
  assert.ok((await helm(['template', service])).stdout.includes('  name: Helm\n'))
  assert.ok((await helm(['template', service, '--as-tiller'])).stdout.includes('  name: Tiller\n'))
})
cmd('should render the name from --name-template', async () => {
  const r = await helm(['template', demo, '--name-template', '{{ "abc" | upper }}-{{ add 1 2 }}'])
  assert.ok(r.stdout.includes('  name: ABC-3\n'))
})
cmd('should add NOTES.txt with --notes', async () => {
  const r = await helm(['template', 'x', demo, '--notes'])
  // printed as rendered, after the trimmed manifest, with a line break after it (v2's Fprintln of the text)
  assert.ok(r.stdout.endsWith('---\n# Source: demo/templates/NOTES.txt\nHello world\n\n'), r.stdout)
})
cmd('should write files under --output-dir and say so', async () => {
  const out = mkdtempSync(join(tmpdir(), 'tpl-out-'))
  const r = await helm(['template', 'x', demo, '--output-dir', out])
  assert.is(r.code, 0)
  const file = join(out, 'demo/templates/cm.yaml')
  assert.is(r.stdout, `wrote ${file}\n\n`)
  assert.ok(readFileSync(file, 'utf8').startsWith('---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\n'))
})
cmd("should fail on a missing chart and a bad --kube-version with Helm's words", async () => {
  const r = await helm(['template', 'x', join(demo, 'nope')])
  assert.is(r.code, 1)
  assert.ok(r.stderr.startsWith('Error: '))
  const k = await helm(['template', 'x', demo, '--kube-version', 'abc'])
  assert.is(k.stderr, `Error: invalid kube version 'abc': could not parse "abc" as version\n`)
})
cmd('should refuse YAML alias bombs in chart files and in values files, quickly', async () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
  for (let i = 1; i < 12; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    )
  const bomb = `${lines.join('\n')}\n`
  const dir = chartDir({
    'bomb.yaml': bomb,
    'templates/a.yaml': 'x: {{ (fromYaml (.Files.Get "bomb.yaml")).Error | quote }}\n',
  })
  const started = Date.now()
  const r = await helm(['template', 'x', dir])
  assert.match(r.stdout, 'yaml: document contains excessive aliasing')
  writeFileSync(join(dir, 'values-bomb.yaml'), bomb)
  const v = await helm(['template', 'x', dir, '-f', join(dir, 'values-bomb.yaml')])
  assert.is(v.code, 1)
  assert.match(v.stderr, 'excessive aliasing')
  assert.ok(Date.now() - started < 5000)
})
cmd('should find a repository reference through $HELM_HOME when CHART is not a local path', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tpl-home-'))
  const stored = chartDir({ 'templates/a.yaml': 'a: {{ .Chart.Name }}\n' })
  mkdirSync(join(home, 'repository', 'myrepo'), { recursive: true })
  const { cpSync } = await import('node:fs')
  cpSync(stored, join(home, 'repository', 'myrepo', 'demo'), { recursive: true })
  const r = await helm(['template', 'x', 'myrepo/demo', '--home', home], { cwd: home })
  assert.is(r.stdout, '---\n# Source: demo/templates/a.yaml\na: demo\n')
})
cmd.run()
