import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseYamlDocument } from '../../../src/domain/yaml/Read'

// libyaml (behind yaml.v2, hence Helm) reads what strict YAML 1.2 parsers refuse; real charts rely on it
const q = suite('YAML reader: libyaml leniency')
q('should read quoted scalars whose continuation lines are less indented', () => {
  const manifest = 'command:\n  - "curl -ik \\\n-X DELETE \\\n-H \\"A: b\\""\n  - next\n'
  assert.equal(parseYamlDocument('x', manifest), E.right({ command: ['curl -ik -X DELETE -H "A: b"', 'next'] }))
  assert.equal(parseYamlDocument('x', "a:\n  - 'one\ntwo'\n"), E.right({ a: ['one two'] }))
})
q('should read a flow sequence continued on lines indented less than its key (issue 10)', () => {
  assert.equal(parseYamlDocument('x', 'key:\n  list: [a, b,\n c]\n'), E.right({ key: { list: ['a', 'b', 'c'] } }))
  assert.equal(parseYamlDocument('x', 'key: [a,\nb]'), E.right({ key: ['a', 'b'] }))
})
q('should read flow scalars with a colon inside as one scalar', () => {
  assert.equal(parseYamlDocument('x', '{a:1}'), E.right({ 'a:1': null }))
})
q.run()
