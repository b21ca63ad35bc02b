import bcryptjs from 'bcryptjs'
import { X509Certificate, createPrivateKey } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { goldenSuite, render } from './golden'

// derivePassword, AES decryption of a value and the error texts against real Helm 4.1.4
goldenSuite('crypto')

const certs = suite('sprig: certificates and keys')
certs('should sign a certificate with a generated CA that node:crypto verifies', () => {
  const out = render(
    '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc" (list "10.0.0.1") (list "a.example") 30 $ca }}{{ $ca.Cert }}@@{{ $c.Cert }}@@{{ $c.Key }}',
    {},
  )
  const [ca, cert, key] = out.split('@@')
  const caX = new X509Certificate(ca)
  const x = new X509Certificate(cert)
  assert.ok(caX.ca)
  assert.is(caX.subject, 'CN=my-ca')
  assert.is(x.issuer, 'CN=my-ca')
  assert.is(x.subjectAltName, 'DNS:a.example, IP Address:10.0.0.1')
  assert.ok(x.verify(caX.publicKey))
  assert.ok(x.checkPrivateKey(createPrivateKey(key)))
  // validity from the render clock
  assert.is(new Date(x.validFrom).toISOString(), '2024-05-06T07:08:09.000Z')
  assert.is(new Date(x.validTo).toISOString(), '2024-06-05T07:08:09.000Z')
})
certs('should self-sign with a given key and keep it', () => {
  const key = render('{{ genPrivateKey "ecdsa" }}', {})
  assert.match(key, /^-----BEGIN EC PRIVATE KEY-----\n/)
  const out = render(
    '{{ $c := genSelfSignedCertWithKey "self" nil (list "x.io") 10 .Values.key }}{{ $c.Cert }}@@{{ $c.Key }}',
    { key },
  )
  const [cert, k] = out.split('@@')
  const x = new X509Certificate(cert)
  assert.is(k, key)
  assert.ok(x.verify(x.publicKey))
  assert.is(x.subjectAltName, 'DNS:x.io')
})
certs('should write ed25519 keys as PKCS#8', () => {
  assert.match(render('{{ genPrivateKey "ed25519" }}', {}), /^-----BEGIN PRIVATE KEY-----\n/)
})
certs.run()

const hashes = suite('sprig: bcrypt, htpasswd, AES')
hashes('should give Go-style $2a$ bcrypt hashes that verify', () => {
  const [user, hash] = render('{{ htpasswd "admin" "s3cret" }}', {}).split(':')
  assert.is(user, 'admin')
  assert.match(hash, /^\$2a\$10\$/)
  assert.ok(bcryptjs.compareSync('s3cret', hash))
  assert.ok(bcryptjs.compareSync('pw', render('{{ bcrypt "pw" }}', {})))
})
hashes('should round-trip encryptAES and decryptAES', () => {
  assert.is(render('{{ encryptAES "k" "some text" | decryptAES "k" }}', {}), 'some text')
})
hashes.run()
