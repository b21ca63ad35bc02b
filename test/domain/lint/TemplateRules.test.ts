import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { deprecationWarning } from '../../../src/domain/lint/Deprecations'
import { checkObjectName } from '../../../src/domain/lint/KubeNames'
import { formatLintMessage } from '../../../src/domain/lint/LintMessage'
import { lintExtension, lintRenderedYaml } from '../../../src/domain/lint/TemplateRules'

const yaml = (content: string, kube = 'v1.35.0') =>
  lintRenderedYaml('templates/x.yaml', content, kube).map(formatLintMessage)

const tpl = suite('lintRenderedYaml')
tpl('should accept valid objects and empty output', () => {
  assert.equal(yaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n# only a comment\n'), [])
  assert.equal(yaml('\n  \n'), [])
})
tpl('should stop at the first document that is not YAML', () => {
  const out = yaml('kind: A\nmetadata: {name: a}\n---\nfoo: [\n---\nalso: [\n')
  assert.is(out.length, 1)
  assert.match(
    out[0] ?? '',
    /^\[ERROR\] templates\/x\.yaml: unable to parse YAML: error converting YAML to JSON: yaml: line \d+: /,
  )
})
tpl('should warn about an indented first line', () => {
  assert.match(
    yaml('  kind: A\n')[0] ?? '',
    /document starts with an illegal indent: " {2}kind: A", which may cause parsing problems/,
  )
})
tpl('should require a selector on workloads', () => {
  assert.equal(yaml('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n'), [
    '[ERROR] templates/x.yaml: a StatefulSet must contain matchLabels or matchExpressions, and "s" does not',
  ])
})
tpl('should report API deprecations relative to the Kubernetes version', () => {
  const doc = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\n'
  assert.equal(yaml(doc), [
    '[WARNING] templates/x.yaml: batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+; use batch/v1 CronJob',
  ])
  assert.equal(yaml(doc, 'v1.20.0'), [])
})
tpl.run()

const names = suite('checkObjectName')
names('should use the validator of the kind', () => {
  assert.is(checkObjectName('ConfigMap', 'a.b-c'), undefined)
  assert.match(checkObjectName('ConfigMap', 'Bad_Name') ?? '', /RFC 1123 subdomain/)
  assert.match(checkObjectName('Service', '1abc') ?? '', /a DNS-1035 label must consist/)
  assert.is(checkObjectName('Service', 'abc'), undefined)
  assert.match(checkObjectName('Namespace', 'a.b') ?? '', /RFC 1123 label/)
  assert.match(checkObjectName('Role', 'a/b') ?? '', /metadata\.name: Invalid value: "a\/b": may not contain '\/'/)
  assert.is(checkObjectName('ClusterRole', 'system:admin'), undefined)
  assert.is(checkObjectName('CertificateSigningRequest', 'ANY'), undefined)
})
names.run()

const misc = suite('lintExtension / deprecationWarning')
misc("should allow only Helm's template extensions", () => {
  assert.equal(lintExtension('templates/a.yaml'), [])
  assert.equal(lintExtension('templates/NOTES.txt'), [])
  assert.equal(lintExtension('templates/b.json').map(formatLintMessage), [
    "[ERROR] templates/b.json: file extension '.json' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt",
  ])
})
misc('should word deprecations without a removal', () => {
  assert.is(
    deprecationWarning('v1', 'Endpoints', 'v1.35.0'),
    'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
  )
  assert.is(deprecationWarning('apps/v1', 'Deployment', 'v1.35.0'), undefined)
})
misc.run()
