// Hostile templates: every one stops with one short line naming the file (and, where a function tripped
// the limit, the call), quickly and without exhausting memory. Small limits keep these fast.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chart } from '../../../src/domain/chart/Chart'
import { message } from '../../../src/domain/errors'
import { renderChart } from '../../../src/domain/render/Render'
import type { RenderLimits } from '../../../src/domain/go/Budget'
import { assertLeft, assertRight } from '../../helpers'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const chart = (templates: Record<string, string>, meta: Partial<Chart['metadata']> = {}, values = {}): Chart => ({
  metadata: { apiVersion: 'v2', name: 'c', version: '0.1.0', ...meta },
  requirements: [],
  templates: Object.entries(templates).map(([p, t]) => ({ path: `templates/${p}`, data: enc(t) })),
  values,
  rawValues: '',
  files: [],
  dependencies: [],
})
const opts = { releaseName: 'rel', namespace: 'ns', revision: 1, isInstall: true, isUpgrade: false }
const env = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n) }
const small: Partial<RenderLimits> = { maxSteps: 200_000, maxBytes: 4 << 20, maxOutputBytes: 1 << 20 }

/** The error line a render gives (it must fail), checked to be one short line and quick. */
const refusal = (c: Chart, limits: Partial<RenderLimits> = small, values = {}): string => {
  const started = Date.now()
  const text = message(assertLeft(renderChart(c, values, { ...opts, limits }, env)))
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`)
  assert.not.match(text, /\n/)
  assert.ok(text.length < 400, `${text.length} characters: ${text.slice(0, 200)}...`)
  assert.not.match(text, /Maximum call stack|Invalid string length/)
  return text
}

const growth = suite('render limits: values and text that grow without bound')
growth('should refuse a huge until, untilStep or seq before building it, naming the call', () => {
  for (const [t, call] of [
    ['{{ range until 100000000 }}x{{ end }}', 'until 100000000'],
    ['{{ untilStep 0 100000000 1 }}', 'untilStep 0 100000000 1'],
    ['{{ seq 100000000 }}', 'seq 100000000'],
  ]) {
    const text = refusal(chart({ 'a.yaml': t }), {}) // default limits: refused before anything is built
    assert.match(text, `template: c/templates/a.yaml:1:`)
    assert.match(text, `at <${call}>: error calling ${call.split(' ')[0]}: the templates would build more than 256 MiB`)
  }
})
growth('should refuse repeat, indent and replace that would build gigabytes', () => {
  for (const t of [
    '{{ repeat 200000000 "x" | quote }}',
    '{{ indent 100000000 "a\\nb" }}',
    '{{ replace "x" (repeat 10000 "y") (repeat 100000 "x") }}',
  ])
    assert.match(refusal(chart({ 'a.yaml': t })), 'the templates would build more than 4 MiB of text and values')
})
growth('should stop strings grown in a loop by printf and cat', () => {
  assert.match(
    refusal(
      chart({ 'a.yaml': '{{ $x := "x" }}{{ range until 100000 }}{{ $x = printf "%s%s" $x "yyyyyyyy" }}{{ end }}' }),
    ),
    /would build more than 4 MiB of text and values|exceeded 200000 steps/,
  )
  assert.match(
    refusal(chart({ 'a.yaml': '{{ $x := "xxxxxxxx" }}{{ range until 40 }}{{ $x = cat $x $x }}{{ end }}{{ $x }}' })),
    'would build more than 4 MiB',
  )
})
growth('should stop a map or list grown in a loop', () => {
  assert.match(
    refusal(chart({ 'a.yaml': '{{ $d := dict }}{{ range $i := 1000000 }}{{ $_ := set $d (print $i) $i }}{{ end }}' })),
    'would build more than 4 MiB',
  )
  assert.match(
    refusal(chart({ 'a.yaml': '{{ $l := list }}{{ range $i := 1000000 }}{{ $l = append $l $i }}{{ end }}' })),
    'would build more than 4 MiB',
  )
})
growth('should stop serialising or copying a value that shares itself exponentially', () => {
  const dag = '{{ $x := list "aaaaaaaa" }}{{ range until 40 }}{{ $x = list $x $x }}{{ end }}'
  for (const f of ['toYaml', 'toJson', 'toPrettyJson', 'toString', 'deepCopy', 'toToml'])
    assert.match(
      refusal(chart({ 'a.yaml': `${dag}{{ ${f} $x }}` })),
      /would build more than 4 MiB|exceeded 200000 steps/,
    )
  assert.match(refusal(chart({ 'a.yaml': `${dag}{{ $x }}` })), /would build more than 4 MiB|exceeded 200000 steps/)
})
growth('should stop random strings and quadratic list functions by steps', () => {
  assert.match(refusal(chart({ 'a.yaml': '{{ randAlphaNum 100000000 }}' })), 'exceeded 200000 steps')
  assert.match(refusal(chart({ 'a.yaml': '{{ uniq (until 10000) }}' })), 'exceeded 200000 steps')
})
growth('should refuse parsing a huge tpl text or fromYaml document before the parser runs', () => {
  assert.match(
    refusal(chart({ 'a.yaml': '{{ tpl (repeat 100000 "{{1}}") . }}' })),
    'error calling tpl: the templates would build',
  )
  assert.match(
    refusal(chart({ 'a.yaml': '{{ fromYaml (repeat 100000 "- 1\\n") }}' })),
    'error calling fromYaml: the templates would build',
  )
})
growth.run()

const output = suite('render limits: output')
output('should stop output past maxOutputBytes while it is written', () => {
  assert.is(
    refusal(chart({ 'a.yaml': `{{ range 100000 }}${'x'.repeat(100)}{{ end }}` })),
    'rendering c/templates/a.yaml stopped: the rendered output would exceed 1 MiB',
  )
})
output('should refuse output whose YAML would cost more nodes than maxOutputNodes to parse', () => {
  assert.is(
    refusal(chart({ 'a.yaml': '{{ range until 20000 }}- 1\n{{ end }}' }), { ...small, maxOutputNodes: 10_000 }),
    'rendering c/templates/a.yaml stopped: the rendered output would hold more than 10000 YAML nodes',
  )
})
output('should stop a loop by its step budget', () => {
  assert.is(
    refusal(chart({ 'a.yaml': '{{ range 100000000 }}{{ end }}' })),
    'rendering c/templates/a.yaml stopped: template execution exceeded 200000 steps',
  )
})
output.run()

const nesting = suite('render limits: recursion')
nesting("should stop a self-include with Helm's message at the outermost call, without the chain", () => {
  assert.is(
    refusal(chart({ 'a.yaml': 'x: {{ include "a" . }}', '_h.tpl': '{{ define "a" }}{{ include "a" . }}{{ end }}' })),
    'template: c/templates/a.yaml:1:6: executing "c/templates/a.yaml" at <include "a" .>: error calling include: rendering template has a nested reference name: a: unable to execute template',
  )
})
nesting('should stop mutually recursive defines, naming one of them', () => {
  assert.match(
    refusal(
      chart({
        'a.yaml': '{{ include "a" . }}',
        '_h.tpl': '{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ include "a" . }}{{ end }}',
      }),
    ),
    /error calling include: rendering template has a nested reference name: [ab]: unable to execute template$/,
  )
})
nesting('should stop a self-recursive tpl (Helm dies of a Go stack overflow there)', () => {
  assert.is(
    refusal(chart({ 'a.yaml': '{{ tpl "{{ tpl .T . }}" (dict "T" "{{ tpl .T . }}") }}' })),
    'template: c/templates/a.yaml:1:3: executing "c/templates/a.yaml" at <tpl "{{ tpl .T . }}" (dict "T" "{{ tpl .T . }}")>: error calling tpl: tpl calls nested more than 250 levels deep: unable to execute template',
  )
})
nesting('should stop tpl recursing through include and include through tpl', () => {
  assert.match(
    refusal(
      chart({
        'a.yaml': '{{ include "a" . }}',
        '_h.tpl': '{{ define "a" }}{{ tpl "{{ include \\"a\\" . }}" . }}{{ end }}',
      }),
    ),
    /error calling include: (rendering template has a nested reference name: a|tpl calls nested more than 250 levels deep): unable to execute template$/,
  )
})
nesting("should stop {{ template }} recursion with Go's text", () => {
  assert.is(
    refusal(chart({ 'a.yaml': '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}' })),
    'template: c/templates/a.yaml: exceeded maximum template depth (100000)',
  )
})
nesting('should refuse serialising a value built deeper than the nesting bound, or containing itself', () => {
  for (const build of [
    '{{ $d := dict }}{{ range until 5000 }}{{ $d = dict "a" $d }}{{ end }}',
    '{{ $d := dict }}{{ $_ := set $d "me" $d }}',
  ])
    for (const f of ['toYaml', 'toJson', 'deepCopy', 'toString'])
      assert.match(
        refusal(chart({ 'a.yaml': `${build}{{ ${f} $d }}` })),
        `error calling ${f}: a value is nested more than 500 levels deep (or contains itself)`,
      )
})
nesting('should stop mustache sections that multiply and partials that include themselves', () => {
  const l = { l: Array.from({ length: 100 }, () => 1) }
  assert.match(
    refusal(
      chart(
        { 'a.yaml': `${'{{#Values.l}}'.repeat(5)}xxxxxxxx${'{{/Values.l}}'.repeat(5)}` },
        { engine: 'mustache' },
        l,
      ),
      small,
      l,
    ),
    /rendering c\/templates\/a.yaml stopped: (template execution exceeded 200000 steps|the templates would build)/,
  )
  assert.is(
    refusal(chart({ 'a.yaml': '{{> _p}}', '_p.yaml': 'x{{> _p}}' }, { engine: 'mustache' })),
    'rendering c/templates/a.yaml stopped: sections and partials nested more than 250 levels deep',
  )
})
nesting.run()

const legit = suite('render limits: charts within them')
legit('should render include chains, tpl and toYaml of nested values under the defaults', () => {
  const deep: Record<string, unknown> = {}
  let cur = deep
  for (let i = 0; i < 450; i++) cur = cur.a = {} as Record<string, unknown>
  const out = assertRight(
    renderChart(
      chart(
        {
          'a.yaml': 'x: {{ include "a" . | len }} {{ tpl "{{ .Release.Name }}" . }} {{ toYaml .Values | len }}',
          '_h.tpl': '{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ toJson .Values }}{{ end }}',
        },
        {},
        deep,
      ),
      {},
      opts,
      env,
    ),
  )
  assert.match(out.files.get('c/templates/a.yaml') ?? '', /^x: \d+ rel \d+$/)
})
legit.run()
