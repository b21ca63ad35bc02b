// Helm v2's client version check as a v2 client meets it: raw gRPC calls carrying `x-helm-api-client`.
import * as grpc from '@grpc/grpc-js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startGrpcServer } from '../../../src/adapters/grpc/Server'
import { releaseServiceDefinition } from '../../../src/adapters/grpc/Service'
import { createTiller } from '../../../src/tiller/embed'

type Outcome = { code: number; details: string; messages: number }

const rawCall = (client: grpc.Client, method: string, version: string | undefined): Promise<Outcome> => {
  const m = releaseServiceDefinition()[method]!
  const md = new grpc.Metadata()
  if (version !== undefined) md.set('x-helm-api-client', version)
  if (!m.responseStream)
    return new Promise((resolve) =>
      client.makeUnaryRequest(m.path, m.requestSerialize, m.responseDeserialize, { name: 'none' }, md, (err) =>
        resolve({ code: err?.code ?? 0, details: err?.details ?? '', messages: err ? 0 : 1 }),
      ),
    )
  return new Promise((resolve) => {
    let messages = 0
    const s = client.makeServerStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, {}, md)
    s.on('data', () => messages++)
    s.on('error', (err: grpc.ServiceError) => resolve({ code: err.code, details: err.details, messages }))
    s.on('end', () => resolve({ code: 0, details: '', messages }))
  })
}

const check = suite('gRPC server: x-helm-api-client check (Helm v2 rule)')
check(
  'should accept v2.0.0 … v2.17.x clients and refuse v2.18.0 and v3.0.0 with status UNKNOWN and v2 text',
  async () => {
    const lines: string[] = []
    const server = await startGrpcServer({
      api: createTiller(),
      listen: '127.0.0.1:0',
      version: 'v2.17.0',
      log: (l) => lines.push(l),
    })
    const client = new grpc.Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure())
    try {
      for (const v of ['v2.0.0', 'v2.16.0', 'v2.17.0', 'v2.17.3']) {
        const list = await rawCall(client, 'ListReleases', v)
        assert.equal(list, { code: 0, details: '', messages: 0 }, v)
        const status = await rawCall(client, 'GetReleaseStatus', v)
        assert.is(status.details, 'release: "none" not found', v)
      }
      for (const v of ['v2.18.0', 'v3.0.0', 'v2.17.0-rc.1', 'garbage']) {
        const refused = `incompatible versions client[${v}] server[v2.17.0]`
        assert.equal(await rawCall(client, 'ListReleases', v), {
          code: grpc.status.UNKNOWN,
          details: refused,
          messages: 0,
        })
        assert.equal(await rawCall(client, 'GetReleaseStatus', v), {
          code: grpc.status.UNKNOWN,
          details: refused,
          messages: 0,
        })
        // GetVersion stays open to every client, as v2's interceptor whitelists it
        assert.is((await rawCall(client, 'GetVersion', v)).code, 0)
      }
      const none = await rawCall(client, 'GetHistory', undefined)
      assert.equal(none, {
        code: grpc.status.UNKNOWN,
        details: 'incompatible versions client[] server[v2.17.0]',
        messages: 0,
      })
      assert.ok(lines.includes('incompatible versions client[v3.0.0] server[v2.17.0]'), lines.join('\n'))
    } finally {
      client.close()
      await server.stop(0)
    }
  },
)
check.run()
