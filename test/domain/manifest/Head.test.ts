import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { readHead } from '../../../src/domain/manifest/Head'

// Expected heads and texts: what Helm 4.1.4's `helm template` accepts and prints for these documents.
const unmarshal = 'error unmarshaling JSON: while decoding JSON: json: '
const head = suite('readHead')
head('should convert scalars in string fields as sigs.k8s.io/yaml does', () => {
  assert.equal(
    readHead('kind: .inf\nmetadata:\n  name: 1.10\n  annotations:\n    a: 5\n    b: yes\n    c: 1e3\n    d: ~\n'),
    E.right({ kind: '.inf', metadata: { name: '1.1', annotations: { a: '5', b: 'true', c: '1000', d: '' } } }),
  )
})
head('should match field names ignoring case, a later exact key winning', () => {
  assert.equal(
    readHead('Kind: Secret\nkind: ConfigMap\nMETADATA:\n  NAME: up\n'),
    E.right({ kind: 'ConfigMap', metadata: { name: 'up' } }),
  )
})
head('should refuse what json.Unmarshal refuses, in Go words', () => {
  const cases: Array<[string, string]> = [
    ['kind: [a]\n', 'cannot unmarshal array into Go struct field SimpleHead.kind of type string'],
    ['metadata:\n  name: [1]\n', 'cannot unmarshal array into Go struct field .metadata.name of type string'],
    [
      'metadata:\n  annotations: [1]\n',
      'cannot unmarshal array into Go struct field .metadata.annotations of type map[string]string',
    ],
    [
      'metadata:\n  annotations:\n    a: {b: 1}\n',
      'cannot unmarshal object into Go struct field .metadata.annotations of type string',
    ],
    [
      'metadata: 5\n',
      'cannot unmarshal number into Go struct field SimpleHead.metadata of type struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }',
    ],
    ['just a string\n', 'cannot unmarshal string into Go value of type util.SimpleHead'],
    ['- a\n', 'cannot unmarshal array into Go value of type util.SimpleHead'],
  ]
  for (const [doc, want] of cases) assert.equal(readHead(doc), E.left(`${unmarshal}${want}`), doc)
})
head('should refuse a NaN outside the head before judging types, and keep one in a string field', () => {
  assert.equal(readHead('kind: a\nspec: .nan\n'), E.left('error converting YAML to JSON: json: unsupported value: NaN'))
  assert.equal(readHead('kind: .nan\n'), E.right({ kind: '.nan' }))
})
head.run()
