import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isTestHook, sortManifests } from '../../../src/domain/render/Manifests'

const sort = suite('render: sortManifests')
sort('should separate hooks, skip partials and blank files, and drop unknown hook events', () => {
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
  const r = sortManifests(files)
  if ('reason' in r) throw new Error(r.reason)
  assert.equal(
    r.manifests.map((m) => `${m.path} ${m.kind} ${m.name}`),
    ['c/templates/a.yaml Service s', 'c/templates/b.yaml Deployment d'],
  )
  assert.equal(
    r.hooks.map((h) => [h.name, h.events, isTestHook(h)]),
    [['t', ['test'], true]],
  )
})
sort('should log each document dropped for an unknown hook event with the annotation as written', () => {
  const seen: unknown[] = []
  const files = new Map([
    [
      'c/templates/crd.yaml',
      'kind: CustomResourceDefinition\nmetadata:\n  annotations:\n    helm.sh/hook: crd-install\n',
    ],
    ['c/templates/mixed.yaml', 'kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: "pre-install, Sometime"\n'],
    ['c/templates/ok.yaml', 'kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n'],
  ])
  const r = sortManifests(files, (rec) => void seen.push(rec))
  if ('reason' in r) throw new Error(r.reason)
  assert.is(r.hooks.length, 1)
  assert.equal(seen, [
    { level: 'INFO', msg: 'skipping unknown hooks', attrs: [['hookTypes', 'crd-install']] },
    { level: 'INFO', msg: 'skipping unknown hooks', attrs: [['hookTypes', 'pre-install, Sometime']] },
  ])
})
sort('should report a document that is not an object, naming its file', () => {
  const r = sortManifests(new Map([['c/templates/x.yaml', 'just a string']]))
  assert.ok('reason' in r)
  assert.is((r as { path: string }).path, 'c/templates/x.yaml')
  assert.match((r as { reason: string }).reason, 'cannot unmarshal string into Go value of type util.SimpleHead')
})
sort.run()

const lenient = suite('render: libyaml leniency')
lenient('should accept quoted scalars whose continuation lines are less indented, as Helm does', () => {
  const doc =
    'kind: Job\nmetadata:\n  name: j\nspec:\n  containers:\n    - command:\n        - "curl -ik \\\n      -X DELETE \\\n      https://x"\n      name: c\n'
  const r = sortManifests(new Map([['c/templates/j.yaml', doc]]))
  assert.not.ok('reason' in r)
  assert.is((r as { manifests: Array<{ name: string }> }).manifests[0]!.name, 'j')
})
lenient('should still refuse an unterminated flow sequence', () => {
  assert.ok('reason' in sortManifests(new Map([['c/templates/x.yaml', 'a: [1\nb: 2\n']])))
})
lenient.run()

const bombs = suite('render: YAML alias bombs')
bombs('should refuse a rendered document whose aliases expand exponentially, quickly', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
  for (let i = 1; i < 12; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    )
  const started = Date.now()
  const r = sortManifests(new Map([['c/templates/bomb.yaml', `kind: ConfigMap\n${lines.join('\n')}\n`]]))
  assert.ok('reason' in r)
  assert.ok(Date.now() - started < 2000)
})
bombs.run()
