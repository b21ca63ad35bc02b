import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'
import { writeChartDir } from '../../support/charts'

const chartDir = (files: Record<string, string>): string => writeChartDir(files, { name: 'p' })

const warnings = suite('helm template: what Helm 4 logs on stderr')
warnings(
  'should print the deprecation, coalescing and import-values lines as Helm 4.1.4 does, stdout unchanged',
  async () => {
    const dir = chartDir({
      'Chart.yaml':
        'apiVersion: v2\nname: p\nversion: 0.1.0\ndeprecated: true\ndependencies:\n- name: ch\n  version: 0.1.0\n  repository: file://x\n  import-values:\n  - child: nothere\n    parent: imp\n  - missingexport\n',
      'values.yaml': 'scal: 3\n',
      'templates/cm.yaml': 'kind: ConfigMap\n',
      'charts/ch/Chart.yaml': 'apiVersion: v2\nname: ch\nversion: 0.1.0\n',
      'charts/ch/values.yaml': 'x: 1\nexports:\n  e: {a: 1}\n',
    })
    const r = await helm(['template', dir, '--set', 'scal.x=1'])
    assert.is(r.code, 0)
    assert.is(r.stdout, '---\n# Source: p/templates/cm.yaml\nkind: ConfigMap\n')
    // captured from /tmp/helm-conformance/bin/helm template p --set scal.x=1
    assert.is(
      r.stderr,
      [
        'level=WARN msg="this chart is deprecated"',
        'level=INFO msg="warning: skipped value for p.scal: Not a table."',
        'level=WARN msg="ImportValues missing table from chart" chart=ch error="\\"nothere\\" is not a table"',
        'level=WARN msg="ImportValues missing table" error="\\"missingexport\\" is not a table"',
        'level=INFO msg="warning: skipped value for p.scal: Not a table."',
        '',
      ].join('\n'),
    )
  },
)
warnings('should print nothing on stderr for a chart whose values coalesce cleanly', async () => {
  const dir = chartDir({
    'Chart.yaml': 'apiVersion: v2\nname: p\nversion: 0.1.0\n',
    'values.yaml': 't:\n  a: 1\n',
    'templates/cm.yaml': 'kind: ConfigMap\n',
  })
  const r = await helm(['template', dir, '--set', 't.b=2'])
  assert.equal([r.code, r.stderr], [0, ''])
})
warnings('should skip values.schema.json with --skip-schema-validation', async () => {
  const dir = chartDir({
    'Chart.yaml': 'apiVersion: v2\nname: p\nversion: 0.1.0\n',
    'values.schema.json': '{"type":"object","properties":{"n":{"type":"integer"}}}',
    'templates/cm.yaml': 'kind: ConfigMap\n',
  })
  const refused = await helm(['template', dir, '--set', 'n=abc'])
  assert.equal(
    [refused.code, refused.stderr],
    [
      1,
      "Error: values don't meet the specifications of the schema(s) in the following chart(s):\np:\n- at '/n': got string, want integer\n\n",
    ],
  )
  const skipped = await helm(['template', dir, '--set', 'n=abc', '--skip-schema-validation'])
  assert.equal(skipped, { code: 0, stdout: '---\n# Source: p/templates/cm.yaml\nkind: ConfigMap\n', stderr: '' })
})
warnings.run()
