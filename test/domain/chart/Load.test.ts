import { Buffer } from 'node:buffer'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ChartFile } from '../../../src/domain/chart/Chart'
import { loadChartArchive, loadChartFromFiles } from '../../../src/domain/chart/Load'
import { chartArchiveBytes } from '../../../src/domain/chart/Save'
import * as E from 'fp-ts/Either'
import { message } from '../../../src/domain/errors'
import { assertLeft, assertRight } from '../../helpers'

const files = (tree: Record<string, string | Uint8Array>): ChartFile[] =>
  Object.entries(tree).map(([path, d]) => ({ path, data: typeof d === 'string' ? Buffer.from(d) : d }))
const paths = (fs: ReadonlyArray<ChartFile>) => fs.map((f) => f.path).sort()

const sub = { 'Chart.yaml': 'name: sub\nversion: 0.2.0\n', 'values.yaml': 'x: 1\n', 'templates/a.yaml': 'kind: A\n' }

const load = suite('loadChartFromFiles')
load('should split a v1 chart into metadata, values, templates, files and requirements', () => {
  const c = assertRight(
    loadChartFromFiles(
      files({
        'Chart.yaml': 'name: demo\nversion: 0.1.0\nappVersion: 1.10\n',
        'values.yaml': 'replicas: 2\nenabled: on\n',
        'templates/deploy.yaml': 'kind: Deployment\n',
        'templates/_helpers.tpl': '{{ define "x" }}{{ end }}',
        'README.md': '# demo\n',
        'crds/crd.yaml': 'kind: CustomResourceDefinition\n',
        'requirements.yaml': 'dependencies:\n- name: sub\n  version: 0.2.0\n  repository: file://charts/sub\n',
        'requirements.lock':
          'dependencies:\n- name: sub\n  version: 0.2.0\ndigest: sha256:1\ngenerated: 2019-01-01T00:00:00Z\n',
        ...Object.fromEntries(Object.entries(sub).map(([k, v]) => [`charts/sub/${k}`, v])),
      }),
      'demo',
    ),
  )
  assert.equal(c.metadata, { apiVersion: 'v1', name: 'demo', version: '0.1.0', appVersion: '1.1' })
  assert.equal(c.values, { replicas: 2, enabled: true })
  assert.is(c.rawValues, 'replicas: 2\nenabled: on\n')
  assert.equal(paths(c.templates), ['templates/_helpers.tpl', 'templates/deploy.yaml'])
  assert.equal(paths(c.files), ['README.md', 'crds/crd.yaml', 'requirements.lock', 'requirements.yaml'])
  assert.equal(c.requirements, [{ name: 'sub', version: '0.2.0', repository: 'file://charts/sub' }])
  assert.is(c.lock?.digest, 'sha256:1')
  assert.equal(
    c.dependencies.map((d) => d.metadata.name),
    ['sub'],
  )
  assert.equal(c.dependencies[0]?.values, { x: 1 })
})
load('should read v2 dependencies from Chart.yaml, Chart.lock and the schema', () => {
  const c = assertRight(
    loadChartFromFiles(
      files({
        'Chart.yaml':
          'apiVersion: v2\nname: demo\nversion: 1.0.0\ndependencies:\n- name: sub\n  version: ~0.2\n  alias: other\n',
        'Chart.lock': 'dependencies: []\ndigest: sha256:2\ngenerated: "x"\n',
        'values.schema.json': '{}',
      }),
      'demo',
    ),
  )
  assert.equal(c.requirements, [{ name: 'sub', version: '~0.2', alias: 'other' }])
  assert.is(c.lock?.digest, 'sha256:2')
  assert.is(Buffer.from(c.schema ?? []).toString(), '{}')
  assert.equal(c.values, {})
})
load('should load charts/*.tgz subcharts and skip charts/ names starting with . or _', () => {
  const inner = assertRight(loadChartFromFiles(files(sub), 'sub'))
  const c = assertRight(
    loadChartFromFiles(
      files({
        'Chart.yaml': 'name: demo\nversion: 0.1.0\n',
        'charts/sub-0.2.0.tgz': chartArchiveBytes(inner),
        'charts/_skip/Chart.yaml': 'name: skip\nversion: 1.0.0\n',
        'charts/.hidden/Chart.yaml': 'name: hidden\nversion: 1.0.0\n',
        'charts/sub-0.2.0.tgz.prov': 'signature',
      }),
      'demo',
    ),
  )
  assert.equal(
    c.dependencies.map((d) => d.metadata.name),
    ['sub'],
  )
  assert.equal(
    c.dependencies[0]?.templates.map((t) => t.path),
    ['templates/a.yaml'],
  )
  assert.equal(paths(c.files), ['charts/sub-0.2.0.tgz.prov'])
})
load('should apply .helmignore', () => {
  const c = assertRight(
    loadChartFromFiles(
      files({
        'Chart.yaml': 'name: demo\nversion: 0.1.0\n',
        '.helmignore': '*.bak\nsecret/\n',
        'a.bak': 'x',
        'secret/key': 'k',
        'keep.txt': 'k',
      }),
      'demo',
    ),
  )
  assert.equal(paths(c.files), ['.helmignore', 'keep.txt'])
})
load('should fail like Helm without Chart.yaml, without a name, with an unknown apiVersion', () => {
  const missing = assertLeft(loadChartFromFiles(files({ 'values.yaml': '' }), 'demo'))
  assert.equal(missing, { _tag: 'InvalidChartFile', path: 'demo/Chart.yaml', problems: ['Chart.yaml file is missing'] })
  const noName = assertLeft(loadChartFromFiles(files({ 'Chart.yaml': 'version: 1.0.0\n' }), 'demo'))
  assert.ok(noName._tag === 'InvalidChartFile' && /name must not be empty/.test(noName.problems[0] ?? ''))
  const v3 = assertLeft(
    loadChartFromFiles(files({ 'Chart.yaml': 'apiVersion: v3\nname: a\nversion: 1.0.0\n' }), 'demo'),
  )
  assert.ok(v3._tag === 'InvalidChartFile' && /apiVersion 'v3' is not valid/.test(v3.problems[0] ?? ''))
})
load('should refuse a chart or subchart name that is . or .. or a path, with Helm 4 wording', () => {
  const named = (name: string) => files({ 'Chart.yaml': `name: ${JSON.stringify(name)}\nversion: 1.0.0\n` })
  for (const [name, text] of [
    ['../../X', 'validation: chart.metadata.name "../../X" is invalid'],
    ['x/y', 'validation: chart.metadata.name "x/y" is invalid'],
    ['/abs', 'validation: chart.metadata.name "/abs" is invalid'],
    ['..', 'validation: chart.metadata.name ".." is not allowed'],
    ['.', 'validation: chart.metadata.name "." is not allowed'],
  ] as const)
    assert.is(message(assertLeft(loadChartFromFiles(named(name), 'demo'))), text)
  const viaSub = assertLeft(
    loadChartFromFiles(
      files({ 'Chart.yaml': 'name: top\nversion: 1.0.0\n', 'charts/s/Chart.yaml': 'name: ../../s\nversion: 1.0.0\n' }),
      'top',
    ),
  )
  assert.equal(viaSub, {
    _tag: 'InvalidChartMetadata',
    path: 'top/charts/s/Chart.yaml',
    reason: 'chart.metadata.name "../../s" is invalid',
  })
  assert.ok(E.isRight(loadChartFromFiles(named('a..b\\c'), 'demo')), 'dots and backslashes are file-name characters')
})
load('should report malformed values.yaml with its path and line', () => {
  const e = assertLeft(
    loadChartFromFiles(files({ 'Chart.yaml': 'name: a\nversion: 1.0.0\n', 'values.yaml': 'a: 1\nb: [\n' }), 'demo'),
  )
  assert.ok(e._tag === 'YamlParseError' && e.path === 'demo/values.yaml', JSON.stringify(e))
})
load.run()

const archive = suite('loadChartArchive')
archive('should read back what chartArchiveBytes wrote, subcharts included', () => {
  const c = assertRight(
    loadChartFromFiles(
      files({
        'Chart.yaml': 'name: demo\nversion: 0.1.0\n',
        'values.yaml': 'a: 1\n',
        'templates/x.yaml': 'kind: X\n',
        ...Object.fromEntries(Object.entries(sub).map(([k, v]) => [`charts/sub/${k}`, v])),
      }),
      'demo',
    ),
  )
  const back = assertRight(loadChartArchive(chartArchiveBytes(c), 'demo-0.1.0.tgz'))
  assert.equal(back.metadata, c.metadata)
  assert.equal(back.values, c.values)
  assert.equal(paths(back.templates), paths(c.templates))
  assert.equal(
    back.dependencies.map((d) => d.metadata),
    c.dependencies.map((d) => d.metadata),
  )
})
archive.run()
