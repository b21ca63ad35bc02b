// The ChartRegistry contract against real registries (Debian's docker-registry on loopback): plain HTTP without
// auth, HTTPS with htpasswd users (Basic), and plain HTTP with bearer tokens from a token server. One registry of
// each kind serves the whole file; each case pushes under its own repository.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ociRegistry } from '../../../src/adapters/oci-registry/OciRegistry'
import { blobPath, type Registry, startRegistry, startTokenServer, type TokenServer } from '../../support/registry'
import { makeCerts } from '../../support/tls'
import { chartRegistryContract } from '../../ports/ChartRegistry.contract'

const certs = makeCerts()
const token: TokenServer = await startTokenServer({ bob: 'token-pass' })
const registries: Registry[] = []
let kinds: { plain: Registry; tls: Registry; bearer: Registry }
try {
  kinds = {
    plain: await startRegistry(),
    tls: await startRegistry({
      tls: { cert: join(certs, 'tiller/tls.crt'), key: join(certs, 'tiller/tls.key') },
      users: { alice: 's3cret' },
    }),
    bearer: await startRegistry({ token }),
  }
  registries.push(kinds.plain, kinds.tls, kinds.bearer)
} catch (err) {
  await Promise.all(registries.map((r) => r.stop()))
  await token.stop()
  throw err
}
const stopAll = async () => {
  await Promise.all(registries.map((r) => r.stop()))
  await token.stop()
}
const tamper = (r: Registry) => (digest: string, bytes: Uint8Array) => writeFileSync(blobPath(r, digest), bytes)

chartRegistryContract('oci-registry (plain HTTP, anonymous)', async () => ({
  registry: ociRegistry(),
  host: kinds.plain.host,
  auth: { plainHttp: true },
  wrongAuth: undefined,
  tamper: tamper(kinds.plain),
  close: async () => undefined,
}))

chartRegistryContract('oci-registry (TLS, htpasswd)', async () => ({
  registry: ociRegistry(),
  host: kinds.tls.host,
  auth: { caFile: join(certs, 'ca.crt'), credential: { username: 'alice', password: 's3cret' } },
  wrongAuth: { caFile: join(certs, 'ca.crt'), credential: { username: 'alice', password: 'wrong' } },
  tamper: tamper(kinds.tls),
  close: async () => undefined,
}))

chartRegistryContract(
  'oci-registry (bearer tokens)',
  async () => ({
    registry: ociRegistry(),
    host: kinds.bearer.host,
    auth: { plainHttp: true, credential: { username: 'bob', password: 'token-pass' } },
    wrongAuth: { plainHttp: true, credential: { username: 'bob', password: 'wrong' } },
    tamper: tamper(kinds.bearer),
    close: async () => undefined,
  }),
  stopAll,
)
