import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isTestHook } from '../../../src/domain/manifest/Hook'
import { helm4Rules, helmV2Rules, sortManifests } from '../../../src/domain/manifest/Manifest'
import { assertRight } from '../../helpers'

const v2 = suite('sortManifests: Helm v2 rules')
const files = new Map([
  ['demo/templates/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n'],
  [
    'demo/templates/cm.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
  ],
  ['demo/templates/a-ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n'],
  ['demo/templates/widget.yaml', 'apiVersion: x.io/v1\nkind: Widget\nmetadata:\n  name: w\n'],
  ['demo/templates/gadget.yaml', 'apiVersion: x.io/v1\nkind: Gadget\nmetadata:\n  name: g\n'],
  ['demo/templates/_helpers.tpl', 'kind: Secret\n'],
  ['demo/templates/NOTES.txt', 'hello'],
  ['demo/templates/empty.yaml', '  \n'],
  [
    'demo/templates/job.yaml',
    'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install, post-upgrade\n    helm.sh/hook-weight: "-3"\n    helm.sh/hook-delete-policy: hook-succeeded,nonsense\n',
  ],
  [
    'demo/templates/odd.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: o\n  annotations:\n    helm.sh/hook: pre-nothing\n',
  ],
])
v2('should sort manifests by install order, unknown kinds last by kind, one kind by path then document order', () => {
  const r = assertRight(sortManifests(files, helmV2Rules))
  assert.equal(
    r.manifests.map((m) => `${m.head.kind}/${m.head.metadata?.name}`),
    ['Namespace/ns', 'ConfigMap/b', 'ConfigMap/a', 'Service/s', 'Gadget/g', 'Widget/w'],
  )
  assert.is(r.manifests[0]!.path, 'demo/templates/a-ns.yaml')
})
v2('should turn annotated documents into hooks and skip unknown hook events', () => {
  const r = assertRight(sortManifests(files, helmV2Rules))
  assert.equal(r.hooks, [
    {
      name: 'j',
      kind: 'Job',
      path: 'demo/templates/job.yaml',
      manifest: files.get('demo/templates/job.yaml')!.trim(),
      events: ['PRE_INSTALL', 'POST_UPGRADE'],
      weight: -3,
      deletePolicies: ['SUCCEEDED'],
      deleteTimeout: 60,
    },
  ])
})
v2('should report a YAML error with the template path', () => {
  const r = sortManifests(new Map([['demo/templates/bad.yaml', 'a: [1\n']]), helmV2Rules)
  if (E.isRight(r)) return assert.unreachable('a YAML error')
  assert.is(r.left.path, 'demo/templates/bad.yaml')
  assert.match(r.left.reason, /^error converting YAML to JSON: yaml: line 1: /)
})
v2.run()

// ---

const h4 = suite('sortManifests: Helm 4 rules')
h4('should separate hooks, skip partials and blank files, and drop unknown hook events', () => {
  const files = new Map([
    [
      'c/templates/b.yaml',
      'kind: Deployment\nmetadata:\n  name: d\n---\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n',
    ],
    ['c/templates/a.yaml', 'kind: Service\nmetadata:\n  name: s\n'],
    ['c/templates/_h.tpl', 'kind: Secret'],
    ['c/templates/blank.yaml', '  \n'],
    ['c/templates/odd.yaml', 'kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: sometime\n'],
  ])
  const r = sortManifests(files, helm4Rules)
  assert.equal(
    assertRight(r).manifests.map((m) => `${m.path} ${m.head.kind} ${m.head.metadata?.name}`),
    ['c/templates/a.yaml Service s', 'c/templates/b.yaml Deployment d'],
  )
  assert.equal(
    assertRight(r).hooks.map((h) => [h.name, h.events, isTestHook(h)]),
    [['t', ['RELEASE_TEST_SUCCESS'], true]],
  )
})
h4('should log each document dropped for an unknown hook event with the annotation as written', () => {
  const seen: unknown[] = []
  const files = new Map([
    [
      'c/templates/crd.yaml',
      'kind: CustomResourceDefinition\nmetadata:\n  annotations:\n    helm.sh/hook: crd-install\n',
    ],
    ['c/templates/mixed.yaml', 'kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: "pre-install, Sometime"\n'],
    ['c/templates/ok.yaml', 'kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n'],
  ])
  const r = sortManifests(files, helm4Rules, (rec) => void seen.push(rec))
  assert.is(assertRight(r).hooks.length, 1)
  assert.equal(seen, [
    { level: 'INFO', msg: 'skipping unknown hooks', attrs: [['hookTypes', 'crd-install']] },
    { level: 'INFO', msg: 'skipping unknown hooks', attrs: [['hookTypes', 'pre-install, Sometime']] },
  ])
})
h4('should report a document that is not an object, naming its file', () => {
  const r = sortManifests(new Map([['c/templates/x.yaml', 'just a string']]), helm4Rules)
  assert.equal(
    r,
    E.left({
      path: 'c/templates/x.yaml',
      reason:
        'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead',
    }),
  )
})
h4.run()

const lenient = suite('sortManifests: libyaml leniency')
lenient('should accept quoted scalars whose continuation lines are less indented, as Helm does', () => {
  const doc =
    'kind: Job\nmetadata:\n  name: j\nspec:\n  containers:\n    - command:\n        - "curl -ik \\\n      -X DELETE \\\n      https://x"\n      name: c\n'
  const r = sortManifests(new Map([['c/templates/j.yaml', doc]]), helm4Rules)
  assert.is(assertRight(r).manifests[0]!.head.metadata?.name, 'j')
})
lenient('should still refuse an unterminated flow sequence', () => {
  assert.ok(E.isLeft(sortManifests(new Map([['c/templates/x.yaml', 'a: [1\nb: 2\n']]), helm4Rules)))
})
lenient.run()

const bombs = suite('sortManifests: YAML alias bombs')
bombs('should refuse a rendered document whose aliases expand exponentially, quickly', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
  for (let i = 1; i < 12; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    )
  const started = Date.now()
  const r = sortManifests(new Map([['c/templates/bomb.yaml', `kind: ConfigMap\n${lines.join('\n')}\n`]]), helm4Rules)
  assert.ok(E.isLeft(r))
  assert.ok(Date.now() - started < 2000)
})
bombs.run()
