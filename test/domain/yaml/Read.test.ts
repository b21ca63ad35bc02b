import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseYamlDocument, parseYamlValues } from '../../../src/domain/yaml/Read'
import { assertLeft, assertRight } from '../../helpers'

const values = suite('parseYamlValues')
values('should read YAML 1.1 scalars as yaml.v2 does', () => {
  const v = assertRight(
    parseYamlValues('v.yaml', 'b: yes\nc: 0755\nd: 1_000\ne: 2019-01-01\nf: 1:20\ng: 1.10\nh: 0x1F\ni: off\nj: ~\n'),
  )
  assert.equal(v, { b: true, c: 493, d: 1000, e: '2019-01-01', f: '1:20', g: 1.1, h: 31, i: false, j: null })
})
values('should let the last duplicate key win', () => {
  assert.equal(parseYamlValues('v.yaml', 'a: 1\na: 2\n'), E.right({ a: 2 }))
})
values('should turn a boolean-looking key into "true" as ghodss does', () => {
  assert.equal(parseYamlValues('v.yaml', 'y: 1\n'), E.right({ true: 1 }))
})
values('should apply merge keys', () => {
  assert.equal(
    parseYamlValues('v.yaml', 'base: &b {x: 1, z: 2}\nd:\n  <<: *b\n  z: 3\n'),
    E.right({ base: { x: 1, z: 2 }, d: { x: 1, z: 3 } }),
  )
})
values('should read an empty or null document as {}', () => {
  assert.equal(parseYamlValues('v.yaml', ''), E.right({}))
  assert.equal(parseYamlValues('v.yaml', '# only a comment\n'), E.right({}))
  assert.equal(parseYamlValues('v.yaml', '~\n'), E.right({}))
})
values('should read only the first document', () => {
  assert.equal(parseYamlValues('v.yaml', 'a: 1\n---\nb: 2\n'), E.right({ a: 1 }))
})
values('should refuse a top-level list like Helm', () => {
  const e = assertLeft(parseYamlValues('v.yaml', '- a\n- b\n'))
  assert.equal(e, {
    _tag: 'YamlTypeError',
    path: 'v.yaml',
    reason: 'error unmarshaling JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
  })
})
values("should give the file, Go's text and the position of a syntax error", () => {
  const e = assertLeft(parseYamlValues('values.yaml', 'a:\n  b: 1\n c: 2\n'))
  // yaml.v2 numbers a parser error's line from 0, a scanner error's from 1 (real Helm prints these texts)
  assert.equal(e, {
    _tag: 'YamlParseError',
    path: 'values.yaml',
    line: 3,
    column: 2,
    reason: 'yaml: line 2: did not find expected key',
  })
  const f = assertLeft(parseYamlValues('x.yaml', 'a: b: c\n'))
  assert.equal(f, {
    _tag: 'YamlParseError',
    path: 'x.yaml',
    line: 1,
    column: 5,
    reason: 'yaml: mapping values are not allowed in this context',
  })
})
values('should refuse an alias bomb', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i < 8; i++) {
    const prev = String.fromCharCode(96 + i)
    const cur = String.fromCharCode(97 + i)
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`)
  }
  const e = assertLeft(parseYamlValues('bomb.yaml', lines.join('\n') + '\n'))
  assert.ok(e._tag === 'YamlParseError' && /alias/.test(e.reason), JSON.stringify(e))
})
values('should refuse NaN as json.Marshal does', () => {
  const e = assertLeft(parseYamlValues('v.yaml', 'a: .nan\n'))
  assert.ok(e._tag === 'YamlParseError' && e.reason.includes('NaN'))
})
values.run()

const doc = suite('parseYamlDocument')
doc('should return any value', () => {
  assert.equal(parseYamlDocument('x', '- 1\n- two\n'), E.right([1, 'two']))
  assert.equal(parseYamlDocument('x', 'hello'), E.right('hello'))
  assert.equal(parseYamlDocument('x', ''), E.right(null))
})
doc('should decode !!binary to its text', () => {
  assert.equal(parseYamlDocument('x', 'a: !!binary aGVsbG8=\n'), E.right({ a: 'hello' }))
})
doc.run()
