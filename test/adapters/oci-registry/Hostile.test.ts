// The HTTP registry adapter against a hostile registry on loopback: endless answers stop at their bound (4 MiB for
// manifests and tag lists, the declared size for blobs), content that does not match its digest is refused, and
// an error answer reads as oras-go words it.
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ociRegistry } from '../../../src/adapters/oci-registry/OciRegistry'
import { MediaTypes } from '../../../src/domain/oci/Manifest'
import { type OciReference, parseOciReference } from '../../../src/domain/oci/Reference'
import { assertLeft } from '../../helpers'

const endless = (res: http.ServerResponse, type: string): void => {
  res.writeHead(200, { 'Content-Type': type })
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump)
  }
  pump()
}

// another origin that challenges whoever a registry redirects to it, with a realm of its own
const realmHits: string[] = []
const other = http.createServer((req, res) => {
  if (req.url?.startsWith('/token')) {
    realmHits.push(req.headers.authorization ?? '')
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end('{"token":"t"}')
    return
  }
  const port = (other.address() as AddressInfo).port
  res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service=x` })
  res.end()
})
await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()))

// requests a registry that never answers holds
const mute: http.ServerResponse[] = []
const server = http.createServer((req, res) => {
  const url = req.url ?? ''
  if (url.startsWith('/v2/endless/c/tags/list')) return endless(res, 'application/json')
  if (url.startsWith('/v2/endless/c/manifests/')) return endless(res, MediaTypes.manifest)
  if (url.startsWith('/v2/endless/c/blobs/')) return endless(res, 'application/octet-stream')
  if (url.startsWith('/v2/lying/c/manifests/')) {
    res.writeHead(200, { 'Content-Type': MediaTypes.manifest, 'Docker-Content-Digest': `sha256:${'0'.repeat(64)}` })
    return res.end('{"schemaVersion":2}')
  }
  if (url.startsWith('/v2/metadata/')) {
    res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="http://169.254.169.254/token",service=x' })
    return res.end()
  }
  if (url.startsWith('/v2/elsewhere/')) {
    res.writeHead(307, { Location: `http://127.0.0.1:${(other.address() as AddressInfo).port}/blob` })
    return res.end()
  }
  if (url.startsWith('/v2/mute/')) {
    mute.push(res)
    return
  }
  if (url.startsWith('/v2/deny/')) {
    res.writeHead(403, { 'Content-Type': 'application/json' })
    return res.end('{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}')
  }
  res.writeHead(404).end()
})
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
const host = `127.0.0.1:${(server.address() as AddressInfo).port}`
const ref = (s: string): OciReference => {
  const r = parseOciReference(`${host}/${s}`)
  if (E.isLeft(r)) throw new Error(s)
  return r.right
}
const auth = { plainHttp: true }

const hostile = suite('ociRegistry against a hostile registry')
const close = (s: http.Server) =>
  new Promise<void>((r) => {
    s.closeAllConnections()
    s.close(() => r())
  })
hostile.after(() => Promise.all([close(server), close(other)]).then(() => undefined))

hostile('should stop reading an endless manifest or tag list at 4 MiB', async () => {
  const reg = ociRegistry()
  const m = assertLeft(await reg.manifest(ref('endless/c:1.0.0'), auth)())
  assert.equal(m, {
    _tag: 'RegistryTooLarge',
    what: `GET http://${host}/v2/endless/c/manifests/1.0.0`,
    limit: 4 * 1024 * 1024,
  })
  const t = assertLeft(await reg.tags(ref('endless/c'), auth)())
  assert.is(t._tag, 'RegistryTooLarge')
})

hostile('should stop reading a blob past its declared size', async () => {
  const d = { mediaType: MediaTypes.chart, digest: `sha256:${'1'.repeat(64)}`, size: 1000 }
  const e = assertLeft(await ociRegistry().blob(ref('endless/c'), d, auth)())
  assert.equal(e, { _tag: 'RegistryTooLarge', what: d.digest, limit: 1000 })
})

hostile('should refuse a manifest whose content does not match the digest the registry claims', async () => {
  const e = assertLeft(await ociRegistry().manifest(ref('lying/c:1.0.0'), auth)())
  assert.is(e._tag, 'BlobDigestMismatch')
})

hostile("should word a 403 as oras-go does, with the registry's error code and message", async () => {
  const e = assertLeft(await ociRegistry().manifest(ref('deny/c:1.0.0'), auth)())
  assert.equal(e, {
    _tag: 'RegistryStatus',
    method: 'GET',
    url: `http://${host}/v2/deny/c/manifests/1.0.0`,
    status: 403,
    detail: 'denied: requested access to the resource is denied',
  })
})

hostile('should send no credential to a token realm at a link-local address', async () => {
  const e = assertLeft(
    await ociRegistry().manifest(ref('metadata/c:1.0.0'), { ...auth, credential: { username: 'u', password: 'p' } })(),
  )
  assert.equal(e, {
    _tag: 'TokenFailed',
    realm: 'http://169.254.169.254/token',
    reason: 'bearer realm host "169.254.169.254" is a loopback, link-local, private, or unspecified address',
  })
})

hostile('should not answer the challenge of another origin a registry redirected to', async () => {
  const d = { mediaType: MediaTypes.chart, digest: `sha256:${'2'.repeat(64)}`, size: 10 }
  const e = assertLeft(
    await ociRegistry().blob(ref('elsewhere/c'), d, { ...auth, credential: { username: 'u', password: 'p' } })(),
  )
  assert.ok(e._tag === 'RegistryStatus' && e.status === 401, JSON.stringify(e))
  assert.equal(realmHits, [])
})

hostile('should say every 5 s what a request to a registry that does not answer waits for', async () => {
  const lines: string[] = []
  let heard: () => void = () => undefined
  const first = new Promise<void>((r) => {
    heard = r
  })
  const reg = ociRegistry({
    progress: (line) => {
      lines.push(line)
      heard()
    },
  })
  const pending = reg.manifest(ref('mute/c:1.0.0'), auth)()
  await first
  for (const res of mute) res.socket?.destroy()
  assert.is(assertLeft(await pending)._tag, 'Unreachable')
  assert.equal(lines, [
    `waiting for GET http://${host}/v2/mute/c/manifests/1.0.0 (5s): connected to ${host}, no answer yet\n`,
  ])
})

hostile.run()
