// The one ChartEngine contract every engine runs (the in-process one and the render workers):
// `chartEngineContract('<engine>', () => <engine>)`.
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ChartEngine } from '../../src/app/tiller/Deps'
import type { Chart } from '../../src/domain/chart/Chart'
import { message } from '../../src/domain/errors'
import { int } from '../../src/domain/go/Value'
import type { LogRecord } from '../../src/domain/values/LogRecord'

const enc = new TextEncoder()

/** A chart with a subchart, a partial, NOTES.txt and a Go integer in its values. */
export const engineChart = (templates: Record<string, string> = {}): Chart => ({
  metadata: { apiVersion: 'v2', name: 'top', version: '0.1.0' },
  requirements: [],
  templates: Object.entries({
    'cm.yaml':
      'kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  n: {{ .Values.n | quote }}\n  t: {{ printf "%T" .Values.n }}\n  s: {{ include "h" . }}\n  r: {{ randAlphaNum 8 | len }}\n  d: {{ now | date "2006" }}',
    '_h.tpl': '{{ define "h" }}{{ .Values.sub.x }}{{ end }}',
    'NOTES.txt': 'notes of {{ .Release.Name }}',
    ...templates,
  }).map(([p, t]) => ({ path: `templates/${p}`, data: enc.encode(t) })),
  values: { n: int(7), sub: { x: 'from-parent' } },
  rawValues: '',
  files: [],
  dependencies: [
    {
      metadata: { apiVersion: 'v2', name: 'sub', version: '1.0.0' },
      requirements: [],
      templates: [{ path: 'templates/s.yaml', data: enc.encode('sub: {{ .Values.x }}') }],
      values: { x: 'default' },
      rawValues: '',
      files: [],
      dependencies: [],
    },
  ],
})

const opts = { releaseName: 'rel', namespace: 'ns', revision: 1, isInstall: true, isUpgrade: false }
const env = (warn: string[] = [], log?: LogRecord[]) => ({
  now: () => new Date(Date.UTC(2031, 0, 2)),
  randomBytes: (n: number) => new Uint8Array(n).fill(7),
  warn: (m: string) => warn.push(m),
  ...(log ? { log: (r: LogRecord) => log.push(r) } : {}),
})

export const chartEngineContract = (name: string, engine: () => ChartEngine): void => {
  const s = suite(`ChartEngine contract: ${name}`)
  s('should render every file of the tree with the caller clock and values, Go integers intact', async () => {
    const r = await engine().render(engineChart(), { sub: { x: 'user' } }, opts, env())()
    assert.ok(E.isRight(r), E.isLeft(r) ? message(r.left) : '')
    if (E.isLeft(r)) return
    assert.is(
      r.right.files.get('top/templates/cm.yaml'),
      'kind: ConfigMap\nmetadata:\n  name: rel\ndata:\n  n: "7"\n  t: int\n  s: user\n  r: 8\n  d: 2031',
    )
    assert.is(r.right.files.get('top/charts/sub/templates/s.yaml'), 'sub: user')
    assert.is(r.right.notes, 'notes of rel')
    assert.equal(r.right.values.n, int(7))
    assert.equal(r.right.chart.dependencies[0]?.metadata.name, 'sub')
  })
  s("should fail with the template engine's error", async () => {
    const r = await engine().render(engineChart({ 'bad.yaml': '{{ fail "no" }}' }), {}, opts, env())()
    assert.ok(E.isLeft(r))
    if (E.isLeft(r)) assert.is(message(r.left), 'execution error at (top/templates/bad.yaml:1:3): no')
  })
  s('should pass warnings and log records to the caller', async () => {
    const warn: string[] = []
    const log: LogRecord[] = []
    const c = { ...engineChart(), metadata: { ...engineChart().metadata, engine: 'jinja' } }
    const r = await engine().render(c, { n: { a: 1 } }, opts, env(warn, log))()
    assert.ok(E.isRight(r))
    assert.equal(warn, ['warning: top requested non-existent template engine jinja'])
    assert.equal(log, [{ level: 'INFO', msg: 'warning: skipped value for top.n: Not a table.', attrs: [] }])
  })
  s('should stop a render at its limits with one line naming the file', async () => {
    const r = await engine().render(
      engineChart({ 'loop.yaml': '{{ range 100000000 }}{{ end }}' }),
      {},
      { ...opts, limits: { maxSteps: 10_000 } },
      env(),
    )()
    assert.ok(E.isLeft(r))
    if (E.isLeft(r))
      assert.is(message(r.left), 'rendering top/templates/loop.yaml stopped: template execution exceeded 10000 steps')
  })
  s('should coalesce values as Helm does', () => {
    assert.equal(
      engine().coalesce(engineChart(), { sub: { x: 'u' } }),
      E.right({ n: int(7), sub: { x: 'u', global: {} } }),
    )
  })
  s.run()
}
