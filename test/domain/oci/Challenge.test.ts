import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseChallenge } from '../../../src/domain/oci/Challenge'

const challenge = suite('parseChallenge')

challenge('should read a Bearer challenge with quoted, escaped and bare parameters', () => {
  assert.equal(
    parseChallenge('Bearer realm="https://auth.example.com/token",service=registry,scope="repository:a/b:pull,push"'),
    {
      scheme: 'bearer',
      params: { realm: 'https://auth.example.com/token', service: 'registry', scope: 'repository:a/b:pull,push' },
    },
  )
  assert.equal(parseChallenge('Basic realm="say \\"hi\\""'), { scheme: 'basic', params: { realm: 'say "hi"' } })
  assert.equal(parseChallenge('Negotiate'), { scheme: 'negotiate', params: {} })
})

challenge.run()
