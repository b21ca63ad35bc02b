import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { gotplEngine, parseOrder } from '../../../src/domain/template/GotplEngine'
import { flowFuncs, lookupFunc } from '../../../src/domain/template/helm/Functions'
import type { GoMap } from '../../../src/domain/go/Value'
import { assertLeft, assertRight } from '../../helpers'

const job = (name: string, text: string, scope: GoMap = { Values: {} }) => ({
  name,
  text,
  scope,
  basePath: name.slice(0, name.lastIndexOf('/')),
})
const funcs = { ...flowFuncs(), ...lookupFunc() }
const render = (...jobs: ReturnType<typeof job>[]) => gotplEngine.render(jobs, { funcs, strict: false })
const errorText = (...jobs: ReturnType<typeof job>[]): string => (assertLeft(render(...jobs)) as { text: string }).text

const order = suite('gotpl engine: parse order')
order('should parse deeper paths first and equal depths in reverse lexical order', () => {
  assert.equal(parseOrder(['c/templates/a.yaml', 'c/charts/s/templates/x.yaml', 'c/templates/b.yaml']), [
    'c/charts/s/templates/x.yaml',
    'c/templates/b.yaml',
    'c/templates/a.yaml',
  ])
})
order('should let the parent chart define win over a subchart define of the same name, and skip partials', () => {
  const out = assertRight(
    render(
      job('c/templates/a.yaml', 'a: {{ template "h" . }}'),
      job('c/templates/_h.tpl', '{{ define "h" }}parent{{ end }}'),
      job('c/charts/s/templates/_h.tpl', '{{ define "h" }}sub{{ end }}'),
    ),
  )
  assert.equal([...out], [['c/templates/a.yaml', 'a: parent']])
})
order.run()

const fns = suite('gotpl engine: include, tpl, .Template, <no value>')
fns('should give tpl the caller .Template, let its defines be included, and strip <no value>', () => {
  const out = assertRight(
    render(
      job(
        'c/templates/a.yaml',
        'a: {{ tpl "{{ .Template.Name }} {{ define \\"in\\" }}X{{ end }}{{ include \\"in\\" . }}" . }} {{ .Values.none }}|',
      ),
    ),
  )
  assert.is(out.get('c/templates/a.yaml'), 'a: c/templates/a.yaml X |')
})
fns("should stop runaway include recursion with Helm's message at the outermost call, without the chain", () => {
  assert.is(
    errorText(
      job('c/templates/a.yaml', 'a: {{ include "h" . }}'),
      job('c/templates/_h.tpl', '{{ define "h" }}{{ include "h" . }}{{ end }}'),
    ),
    'template: c/templates/a.yaml:1:6: executing "c/templates/a.yaml" at <include "h" .>: error calling include: rendering template has a nested reference name: h: unable to execute template',
  )
})
fns.run()

// Expected texts: what real Helm 4.1.4 printed after "Error: " for the same templates.
const errs = suite('gotpl engine: errors as Helm 4 prints them')
errs('should report fail and required (also inside include and tpl) as execution errors at the outer call', () => {
  assert.is(
    errorText(job('c/templates/a.yaml', 'a: {{ fail "stop here" }}')),
    'execution error at (c/templates/a.yaml:1:6): stop here',
  )
  assert.is(
    errorText(job('c/templates/a.yaml', 'a: {{ tpl "{{ fail \\"boom\\" }}" . }}')),
    'execution error at (c/templates/a.yaml:1:6): boom',
  )
  assert.is(
    errorText(
      job('c/templates/a.yaml', 'a: {{ include "h" . }}'),
      job('c/templates/_h.tpl', '{{ define "h" }}\n{{ required "need x" .Values.x }}{{ end }}'),
    ),
    'execution error at (c/templates/a.yaml:1:6): need x',
  )
})
errs('should report parse errors by file and line', () => {
  assert.is(
    errorText(job('c/templates/a.yaml', 'a: {{ if .Values.x }}\n')),
    'parse error at (c/templates/a.yaml:2): unexpected EOF',
  )
})
errs('should trace nil pointers through include', () => {
  assert.is(
    errorText(
      job('c/templates/a.yaml', 'a: {{ include "h" . }}'),
      job('c/templates/_h.tpl', '{{ define "h" }}\n{{ .Values.missing.key }}{{ end }}'),
    ),
    'c/templates/a.yaml:1:6\n  executing "c/templates/a.yaml" at <include "h" .>:\n    error calling include:\nc/templates/_h.tpl:2:10\n  executing "h" at <.Values.missing.key>:\n    nil pointer evaluating interface {}.key',
  )
})
errs('should keep tpl failures on one line', () => {
  assert.is(
    errorText(job('c/templates/a.yaml', 'a: {{ tpl "{{ .Values.x.y }}" . }}')),
    'template: c/templates/a.yaml:1:6: executing "c/templates/a.yaml" at <tpl "{{ .Values.x.y }}" .>: error calling tpl: error during tpl function execution for "{{ .Values.x.y }}": template: gotpl:1:10: executing "gotpl" at <.Values.x.y>: nil pointer evaluating interface {}.y',
  )
})
errs.run()
