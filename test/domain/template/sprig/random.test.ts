import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { render } from './golden'

// Random output cannot be golden: check shape, alphabet and that the caller's byte source drives it.
const random = suite('sprig: random functions')
random('should draw strings of the requested length from the right alphabet', () => {
  const [an, a, n, asc] = render(
    '{{ randAlphaNum 40 }}|{{ randAlpha 40 }}|{{ randNumeric 40 }}|{{ randAscii 40 }}',
    {},
  ).split('|')
  assert.match(an, /^[A-Za-z0-9]{40}$/)
  assert.match(a, /^[A-Za-z]{40}$/)
  assert.match(n, /^[0-9]{40}$/)
  assert.is(asc.length, 40)
  assert.match(asc, /^[\x20-\x7e]+$/)
})
random('should give a version 4 UUID', () => {
  assert.match(render('{{ uuidv4 }}', {}), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
})
random('should keep randInt within [min, max) and randBytes base64 of n bytes', () => {
  const v = Number(render('{{ randInt 5 9 }}', {}))
  assert.ok(v >= 5 && v < 9)
  assert.is(Buffer.from(render('{{ randBytes 12 }}', {}), 'base64').length, 12)
})
random('should shuffle the characters of a string', () => {
  assert.equal([...render('{{ shuffle "abcdef" }}', {})].sort().join(''), 'abcdef')
})
random('should be reproducible from the same byte source', () => {
  assert.is(render('{{ randAlphaNum 16 }}', {}), render('{{ randAlphaNum 16 }}', {}))
})
random('should fail randInt on an empty range as Go does', () => {
  assert.throws(() => render('{{ randInt 3 3 }}', {}), /invalid argument to Intn/)
})
random.run()
