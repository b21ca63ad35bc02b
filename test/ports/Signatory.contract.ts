// The one Signatory contract every adapter runs: `signatoryContract('<adapter>', make)` where `make()` gives the
// signatory, a secret keyring holding a key whose user id contains `keyName` (locked with `passphrase`), the
// matching public keyring, and a public keyring of another key.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { clearsignedText } from '../../src/domain/provenance/Provenance'
import type { Signatory } from '../../src/ports/Signatory'
import { assertLeft, assertRight } from '../helpers'

export interface SignatoryFixture {
  readonly signatory: Signatory
  readonly secret: string
  readonly keyName: string
  readonly passphrase: string | undefined
  readonly public: string
  readonly otherPublic: string
}

const body = 'apiVersion: v1\nname: demo\nversion: 0.1.0\n\n...\nfiles:\n  demo-0.1.0.tgz: sha256:abc\n'

export const signatoryContract = (name: string, make: () => Promise<SignatoryFixture>): void => {
  const s = suite(`Signatory contract: ${name}`)

  s('should clear-sign a text that verifies against the public keyring, naming the signer', async () => {
    const f = await make()
    const prov = assertRight(await f.signatory.sign(body, f.keyName, f.secret, f.passphrase)())
    assert.match(prov, /^-----BEGIN PGP SIGNED MESSAGE-----\n/)
    assert.not.match(prov, /\r/)
    assert.is(assertRight(clearsignedText('p.prov', prov)).replace(/\n$/, ''), body.replace(/\n$/, ''))
    const signed = assertRight(await f.signatory.verify(prov, 'p.prov', f.public)())
    assert.ok(signed.signedBy.includes(f.keyName), signed.signedBy)
    assert.match(signed.fingerprint, /^[0-9A-F]+$/)
  })

  s("should refuse another key's keyring, a tampered text and a text that is not clear-signed", async () => {
    const f = await make()
    const prov = assertRight(await f.signatory.sign(body, f.keyName, f.secret, f.passphrase)())
    assert.is(assertLeft(await f.signatory.verify(prov, 'p.prov', f.otherPublic)())._tag, 'SignatureInvalid')
    const tampered = prov.replace('sha256:abc', 'sha256:abd')
    assert.is(assertLeft(await f.signatory.verify(tampered, 'p.prov', f.public)())._tag, 'SignatureInvalid')
    assert.is(assertLeft(await f.signatory.verify('just text\n', 'p.prov', f.public)())._tag, 'ProvenanceInvalid')
  })

  s('should refuse an unknown key name, a wrong passphrase and a missing keyring', async () => {
    const f = await make()
    assert.is(assertLeft(await f.signatory.sign(body, 'Nobody At All', f.secret, f.passphrase)())._tag, 'KeyNotFound')
    if (f.passphrase !== undefined)
      assert.is(assertLeft(await f.signatory.sign(body, f.keyName, f.secret, 'wrong')())._tag, 'SignatureInvalid')
    assert.is(
      assertLeft(await f.signatory.sign(body, f.keyName, '/no/such/keyring', undefined)())._tag,
      'FileUnreadable',
    )
    assert.is(assertLeft(await f.signatory.verify(body, 'p.prov', '/no/such/keyring')())._tag, 'FileUnreadable')
  })

  s.run()
}
