// An acknowledged write survives SIGKILL: the sandbox saves a write (fsync) before it answers it, for both
// entry points that keep a sandbox's state in a folder (kube-sandbox --data-dir, tiller --sandbox-data-dir).
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { grpcTillerClient } from '../../src/adapters/grpc/Client'
import { connect, type Rest, type RestResponse } from '../../src/adapters/k8s/Rest'
import { assertRight } from '../helpers'
import { demoChart } from '../tiller/fixtures'
import { type Proc, scratch, startKubeSandbox, startSandboxTiller } from '../support/processes'

const CMS = '/api/v1/namespaces/default/configmaps'
const cm = (name: string, value: string) => ({ metadata: { name }, data: { value } })

/** Sends a request and kills `proc` with SIGKILL the moment its answer is in. */
const lastWords = async (proc: Proc, send: Promise<RestResponse>): Promise<RestResponse> => {
  const r = await send
  proc.child.kill('SIGKILL')
  await proc.stop('SIGKILL')
  return r
}

const sandbox = suite('kube-sandbox --data-dir: acknowledged writes and SIGKILL')
sandbox('should keep every acknowledged create, update and delete of rounds cut by SIGKILL', async () => {
  const dir = scratch('durable')
  const kc = join(dir, 'kubeconfig')
  const data = join(dir, 'data')
  const expected = new Map<string, string>()
  for (let round = 0; round < 3; round++) {
    const proc = await startKubeSandbox(kc, ['--data-dir', data])
    try {
      const rest: Rest = await connect({ kubeconfig: kc, retries: 1 })
      // what the previous rounds acknowledged is all there
      const listed = JSON.parse((await rest.request({ method: 'GET', path: CMS })).text) as {
        items: Array<{ metadata: { name: string }; data: { value: string } }>
      }
      assert.equal(
        Object.fromEntries(listed.items.map((i) => [i.metadata.name, i.data.value])),
        Object.fromEntries(expected),
        `after round ${round - 1}`,
      )
      // concurrent creates (one group commit), then an update and a delete, the last answered just before the kill
      const made = await Promise.all(
        [0, 1, 2, 3, 4].map((i) => rest.request({ method: 'POST', path: CMS, body: cm(`r${round}-${i}`, 'a') })),
      )
      for (const [i, r] of made.entries()) {
        assert.is(r.status, 201)
        expected.set(`r${round}-${i}`, 'a')
      }
      const put = await rest.request({ method: 'PUT', path: `${CMS}/r${round}-0`, body: cm(`r${round}-0`, 'b') })
      assert.is(put.status, 200)
      expected.set(`r${round}-0`, 'b')
      const last =
        round === 0
          ? rest.request({ method: 'DELETE', path: `${CMS}/r0-1` })
          : rest.request({
              method: 'PATCH',
              path: `${CMS}/r${round}-2`,
              body: { data: { value: 'c' } },
              contentType: 'application/merge-patch+json',
            })
      assert.is((await lastWords(proc, last)).status, 200)
      if (round === 0) expected.delete('r0-1')
      else expected.set(`r${round}-2`, 'c')
    } finally {
      await proc.stop('SIGKILL')
    }
  }
  const proc = await startKubeSandbox(kc, ['--data-dir', data])
  try {
    const rest = await connect({ kubeconfig: kc, retries: 1 })
    const listed = JSON.parse((await rest.request({ method: 'GET', path: CMS })).text) as {
      items: Array<{ metadata: { name: string }; data: { value: string } }>
    }
    assert.equal(
      Object.fromEntries(listed.items.map((i) => [i.metadata.name, i.data.value])),
      Object.fromEntries(expected),
    )
  } finally {
    await proc.stop()
  }
})
sandbox.run()

const tiller = suite('tiller --sandbox-data-dir: acknowledged operations and SIGKILL')
tiller('should keep an install and an upgrade Tiller acknowledged just before SIGKILL', async () => {
  const dir = scratch('durable-tiller')
  const data = join(dir, 'sandbox')
  const start = () => startSandboxTiller(dir, ['--sandbox-data-dir', data])
  let proc = await start()
  const client = (address: string) => grpcTillerClient({ address, clientVersion: 'v2.17.0', connectTimeout: 10 })
  try {
    let api = client(proc.address)
    assertRight(await api.installRelease({ name: 'demo', chart: demoChart('0.1.0', 'one'), namespace: 'default' })())
    const upgraded = await api.updateRelease({ name: 'demo', chart: demoChart('0.2.0', 'two') })()
    proc.child.kill('SIGKILL')
    api.close()
    assert.ok(E.isRight(upgraded), JSON.stringify(upgraded))
    await proc.stop('SIGKILL')

    proc = await start()
    api = client(proc.address)
    const history = assertRight(await api.getHistory({ name: 'demo', max: 10 })())
    assert.equal(
      history.releases.map((r) => `${r.version} ${r.info.status.code}`),
      ['2 DEPLOYED', '1 SUPERSEDED'],
    )
    const kubeconfig = /its kubeconfig: (\S+)/.exec(proc.output())![1]!
    const rest = await connect({ kubeconfig, retries: 1 })
    const live = JSON.parse((await rest.request({ method: 'GET', path: `${CMS}/demo-cfg` })).text)
    assert.is(live.data.greeting, 'two')
    api.close()
  } finally {
    await proc.stop()
  }
})
tiller.run()
