import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { indentQuotedContinuations } from '../../../src/domain/yaml/QuotedIndent'
import { parseYamlDocument } from '../../../src/domain/yaml/Read'

const q = suite('quoted scalar continuation lines')
const manifest = 'command:\n  - "curl -ik \\\n-X DELETE \\\n-H \\"A: b\\""\n  - next\n'
q('should parse under-indented continuations as libyaml does', () => {
  assert.equal(parseYamlDocument('x', manifest), E.right({ command: ['curl -ik -X DELETE -H "A: b"', 'next'] }))
})
q('should leave text without multi-line quotes alone', () => {
  const t = "a: 'it''s'\nb: \"x # y\"\n# c: \"open\n"
  assert.is(indentQuotedContinuations(t), t)
})
q('should fold single-quoted continuations too', () => {
  assert.equal(parseYamlDocument('x', "a:\n  - 'one\ntwo'\n"), E.right({ a: ['one two'] }))
})
q.run()
