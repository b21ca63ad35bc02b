// `helm template` (the bundle, as a process) on hostile charts and values: exit 1 with one `Error:` line (and
// Helm's --debug hint), no V8 dump, no stack trace, within a 1.5 GiB heap (V8 would abort past it).
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const bin = resolve(import.meta.dirname, '../../../bin/helm')
const scratch = mkdtempSync(join(tmpdir(), 'tpl-hostile-'))

const chartDir = (name: string, files: Record<string, string>): string => {
  const root = join(scratch, name)
  for (const [p, text] of Object.entries({
    'Chart.yaml': `apiVersion: v1\nname: ${name}\nversion: 0.1.0\n`,
    ...files,
  })) {
    mkdirSync(join(root, p, '..'), { recursive: true })
    writeFileSync(join(root, p), text)
  }
  return root
}

const template = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(
      process.execPath,
      ['--max-old-space-size=1536', bin, 'template', ...args],
      { env: { ...process.env, HOME: scratch, HELM_HOME: join(scratch, '.helm') }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  )

/** The error line of a failed `helm template` (exit 1, one line, Helm's hint after a render error). */
const refused = async (args: string[]): Promise<string> => {
  const r = await template(args)
  assert.is(r.code, 1, r.stderr.slice(0, 500))
  assert.is(r.stdout, '')
  const [line, ...rest] = r.stderr.split('\n')
  assert.ok(rest.join('\n') === '' || rest.join('\n') === '\nUse --debug flag to render out invalid YAML\n', r.stderr)
  assert.ok(line!.startsWith('Error: '), line)
  assert.ok(line!.length < 400, `${line!.length} characters`)
  assert.not.match(r.stderr, /Maximum call stack|heap out of memory|Last few GCs|\n\s+at /)
  return line!
}

const cases: ReadonlyArray<readonly [string, Record<string, string>, string[], RegExp]> = [
  [
    'until',
    { 'templates/cm.yaml': '{{ range until 100000000 }}x{{ end }}' },
    [],
    /^Error: template: until\/templates\/cm\.yaml:1:9: executing "until\/templates\/cm\.yaml" at <until 100000000>: error calling until: the templates would build more than 256 MiB of text and values$/,
  ],
  [
    'selfinc',
    { 'templates/cm.yaml': '{{ define "a" }}{{ include "a" . }}{{ end }}{{ include "a" . }}' },
    [],
    /^Error: template: selfinc\/templates\/cm\.yaml:1:47: executing "selfinc\/templates\/cm\.yaml" at <include "a" \.>: error calling include: rendering template has a nested reference name: a: unable to execute template$/,
  ],
  [
    'mutual',
    {
      'templates/_h.tpl': '{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ include "a" . }}{{ end }}',
      'templates/cm.yaml': '{{ include "a" . }}',
    },
    [],
    /error calling include: rendering template has a nested reference name: [ab]: unable to execute template$/,
  ],
  [
    'selftpl',
    { 'templates/cm.yaml': '{{ tpl "{{ tpl .T . }}" (dict "T" "{{ tpl .T . }}") }}' },
    [],
    /error calling tpl: tpl calls nested more than 250 levels deep: unable to execute template$/,
  ],
  [
    'big',
    { 'templates/cm.yaml': 'kind: ConfigMap\ndata:\n  x: {{ repeat 200000000 "x" | quote }}\n' },
    [],
    /^Error: rendering big\/templates\/cm\.yaml stopped: the templates would build more than 256 MiB of text and values$/,
  ],
  [
    'deepvalues',
    { 'templates/cm.yaml': 'a: 1\n', 'deep.yaml': `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n` },
    ['-f', 'DIR/deep.yaml'],
    /^Error: failed to parse .*deep\.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: exceeded max depth of 500$/,
  ],
  [
    'deepchart',
    {
      'templates/cm.yaml': 'a: 1\n',
      'values.yaml': `b: 1\na: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`,
    },
    [],
    /^Error: .*deepchart\/values\.yaml: yaml: line 2: exceeded max depth of 500$/,
  ],
]

const hostile = suite('helm template: hostile charts')
hostile('should end each with one clear line, within a bounded heap', async () => {
  // two at a time: each is a process of its own
  for (let i = 0; i < cases.length; i += 2)
    await Promise.all(
      cases.slice(i, i + 2).map(async ([name, files, extra, expected]) => {
        const dir = chartDir(name, files)
        const line = await refused([dir, ...extra.map((a) => a.replace('DIR', dir))])
        assert.match(line, expected, `${name}: ${line}`)
      }),
    )
})
hostile.run()
