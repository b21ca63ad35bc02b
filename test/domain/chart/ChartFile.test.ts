import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeChartFile, decodeLock, decodeRequirements } from '../../../src/domain/chart/ChartFile'
import { marshalChartFile } from '../../../src/domain/chart/Save'
import { assertLeft, assertRight } from '../../helpers'

const chartFile = suite('decodeChartFile')
chartFile('should turn YAML numbers and bools in string fields into Go text', () => {
  const m = assertRight(
    decodeChartFile(
      'Chart.yaml',
      'name: 1234567\nversion: 1\nappVersion: 1.10\ndescription: true\nkeywords: [1.5, 2]\n',
    ),
  )
  assert.is(m.name, '1234567')
  assert.is(m.version, '1')
  assert.is(m.appVersion, '1.1')
  assert.is(m.description, 'true')
  assert.equal(m.keywords, ['1.5', '2'])
})
chartFile('should default apiVersion to v1 and drop unknown keys', () => {
  assert.equal(
    decodeChartFile('Chart.yaml', 'name: a\nversion: 0.1.0\nfoo: bar\n'),
    E.right({ apiVersion: 'v1', name: 'a', version: '0.1.0' }),
  )
})
chartFile('should read v2 dependencies, maintainers and annotations', () => {
  const m = assertRight(
    decodeChartFile(
      'Chart.yaml',
      'apiVersion: v2\nname: a\nversion: 1.0.0\ntype: library\nannotations: {a: 1}\nmaintainers: [{name: x, email: x@y.z}]\ndependencies:\n- name: b\n  version: ^1\n  repository: "@stable"\n  import-values: [data]\n  enabled: true\n',
    ),
  )
  assert.equal(m.annotations, { a: '1' })
  assert.equal(m.maintainers, [{ name: 'x', email: 'x@y.z' }])
  assert.equal(m.dependencies, [
    { name: 'b', version: '^1', repository: '@stable', importValues: ['data'], enabled: true },
  ])
})
chartFile('should report a mistyped field as encoding/json does', () => {
  const e = assertLeft(decodeChartFile('c/Chart.yaml', 'name: a\nversion: 1.0.0\ndeprecated: "yes"\n'))
  assert.equal(e, {
    _tag: 'InvalidChartFile',
    path: 'c/Chart.yaml',
    problems: ['json: cannot unmarshal string into Go struct field chart.Metadata.deprecated of type boolean'],
  })
})
chartFile('should read `y` as a YAML 1.1 boolean, as yaml.v2 does', () => {
  assert.is(assertRight(decodeChartFile('Chart.yaml', 'name: a\nversion: 1.0.0\ndescription: y\n')).description, 'true')
})
chartFile('should report YAML syntax errors with the line', () => {
  const e = assertLeft(decodeChartFile('Chart.yaml', 'name: a\nversion: b: c\n'))
  assert.ok(e._tag === 'YamlParseError' && e.line === 2, JSON.stringify(e))
})
chartFile.run()

const reqs = suite('decodeRequirements / decodeLock')
reqs('should read requirements.yaml with import-values pairs', () => {
  assert.equal(
    decodeRequirements(
      'requirements.yaml',
      'dependencies:\n- name: a\n  version: 1.0\n  tags: [x]\n  import-values:\n  - child: a.b\n    parent: c\n',
    ),
    E.right([{ name: 'a', version: '1', tags: ['x'], importValues: [{ child: 'a.b', parent: 'c' }] }]),
  )
})
reqs('should keep a timestamp-looking generated field as text', () => {
  const l = assertRight(
    decodeLock('requirements.lock', 'dependencies: []\ndigest: sha256:1\ngenerated: 2019-01-01T00:00:00Z\n'),
  )
  assert.equal(l, { generated: '2019-01-01T00:00:00Z', digest: 'sha256:1', dependencies: [] })
})
reqs.run()

const marshal = suite('marshalChartFile')
marshal('should write sorted keys without empty fields, quoting ambiguous strings', () => {
  const text = marshalChartFile({
    apiVersion: 'v2',
    name: 'demo',
    version: '0.1.0',
    appVersion: '1.10',
    description: '',
    keywords: [],
  })
  assert.is(text, 'apiVersion: v2\nappVersion: "1.10"\nname: demo\nversion: 0.1.0\n')
  assert.equal(
    decodeChartFile('Chart.yaml', text),
    E.right({ apiVersion: 'v2', appVersion: '1.10', name: 'demo', version: '0.1.0' }),
  )
})
marshal.run()
