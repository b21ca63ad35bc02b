import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helmV2Rules, joinManifests, sortManifests } from '../../../src/domain/manifest/Manifest'
import * as _ from '../../../src/domain/release/Manifest'
import { manifestParseError } from '../../../src/domain/release/ReleaseError'
import { assertRight } from '../../helpers'

const files = new Map([
  ['demo/templates/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n'],
  [
    'demo/templates/cm.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
  ],
  ['demo/templates/a-ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n'],
  ['demo/templates/widget.yaml', 'apiVersion: x.io/v1\nkind: Widget\nmetadata:\n  name: w\n'],
  ['demo/templates/gadget.yaml', 'apiVersion: x.io/v1\nkind: Gadget\nmetadata:\n  name: g\n'],
])

const join = suite('Manifest.joinManifests / manifestObjects')
join('should write Helm v2 Source headers and read them back as objects', () => {
  const r = assertRight(sortManifests(files, helmV2Rules))
  const text = joinManifests(r.manifests)
  assert.ok(text.startsWith('\n---\n# Source: demo/templates/a-ns.yaml\napiVersion: v1\nkind: Namespace\n'))
  assert.ok(text.includes('\n---\n# Source: demo/templates/svc.yaml\n'))
  assert.not.ok(text.endsWith('\n'))
  const objs = assertRight(_.manifestObjects(text))
  assert.equal(
    objs.map((o) => `${o.source} ${o.object.kind}/${o.object.metadata.name}`),
    [
      'demo/templates/a-ns.yaml Namespace/ns',
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
