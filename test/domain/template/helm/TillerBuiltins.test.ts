// What a template sees when Tiller renders it: Helm v2's built-in objects (chartutil.ToRenderValuesCaps).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chart } from '../../../../src/domain/chart/Chart'
import { message } from '../../../../src/domain/errors'
import { renderChart } from '../../../../src/domain/render/Render'
import { assertLeft, assertRight } from '../../../helpers'
import { buildChart } from '../../../support/charts'

const chart = (text: string): Chart => buildChart({ apiVersion: 'v1', name: 'c', templates: { 't.yaml': text } })
const base = { releaseName: 'web', namespace: 'ns', revision: 3, isInstall: false, isUpgrade: true }
const tiller = {
  version: { semVer: 'v2.17.0', gitCommit: 'a690bad98af45b015bd3da1a41f6218b1a451dbe', gitTreeState: 'clean' },
  time: new Date(1_600_000_000_250),
}
const env = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n) }
const render = (text: string, withTiller: boolean) =>
  renderChart(chart(text), {}, withTiller ? { ...base, tiller } : base, env)
const out = (text: string, withTiller = true) => assertRight(render(text, withTiller)).files.get('c/templates/t.yaml')

const objects = suite('render: Helm v2 Tiller objects')
objects('should give .Release.Service "Tiller" and .Release.Time as v2 does, "Helm" without them', () => {
  assert.is(out('{{ .Release.Service }}'), 'Tiller')
  assert.is(out('{{ .Release.Service }}', false), 'Helm')
  // a *timestamp.Timestamp: protobuf compact text, trailing space included
  assert.is(
    out('{{ .Release.Time }}|{{ .Release.Time.Seconds }}|{{ .Release.Time.Nanos }}'),
    'seconds:1600000000 nanos:250000000 |1600000000|250000000',
  )
  assert.is(
    out('{{ .Release | toJson }}'),
    '{"IsInstall":false,"IsUpgrade":true,"Name":"web","Namespace":"ns","Revision":3,"Service":"Tiller","Time":{"nanos":250000000,"seconds":1600000000}}',
  )
})
objects('should give .Capabilities.TillerVersion as v2 prints it and no HelmVersion', () => {
  assert.is(
    out('{{ .Capabilities.TillerVersion }}'),
    'sem_ver:"v2.17.0" git_commit:"a690bad98af45b015bd3da1a41f6218b1a451dbe" git_tree_state:"clean" ',
  )
  assert.is(
    out(
      '{{ .Capabilities.TillerVersion.SemVer }} {{ .Capabilities.TillerVersion.GetGitTreeState }} {{ semverCompare ">=2.10" .Capabilities.TillerVersion.SemVer }}',
    ),
    'v2.17.0 clean true',
  )
  assert.is(out('{{ .Capabilities.KubeVersion.GitVersion }}'), 'v1.35.0')
  assert.match(message(assertLeft(render('{{ .Capabilities.HelmVersion }}', true))), /can't evaluate field HelmVersion/)
  assert.match(
    message(assertLeft(render('{{ .Capabilities.TillerVersion }}', false))),
    /can't evaluate field TillerVersion/,
  )
})
objects('should leave empty version fields out of the printed version', () => {
  const bare = renderChart(
    chart('{{ .Capabilities.TillerVersion }}'),
    {},
    {
      ...base,
      tiller: { ...tiller, version: { semVer: 'v2.17.0', gitCommit: '', gitTreeState: '' } },
    },
    env,
  )
  assert.is(assertRight(bare).files.get('c/templates/t.yaml'), 'sem_ver:"v2.17.0" ')
})
objects.run()
