import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as P from '../../../src/domain/provenance/Provenance'
import { assertLeft, assertRight } from '../../helpers'

const metadata = { apiVersion: 'v1', name: 'demo', version: '1.2.3', description: 'A demo' }
const hex = 'ab'.repeat(32)

const message = suite('Provenance.provenanceMessage')
message('should write sorted Chart.yaml, the YAML end marker and the files sum', () => {
  assert.is(
    P.provenanceMessage(metadata, 'demo-1.2.3.tgz', hex),
    `apiVersion: v1\ndescription: A demo\nname: demo\nversion: 1.2.3\n\n...\nfiles:\n  demo-1.2.3.tgz: sha256:${hex}\n`,
  )
})
message.run()

const parse = suite('Provenance.parseProvenanceBody')
const prov = (body: string) =>
  `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n${body}\n-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n`
parse('should read the signed body back, undoing dash-escaping', () => {
  const text = assertRight(
    P.clearsignedText('x.prov', prov(`- --weird\n${P.provenanceMessage(metadata, 'demo-1.2.3.tgz', hex)}`)),
  )
  assert.ok(text.startsWith('--weird\napiVersion: v1\n'))
  const body = assertRight(P.parseProvenanceBody('x.prov', text))
  assert.equal(body.files, { 'demo-1.2.3.tgz': `sha256:${hex}` })
})
parse('should refuse a file without a clear-signed block or without files', () => {
  assert.is(assertLeft(P.clearsignedText('x.prov', 'hello'))._tag, 'ProvenanceInvalid')
  assert.is(assertLeft(P.parseProvenanceBody('x.prov', 'name: x\n'))._tag, 'ProvenanceInvalid')
})
parse.run()

const digest = suite('Provenance.checkArchiveDigest')
digest('should accept the named sum and reject another one', () => {
  const body = { metadata: '', files: { 'demo-1.2.3.tgz': `sha256:${hex}` } }
  assert.is(assertRight(P.checkArchiveDigest(body, 'demo-1.2.3.tgz', hex)), `sha256:${hex}`)
  assert.equal(assertLeft(P.checkArchiveDigest(body, 'demo-1.2.3.tgz', 'cd'.repeat(32))), {
    _tag: 'ChecksumMismatch',
    file: 'demo-1.2.3.tgz',
    expected: `sha256:${hex}`,
    actual: `sha256:${'cd'.repeat(32)}`,
  })
})
digest.run()
