import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { secretStore } from '../../../src/adapters/configmap-store/SecretStore'
import { namespacedObjects } from '../../../src/adapters/k8s/Objects'
import { decodeRelease } from '../../../src/domain/release/Codec'
import { assertRight } from '../../helpers'
import { releaseStoreContract, stubRelease } from '../../ports/ReleaseStore.contract'
import { sandboxWithRest } from './sandbox'

const env = await sandboxWithRest()

releaseStoreContract('secret-store on the sandbox', async () =>
  secretStore(namespacedObjects(env.rest), await env.namespace()),
)

const layout = suite('secretStore layout')
layout('should store Secret NAME.vN whose data.release is the encoded release base64ed again', async () => {
  const ns = await env.namespace()
  const s = secretStore(namespacedObjects(env.rest), ns)
  assertRight(await s.create('web.v2', stubRelease('web', 2, 'FAILED'))())
  const secret = JSON.parse(
    (await env.rest.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/secrets/web.v2` })).text,
  )
  assert.is(secret.type, 'Opaque')
  assert.is(secret.metadata.labels.STATUS, 'FAILED')
  const once = Buffer.from(secret.data.release, 'base64').toString('utf8')
  assert.equal(decodeRelease(once), E.right(stubRelease('web', 2, 'FAILED')))
})
layout('should split a release over the 1 MiB limit across Secrets and read it back whole', async () => {
  const ns = await env.namespace()
  const s = secretStore(namespacedObjects(env.rest), ns)
  const { randomBytes } = await import('node:crypto')
  const big = { ...stubRelease('big', 1), manifest: randomBytes(1536 * 1024).toString('base64') }
  assert.equal(await s.create('big.v1', big)(), E.right(undefined))
  assert.equal(await s.get('big.v1')(), E.right(big))
  const chunks = JSON.parse(
    (
      await env.rest.request({
        method: 'GET',
        path: `/api/v1/namespaces/${ns}/secrets`,
        query: { labelSelector: 'OWNER=TILLER-CHUNK' },
      })
    ).text,
  ).items
  assert.ok(chunks.length >= 2)
})
layout.after(async () => {
  await env.sb.stop()
})
layout.run()
