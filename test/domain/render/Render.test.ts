import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chart } from '../../../src/domain/chart/Chart'
import { message } from '../../../src/domain/errors'
import { renderChart } from '../../../src/domain/render/Render'
import { assertLeft, assertRight } from '../../helpers'
import { buildChart, type ChartSpec } from '../../support/charts'

const chart = (
  name: string,
  templates: Record<string, string>,
  extra: Pick<ChartSpec, 'values' | 'files' | 'dependencies'> & { meta?: Partial<Chart['metadata']> } = {},
): Chart => {
  const { meta, ...rest } = extra
  return buildChart({ name, templates, ...rest, ...(meta ? { metadata: meta } : {}) })
}
const opts = { releaseName: 'rel', namespace: 'ns', revision: 1, isInstall: true, isUpgrade: false }
const env = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n) }

const r = suite('renderChart')
r('should render every chart of the tree with its own scope and split off NOTES.txt', () => {
  const sub = chart(
    'sub',
    { 'a.yaml': 'sub: {{ .Values.x }} {{ .Values.global.g }} {{ .Chart.IsRoot }}', 'NOTES.txt': 'sub notes' },
    { values: { x: 'dflt' } },
  )
  const top = chart(
    'top',
    {
      'a.yaml': 'top: {{ .Values.sub.x }} {{ .Release.Name }}',
      'NOTES.txt': 'top notes {{ .Release.Namespace }}',
      '_h.tpl': '{{ define "x" }}{{ end }}',
    },
    {
      values: { global: { g: 'G' }, sub: { x: 'over' } },
      dependencies: [sub],
    },
  )
  const out = assertRight(renderChart(top, {}, opts, env))
  assert.equal([...out.files.entries()].sort(), [
    ['top/charts/sub/templates/a.yaml', 'sub: over G false'],
    ['top/templates/a.yaml', 'top: over rel'],
  ])
  assert.is(out.notes, 'top notes ns')
  assert.is(assertRight(renderChart(top, {}, { ...opts, subNotes: true }, env)).notes, 'sub notes\ntop notes ns')
  assert.equal((out.values.sub as Record<string, unknown>).x, 'over')
})
r('should refuse a chart whose kubeVersion does not match, and a bad --kube-version', () => {
  const c = chart('k', { 'a.yaml': 'a: 1' }, { meta: { kubeVersion: '>=1.36.0-0' } })
  assert.is(
    message(assertLeft(renderChart(c, {}, opts, env))),
    'chart requires kubeVersion: >=1.36.0-0 which is incompatible with Kubernetes v1.35.0',
  )
  assertRight(renderChart(c, {}, { ...opts, kubeVersion: 'v1.36.2' }, env))
  assert.is(assertLeft(renderChart(c, {}, { ...opts, kubeVersion: 'x' }, env))._tag, 'InvalidKubeVersion')
})
r('should warn about an unknown engine and render with gotpl; render mustache charts with mustache', () => {
  const warnings: string[] = []
  const odd = chart('odd', { 'a.yaml': 'a: {{ .Release.Name }}' }, { meta: { engine: 'jinja' } })
  assert.is(
    assertRight(renderChart(odd, {}, opts, { ...env, warn: (m) => warnings.push(m) })).files.get(
      'odd/templates/a.yaml',
    ),
    'a: rel',
  )
  assert.equal(warnings, ['warning: odd requested non-existent template engine jinja'])
  const m = chart(
    'm',
    { 'a.yaml': 'a: {{Release.Name}} {{Values.v}}' },
    { meta: { engine: 'mustache' }, values: { v: '<&>' } },
  )
  assert.is(assertRight(renderChart(m, {}, opts, env)).files.get('m/templates/a.yaml'), 'a: rel <&>')
})
r('should render only partials of a library chart, and honour strict and lint modes', () => {
  const lib = chart(
    'lib',
    { 'a.yaml': 'never', '_l.tpl': '{{ define "lib.x" }}from lib{{ end }}' },
    { meta: { type: 'library' } },
  )
  const top = chart('top', { 'a.yaml': 'a: {{ include "lib.x" . }}' }, { dependencies: [lib] })
  assert.equal([...assertRight(renderChart(top, {}, opts, env)).files.keys()], ['top/templates/a.yaml'])
  const strict = chart('s', { 'a.yaml': 'a: {{ .Values.nope }}' })
  assert.match(
    message(assertLeft(renderChart(strict, {}, { ...opts, strict: true }, env))),
    'map has no entry for key "nope"',
  )
  const linted = chart('l', { 'a.yaml': 'a: {{ required "need it" .Values.x }}{{ fail "stop" }}' })
  const heard: string[] = []
  assert.is(
    assertRight(renderChart(linted, {}, { ...opts, lintMode: true }, { ...env, warn: (w) => heard.push(w) })).files.get(
      'l/templates/a.yaml',
    ),
    'a: ',
  )
  assert.is(heard.length, 2)
})
r('should expose .Files, .Capabilities with extra API versions, and .Template', () => {
  const c = chart(
    'f',
    {
      'a.yaml':
        '{{ .Files.Get "x.txt" }} {{ .Capabilities.APIVersions.Has "my.io/v1" }} {{ .Capabilities.KubeVersion.GitVersion }} {{ .Template.BasePath }}',
    },
    { files: { 'x.txt': 'X' } },
  )
  assert.is(
    assertRight(renderChart(c, {}, { ...opts, apiVersions: ['my.io/v1'], kubeVersion: '1.29' }, env)).files.get(
      'f/templates/a.yaml',
    ),
    'X true v1.29 f/templates',
  )
})
r('should stop a runaway template at the step budget with a clear error', () => {
  const c = chart('loop', { 'a.yaml': '{{ range until 1000 }}{{ range until 1000 }}x{{ end }}{{ end }}' })
  const started = Date.now()
  assert.match(
    message(assertLeft(renderChart(c, {}, { ...opts, maxSteps: 100000 }, env))),
    'template execution exceeded 100000 steps',
  )
  assert.ok(Date.now() - started < 2000)
})
r.run()

const logs = suite('renderChart: what Helm 4 logs while computing values')
const importing = (): Chart => ({
  ...chart(
    'p',
    { 'a.yaml': 'a: 1' },
    { values: { scal: 3 }, dependencies: [chart('ch', {}, { values: { x: 1, exports: { e: { a: 1 } } } })] },
  ),
  requirements: [
    {
      name: 'ch',
      version: '0.1.0',
      repository: 'file://x',
      importValues: [{ child: 'nothere', parent: 'imp' }, 'missingexport', 'e'],
    },
  ],
})
logs(
  'should give coalescing warnings (INFO) and import-values without a table (WARN) to env.warn in Helm 4.1.4 order and text',
  () => {
    const seen: string[] = []
    const out = assertRight(
      renderChart(importing(), { scal: { x: 1 } }, opts, { ...env, warn: (m) => void seen.push(m) }),
    )
    // dependency processing coalesces once, imports, then the render values are coalesced again
    assert.equal(seen, [
      'level=INFO msg="warning: skipped value for p.scal: Not a table."',
      'level=WARN msg="ImportValues missing table from chart" chart=ch error="\\"nothere\\" is not a table"',
      'level=WARN msg="ImportValues missing table" error="\\"missingexport\\" is not a table"',
      'level=INFO msg="warning: skipped value for p.scal: Not a table."',
    ])
    // the import that exists still happens
    assert.is(out.values.a, 1)
  },
)
logs('should hand the records to env.log instead when given, and log nothing for a clean chart', () => {
  const seen: unknown[] = []
  const warned: string[] = []
  renderChart(importing(), {}, opts, { ...env, warn: (m) => void warned.push(m), log: (r) => void seen.push(r) })
  assert.equal(seen, [
    {
      level: 'WARN',
      msg: 'ImportValues missing table from chart',
      attrs: [
        ['chart', 'ch'],
        ['error', '"nothere" is not a table'],
      ],
    },
    { level: 'WARN', msg: 'ImportValues missing table', attrs: [['error', '"missingexport" is not a table']] },
  ])
  assert.equal(warned, [])
  const quiet: string[] = []
  assertRight(
    renderChart(chart('c', { 'a.yaml': 'a: 1' }, { values: { t: { a: 1 } } }), { t: { b: 2 } }, opts, {
      ...env,
      warn: (m) => void quiet.push(m),
    }),
  )
  assert.equal(quiet, [])
})
logs.run()
