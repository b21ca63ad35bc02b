// Tiller reads a release's stored values (Config.raw) as Helm v2's chartutil.ReadValues: yaml.v2 through ghodss.
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../../src/domain/errors'
import { parseConfig } from '../../../src/domain/values/Config'

const config = suite('parseConfig')
config(
  'should read YAML 1.1 as yaml.v2 does: yes/on booleans (a key y too), 0755 octal, merge keys, every number a float64',
  () => {
    assert.equal(
      parseConfig('a: yes\nb: on\nc: 0755\nd: 1_000\ne: 3\nf: "yes"\n'),
      E.right({ a: true, b: true, c: 493, d: 1000, e: 3, f: 'yes' }),
    )
    assert.equal(
      parseConfig('base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n'),
      E.right({ base: { x: 1 }, use: { x: 1, true: 2 } }),
    )
  },
)
config('should read nothing as no values', () => {
  assert.equal(parseConfig(undefined), E.right({}))
  assert.equal(parseConfig('  \n'), E.right({}))
  assert.equal(parseConfig('~\n'), E.right({}))
})
config("should refuse what is not a map or not YAML in ghodss's words", () => {
  const left = (raw: string) => {
    const r = parseConfig(raw)
    return E.isLeft(r) ? message(r.left) : 'accepted'
  }
  assert.is(
    left('- a\n'),
    'error unmarshaling JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
  )
  assert.match(left('a: [\n'), /^error converting YAML to JSON: yaml: line \d+: /)
  assert.match(left('a: .nan\n'), /^error converting YAML to JSON: /)
})
config.run()
