import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openPgpSignatory } from '../../../src/adapters/openpgp/OpenPgpSignatory'
import { signatoryContract } from '../../ports/Signatory.contract'

/** Key pairs made once for the suite (ECC keys are quick), written as GnuPG-style binary keyrings. */
const keyrings = (async () => {
  const openpgp = await import('openpgp')
  const dir = await mkdtemp(join(tmpdir(), 'wh-pgp-'))
  const make = async (name: string, passphrase?: string) => {
    const { privateKey, publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name, email: 'signer@example.com' }],
      format: 'binary',
      ...(passphrase ? { passphrase } : {}),
    })
    const secret = join(dir, `${name}-secring.gpg`)
    const pub = join(dir, `${name}-pubring.gpg`)
    await writeFile(secret, privateKey)
    await writeFile(pub, publicKey)
    return { secret, pub }
  }
  return { signer: await make('Chart Signer', 'open sesame'), other: await make('Someone Else') }
})()

signatoryContract('openpgp', async () => {
  const k = await keyrings
  return {
    signatory: openPgpSignatory(),
    secret: k.signer.secret,
    keyName: 'Chart Signer',
    passphrase: 'open sesame',
    public: k.signer.pub,
    otherPublic: k.other.pub,
  }
})
