import { memorySignatory } from '../../../src/adapters/memory-signatory/MemorySignatory'
import { signatoryContract } from '../../ports/Signatory.contract'

signatoryContract('memory', async () => {
  const signer = { userId: 'Chart Signer <signer@example.com>', fingerprint: 'A1B2C3', passphrase: 'open sesame' }
  return {
    signatory: memorySignatory({
      '/keys/secring.gpg': [signer],
      '/keys/pubring.gpg': [{ userId: signer.userId, fingerprint: signer.fingerprint }],
      '/keys/other.gpg': [{ userId: 'Someone Else', fingerprint: 'D4E5F6' }],
    }),
    secret: '/keys/secring.gpg',
    keyName: 'Chart Signer',
    passphrase: 'open sesame',
    public: '/keys/pubring.gpg',
    otherPublic: '/keys/other.gpg',
  }
})
