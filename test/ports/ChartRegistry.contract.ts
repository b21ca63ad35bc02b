// The one ChartRegistry contract every registry adapter runs: `chartRegistryContract('<adapter>', make)` where
// `make()` gives an empty registry, its host, the auth that reaches it, a wrong credential, and a way to corrupt a
// stored blob.
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { blobOf, MediaTypes, manifestBytes } from '../../src/domain/oci/Manifest'
import { type OciReference, parseOciReference } from '../../src/domain/oci/Reference'
import type { ChartRegistry, RegistryAuth } from '../../src/ports/ChartRegistry'
import { assertLeft, assertRight } from '../helpers'

export type MakeChartRegistry = () => Promise<{
  readonly registry: ChartRegistry
  readonly host: string
  readonly auth: RegistryAuth
  /** the auth with a credential the registry refuses, or undefined when it asks for none */
  readonly wrongAuth: RegistryAuth | undefined
  readonly tamper: (digest: string, bytes: Uint8Array) => void
  readonly close: () => Promise<void>
}>

const ref = (s: string): OciReference => {
  const r = parseOciReference(s)
  if (E.isLeft(r)) throw new Error(`bad reference ${s}`)
  return r.right
}

const artifact = (text: string) => {
  const config = blobOf(MediaTypes.config, new TextEncoder().encode('{"name":"demo","version":"1.0.0"}'))
  const layer = blobOf(MediaTypes.chart, new TextEncoder().encode(text))
  const manifest = manifestBytes({ config, layers: [layer], annotations: { 'org.opencontainers.image.title': 'demo' } })
  return { config, layer, manifest }
}

/** Runs the contract; `after` runs once its cases are done (servers shared by several runs stop there). */
export const chartRegistryContract = (name: string, make: MakeChartRegistry, after?: () => Promise<void>): void => {
  const s = suite(`ChartRegistry contract: ${name}`)
  if (after) s.after(after)

  s('should serve a pushed manifest by tag and by digest, and its blobs byte for byte', async () => {
    const { registry, host, auth, close } = await make()
    try {
      const a = artifact('chart bytes')
      const at = ref(`${host}/charts/demo:1.0.0`)
      const digest = assertRight(await registry.push(at, [a.config, a.layer], a.manifest, auth)())
      assert.ok(digest.startsWith('sha256:'))
      const byTag = assertRight(await registry.manifest(at, auth)())
      assert.equal(Buffer.from(byTag.bytes).toString(), Buffer.from(a.manifest).toString())
      assert.is(byTag.digest, digest)
      const byDigest = assertRight(await registry.manifest(ref(`${host}/charts/demo@${digest}`), auth)())
      assert.is(byDigest.digest, digest)
      assert.is(Buffer.from(assertRight(await registry.blob(at, a.layer, auth)())).toString(), 'chart bytes')
    } finally {
      await close()
    }
  })

  s('should list every tag of a repository', async () => {
    const { registry, host, auth, close } = await make()
    try {
      for (const tag of ['1.0.0', '1.2.0', '1.2.3_build.4', 'latest']) {
        const a = artifact(`chart ${tag}`)
        assertRight(await registry.push(ref(`${host}/charts/demo:${tag}`), [a.config, a.layer], a.manifest, auth)())
      }
      const tags = assertRight(await registry.tags(ref(`${host}/charts/demo`), auth)())
      assert.equal([...tags].sort(), ['1.0.0', '1.2.0', '1.2.3_build.4', 'latest'])
    } finally {
      await close()
    }
  })

  s('should answer OciNotFound for a tag or blob it does not hold', async () => {
    const { registry, host, auth, close } = await make()
    try {
      const a = artifact('x')
      assertRight(await registry.push(ref(`${host}/charts/demo:1.0.0`), [a.config, a.layer], a.manifest, auth)())
      const e = assertLeft(await registry.manifest(ref(`${host}/charts/demo:9.9.9`), auth)())
      assert.equal(e, { _tag: 'OciNotFound', ref: `${host}/charts/demo:9.9.9` })
      const other = artifact('never pushed')
      assert.is(assertLeft(await registry.blob(ref(`${host}/charts/demo`), other.layer, auth)())._tag, 'OciNotFound')
    } finally {
      await close()
    }
  })

  s('should refuse a blob whose content does not match its digest', async () => {
    const { registry, host, auth, tamper, close } = await make()
    try {
      const a = artifact('the real chart')
      const at = ref(`${host}/charts/demo:1.0.0`)
      assertRight(await registry.push(at, [a.config, a.layer], a.manifest, auth)())
      tamper(a.layer.digest, new TextEncoder().encode('the evil chart'))
      const e = assertLeft(await registry.blob(at, a.layer, auth)())
      assert.is(e._tag, 'BlobDigestMismatch', JSON.stringify(e))
    } finally {
      await close()
    }
  })

  s('should accept the right credential on ping and refuse a wrong one with 401', async () => {
    const { registry, host, auth, wrongAuth, close } = await make()
    try {
      assertRight(await registry.ping(host, auth)())
      if (wrongAuth) {
        const e = assertLeft(await registry.ping(host, wrongAuth)())
        assert.ok(e._tag === 'RegistryStatus' && e.status === 401, JSON.stringify(e))
        const pushed = assertLeft(
          await registry.push(
            ref(`${host}/charts/demo:1.0.0`),
            [artifact('x').config],
            artifact('x').manifest,
            wrongAuth,
          )(),
        )
        assert.ok(pushed._tag === 'RegistryStatus' && pushed.status === 401, JSON.stringify(pushed))
      }
    } finally {
      await close()
    }
  })

  s.run()
}
