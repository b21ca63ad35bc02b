import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { tempDir, writeChart } from '../../adapters/http-repo/fixtures'
import { helm } from '../../helpers'

/** A chart packaged and signed with a fresh key; the public keyring that verifies it. */
const signedArchive = async () => {
  const dir = await tempDir()
  const openpgp = await import('openpgp')
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Chart Signer', email: 's@example.com' }],
    format: 'binary',
  })
  const secring = join(dir, 'secring.gpg')
  const pubring = join(dir, 'pubring.gpg')
  await writeFile(secring, privateKey)
  await writeFile(pubring, publicKey)
  const chart = await writeChart(dir, 'signed', '0.4.0')
  const p = await helm([
    'package',
    chart,
    '-d',
    dir,
    '--sign',
    '--key',
    'Chart Signer',
    '--keyring',
    secring,
    '--home',
    join(dir, 'home'),
  ])
  assert.is(p.code, 0, p.stderr)
  return { dir, chart, archive: join(dir, 'signed-0.4.0.tgz'), pubring }
}

const verify = suite('helm template --verify')
verify(
  'should render a signed archive that verifies and refuse one without provenance or an unpacked chart',
  async () => {
    const { chart, archive, pubring } = await signedArchive()
    const plain = await helm(['template', 'x', archive])
    const ok = await helm(['template', 'x', archive, '--verify', '--keyring', pubring])
    assert.is(ok.code, 0, ok.stderr)
    assert.is(ok.stdout, plain.stdout)
    assert.ok(ok.stdout.includes('# Source: signed/'), ok.stdout)
    const dirRun = await helm(['template', 'x', chart, '--verify', '--keyring', pubring])
    assert.equal([dirRun.code, dirRun.stdout], [1, ''])
    assert.match(dirRun.stderr, /^Error: .*verif/)
    await rm(`${archive}.prov`)
    const unsigned = await helm(['template', 'x', archive, '--verify', '--keyring', pubring])
    assert.equal([unsigned.code, unsigned.stdout], [1, ''])
    assert.match(unsigned.stderr, /^Error: .*signed-0\.4\.0\.tgz\.prov/)
  },
)
verify.run()
