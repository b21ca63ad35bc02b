import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { secretStore } from '../../../src/adapters/secret-store/SecretStore'
import { decodeRelease } from '../../../src/domain/release/Codec'
import { assertRight } from '../../helpers'
import { releaseStoreContract, stubRelease } from '../../ports/ReleaseStore.contract'
import { sandboxWithRest } from '../configmap-store/sandbox'

const env = await sandboxWithRest()

releaseStoreContract('secret-store on the sandbox', async () => secretStore(env.rest, await env.namespace()))

const layout = suite('secretStore layout')
layout('should store Secret NAME.vN whose data.release is the encoded release base64ed again', async () => {
  const ns = await env.namespace()
  const s = secretStore(env.rest, ns)
  assertRight(await s.create('web.v2', stubRelease('web', 2, 'FAILED'))())
  const secret = JSON.parse((await env.rest.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/secrets/web.v2` })).text)
  assert.is(secret.type, 'Opaque')
  assert.is(secret.metadata.labels.STATUS, 'FAILED')
  const once = Buffer.from(secret.data.release, 'base64').toString('utf8')
  assert.equal(decodeRelease(once), E.right(stubRelease('web', 2, 'FAILED')))
})
layout.after(async () => {
  await env.sb.stop()
})
layout.run()
