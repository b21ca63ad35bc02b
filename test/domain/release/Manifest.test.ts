import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/Manifest'
import { manifestParseError } from '../../../src/domain/release/ReleaseError'
import { assertRight } from '../../helpers'

const sort = suite('Manifest.sortManifests')
const files = new Map([
  ['demo/templates/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n'],
  [
    'demo/templates/cm.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
  ],
  ['demo/templates/a-ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n'],
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
sort('should sort manifests by install order, unknown kinds last by kind, one kind by path then document order', () => {
  const r = assertRight(_.sortManifests(files))
  assert.equal(
    r.manifests.map((m) => `${m.head.kind}/${m.head.metadata?.name}`),
    ['Namespace/n', 'ConfigMap/b', 'ConfigMap/a', 'Service/s', 'Gadget/g', 'Widget/w'],
  )
  assert.is(r.manifests[0]!.name, 'demo/templates/a-ns.yaml')
})
sort('should turn annotated documents into hooks and skip unknown hook events', () => {
  const r = assertRight(_.sortManifests(files))
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
sort('should report a YAML error with the template path', () => {
  const r = _.sortManifests(new Map([['demo/templates/bad.yaml', 'a: [1\n']]))
  assert.ok(E.isLeft(r))
  assert.is((r as E.Left<ReturnType<typeof manifestParseError>>).left._tag, 'ManifestParseError')
  assert.is(((r as E.Left<any>).left as { path: string }).path, 'demo/templates/bad.yaml')
})
sort.run()

const join = suite('Manifest.joinManifests / manifestObjects')
join('should write Helm v2 Source headers and read them back as objects', () => {
  const r = assertRight(_.sortManifests(files))
  const text = _.joinManifests(r.manifests)
  assert.ok(text.startsWith('---\n# Source: demo/templates/a-ns.yaml\napiVersion: v1\nkind: Namespace\n'))
  const objs = assertRight(_.manifestObjects(text))
  assert.equal(
    objs.map((o) => `${o.source} ${o.object.kind}/${o.object.metadata.name}`),
    [
      'demo/templates/a-ns.yaml Namespace/n',
      'demo/templates/cm.yaml ConfigMap/b',
      'demo/templates/cm.yaml ConfigMap/a',
      'demo/templates/svc.yaml Service/s',
      'demo/templates/gadget.yaml Gadget/g',
      'demo/templates/widget.yaml Widget/w',
    ],
  )
})
join('should drop comment-only documents and refuse one without a kind', () => {
  assert.equal(_.manifestObjects('---\n# Source: x.yaml\n# nothing here\n'), E.right([]))
  assert.equal(
    _.manifestObjects('---\n# Source: x.yaml\nmetadata:\n  name: a\n'),
    E.left(manifestParseError('x.yaml', 'error validating data: apiVersion or kind not set')),
  )
})
join.run()
