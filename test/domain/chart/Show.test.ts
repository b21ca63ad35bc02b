import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { inspectChart, showChart } from '../../../src/domain/chart/Show'
import { buildChart } from '../../support/charts'

const chart = buildChart({
  apiVersion: 'v1',
  name: 'a',
  version: '1.0.0',
  metadata: { engine: 'gotpl' },
  requirements: [{ name: 'b', version: '1.0.0', repository: 'https://x' }],
  values: { x: 1 },
  rawValues: 'x: 1\n',
  files: { 'README.md': '# A', 'crds/c.yaml': 'kind: CRD', 'docs/readme.md': 'not this one' },
})

const show = suite('showChart / inspectChart')
show('should print Helm 4 metadata for show chart', () => {
  assert.is(
    showChart(chart, 'chart'),
    'apiVersion: v1\ndependencies:\n- name: b\n  repository: https://x\n  version: 1.0.0\nname: a\nversion: 1.0.0\n\n',
  )
})
show('should print v2 metadata for inspect chart', () => {
  assert.is(inspectChart(chart, 'chart'), 'apiVersion: v1\nengine: gotpl\nname: a\nversion: 1.0.0\n\n')
})
show('should separate parts with --- and prefix CRDs', () => {
  assert.match(showChart(chart, 'all'), /\n---\nx: 1\n\n---\n# A\n---\nkind: CRD\n$/)
  assert.is(inspectChart({ ...chart, files: [] }, 'all').endsWith('---\nx: 1\n\n---\n'), true)
})
show.run()
