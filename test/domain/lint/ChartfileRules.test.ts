import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { lintChartfile } from '../../../src/domain/lint/ChartfileRules'
import { formatLintMessage } from '../../../src/domain/lint/LintMessage'

const lines = (text: string) => lintChartfile(text).map(formatLintMessage)

// Expected lines are helm 4.1.4's for the same Chart.yaml.
const rules = suite('lintChartfile')
rules('should flag numbers where Helm wants strings, v1-only misuse and strict SemVer', () => {
  assert.equal(
    lines(
      'apiVersion: v1\nname: n\nversion: 1\nappVersion: 1.10\ntype: application\ndependencies:\n- name: x\n  repository: ""\nicon: http://x/y.png\nmaintainers:\n- name: a\n  email: "not-an-email"\n',
    ),
    [
      "[ERROR] Chart.yaml: version should be of type string but it's of type float64",
      "[ERROR] Chart.yaml: appVersion should be of type string but it's of type float64",
      "[ERROR] Chart.yaml: invalid email 'not-an-email' for maintainer 'a'",
      "[ERROR] Chart.yaml: chart type is not valid in apiVersion 'v1'. It is valid in apiVersion 'v2'",
      "[ERROR] Chart.yaml: dependencies are not valid in the Chart file with apiVersion 'v1'. They are valid in apiVersion 'v2'",
      "[WARNING] Chart.yaml: version '1' is not a valid SemVerV2",
    ],
  )
})
rules('should warn about the first unknown field, in sorted order', () => {
  assert.equal(lines('apiVersion: v2\nname: q\nversion: 1.0.0\nzeta: 1\nengine: x\nicon: https://a/b.png\n'), [
    '[WARNING] Chart.yaml: failed to strictly parse chart metadata file\n\terror unmarshaling JSON: while decoding JSON: json: unknown field "engine"',
  ])
  assert.match(
    lines('apiVersion: v2\nname: q\nversion: 1.0.0\nicon: https://a/b.png\nmaintainers:\n- name: a\n  foo: b\n')[0] ??
      '',
    /unknown field "foo"/,
  )
})
rules('should require name, apiVersion and version', () => {
  assert.equal(lines('description: x\n'), [
    '[ERROR] Chart.yaml: name is required',
    '[ERROR] Chart.yaml: apiVersion is required. The value must be either "v1" or "v2"',
    '[ERROR] Chart.yaml: version is required',
    '[INFO] Chart.yaml: icon is recommended',
  ])
})
rules('should report unparsable YAML and nothing else', () => {
  const out = lines('name: [\n')
  assert.is(out.length, 1)
  assert.match(out[0] ?? '', /^\[ERROR\] Chart\.yaml: unable to parse YAML\n\t/)
})
rules.run()
