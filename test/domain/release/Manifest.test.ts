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

const read = suite('Manifest.manifestObjects reads as Helm v2 sends')
read('should read each document as yaml.v2 then JSON (sigs.k8s.io/yaml), as Helm v2 kube client builds objects', () => {
  const doc = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: cm',
    '  labels: &l',
    '    app: x',
    'spec:',
    '  enabled: yes',
    '  flag: Off',
    '  mode: 0755',
    '  num: 1_000',
    '  big: 12345678901',
    '  hex: 0x1F',
    '  f: 1.50',
    '  dup: 1',
    '  dup: 2',
    '  1: one',
    '  on: key',
    '  merged:',
    '    <<: *l',
    '    own: z',
    '  t: 2001-12-14',
    '  bin: !!binary aGk=',
    '  nul: ~',
    '',
  ].join('\n')
  const [o] = assertRight(_.manifestObjects(`---\n# Source: t.yaml\n${doc}`))
  assert.equal(o?.object.spec, {
    1: 'one',
    enabled: true,
    flag: false,
    mode: 493,
    num: 1000,
    big: 12345678901,
    hex: 31,
    f: 1.5,
    dup: 2,
    true: 'key',
    merged: { app: 'x', own: 'z' },
    t: '2001-12-14',
    bin: 'hi',
    nul: null,
  })
})
read('should refuse what json.Marshal refuses and name YAML errors as Helm does', () => {
  const nan = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: .nan, a: -.inf}\n'
  assert.equal(
    _.manifestObjects(`---\n# Source: t.yaml\n${nan}`),
    E.left(manifestParseError('t.yaml', 'error converting YAML to JSON: json: unsupported value: -Inf')),
  )
  assert.equal(
    _.manifestObjects('---\n# Source: t.yaml\napiVersion: v1\nkind: [\n'),
    E.left(
      manifestParseError('t.yaml', 'error converting YAML to JSON: yaml: line 2: did not find expected node content'),
    ),
  )
})
read('should read a document once when the sort kept it (readHeadKeepingObject)', () => {
  const doc = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: once\n  annotations: {a: 1}\nstringData: {k: v}\n'
  assert.equal(
    _.readHeadKeepingObject(doc),
    E.right({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'once', annotations: { a: '1' } } }),
  )
  const first = assertRight(_.manifestObjects(`---\n# Source: s.yaml\n${doc}`))
  const again = assertRight(_.manifestObjects(`---\n# Source: s.yaml\n${doc}`))
  assert.ok(first[0]?.object === again[0]?.object)
  assert.equal(first[0]?.object.metadata, { name: 'once', annotations: { a: 1 } })
})

join.run()
read.run()
