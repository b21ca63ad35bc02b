import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chart } from '../../../src/domain/chart/Chart'
import { chartFromStarter, scaffoldChart } from '../../../src/domain/chart/Create'
import { checkDependencies, missingDependencies } from '../../../src/domain/chart/Dependencies'
import { assertRight } from '../../helpers'
import { buildChart } from '../../support/charts'

const create = suite('scaffoldChart / chartFromStarter')
create('should list the scaffold in the order helm create writes it, with the name filled in', () => {
  const files = assertRight(scaffoldChart('web'))
  assert.equal(
    files.slice(0, 3).map((f) => f.path),
    ['Chart.yaml', 'values.yaml', '.helmignore'],
  )
  assert.is(files.at(-1)?.path, 'templates/tests/test-connection.yaml')
  for (const f of files) assert.not.match(Buffer.from(f.data).toString(), /<CHARTNAME>/, f.path)
})
create('should refuse a name with a slash or a space', () => {
  assert.is(E.isLeft(scaffoldChart('a/b')), true)
  assert.is(E.isLeft(scaffoldChart('a b')), true)
})
create('should rename a starter and its placeholders', () => {
  const starter = buildChart({
    name: 'starter',
    version: '1.0.0',
    templates: { 'a.yaml': '{{ include "<CHARTNAME>.x" . }}' },
    rawValues: 'n: <CHARTNAME>\n',
  })
  const files = assertRight(chartFromStarter(starter, 'mine'))
  const text = (p: string) => Buffer.from(files.find((f) => f.path === p)?.data ?? []).toString()
  assert.is(text('Chart.yaml'), 'apiVersion: v2\nname: mine\nversion: 1.0.0\n')
  assert.is(text('values.yaml'), 'n: mine\n')
  assert.is(text('templates/a.yaml'), '{{ include "mine.x" . }}')
})
create.run()

const deps = suite('checkDependencies')
deps('should name the declared dependencies missing from charts/', () => {
  const sub = (name: string): Chart => buildChart({ name, version: '1.0.0' })
  const chart = buildChart({
    name: 'top',
    version: '1.0.0',
    requirements: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
    dependencies: [sub('b')],
  })
  assert.equal(missingDependencies(chart), ['a', 'c'])
  assert.equal(
    checkDependencies(chart, 'top'),
    E.left({
      _tag: 'InvalidChartFile',
      path: 'top',
      problems: ['found in Chart.yaml, but missing in charts/ directory: a, c'],
    }),
  )
  assert.ok(E.isRight(checkDependencies({ ...chart, requirements: [{ name: 'b' }] }, 'top')))
})
deps.run()
