// What a client reads from Tiller's answers is checked, not trusted: the structured error in the trailer and the
// plan beside a release. A foreign or damaged answer falls back to the server's text or fails with one line.
import * as grpc from '@grpc/grpc-js'
import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ERROR_TRAILER, errorOf, errorStatus } from '../../../src/adapters/grpc/Service'
import { fromReleaseResponse, toReleaseResponse } from '../../../src/adapters/grpc/ServiceMessages'
import { message } from '../../../src/domain/errors'
import { releaseNotFound } from '../../../src/domain/release/StoreError'
import { remoteError } from '../../../src/domain/transport/TransportError'
import { stubRelease } from '../../ports/ReleaseStore.contract'

const connErr = (reason: string) => remoteError(`connection: ${reason}`)
/** A failed call as grpc-js hands it to the client: code, details and the trailer's bytes. */
const failedCall = (details: string, trailer?: string) => {
  const metadata = new grpc.Metadata()
  if (trailer !== undefined) metadata.set(ERROR_TRAILER, Buffer.from(trailer, 'utf8'))
  return Object.assign(new Error(details), { code: grpc.status.UNKNOWN, details, metadata })
}

const trailer = suite("errorOf: Tiller's error trailer")
trailer('should give back the HelmError Tiller sent', () => {
  const e = releaseNotFound('web')
  const status = errorStatus(e)
  const sent = failedCall(String(status.details), status.metadata?.get(ERROR_TRAILER)[0]?.toString())
  assert.equal(errorOf(sent, connErr), e)
})
trailer("should fall back to the server's text for a trailer that is no HelmError", () => {
  for (const raw of ['not json', '[]', '{"_tag":"NoSuchError","key":"x"}', '{"key":"web"}', 'null']) {
    const e = errorOf(failedCall('release: "web" not found', raw), connErr)
    assert.equal(e, remoteError('release: "web" not found'), raw)
    assert.is(message(e), 'release: "web" not found')
  }
})

const plans = suite('fromReleaseResponse: the plan beside a release')
plans('should read a plan back as sent', () => {
  const plan = {
    changes: [
      {
        action: 'update' as const,
        ref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', namespace: 'default' },
        diff: '-x\n+y\n',
      },
    ],
  }
  const r = fromReleaseResponse(toReleaseResponse({ release: stubRelease('web', 1), plan }))
  assert.ok(E.isRight(r))
  assert.equal(E.isRight(r) && r.right.plan, plan)
})
plans('should fail with one line naming what is wrong in a damaged plan', () => {
  const p = toReleaseResponse({ release: stubRelease('web', 1) })
  const bad = (plan_json: string) => {
    const r = fromReleaseResponse({ ...p, plan_json })
    return E.isLeft(r) ? message(r.left) : 'accepted'
  }
  assert.match(
    bad('{"changes":[{"action":"explode","ref":{},"diff":""}]}'),
    /^Tiller's answer cannot be read: the plan: key "changes\[0\]\.action"/,
  )
  assert.match(
    bad('{"changes":[{"action":"create","ref":{"kind":"Pod"},"diff":""}]}'),
    /key "changes\[0\]\.ref\.apiVersion"/,
  )
  assert.match(bad('{"changes":'), /^Tiller's answer cannot be read: the plan is no JSON/)
})

trailer.run()
plans.run()
