// The crash-point harness on real processes: kube-sandbox (--data-dir) and bin/tiller behind a proxy that
// SIGKILLs Tiller right after its k-th write reached the API server (crashProxy.ts). For every k of an
// operation: the operation is cut after write k, Tiller starts again, and the release must be whole
// (revisions 1..n, no PENDING_* or DELETING left, at most one DEPLOYED — exactly one where the operation kept
// one —, no orphan chunk) and accept upgrade and rollback. Lanes (a Tiller, a proxy and a storage namespace
// each) share the work. The suites: test/e2e/CrashPoints*.test.ts, one per operation (each file runs in its own
// worker); every write of delete --purge too, in process: test/tiller/CrashPoints.test.ts. The randomized,
// heavier variant (concurrent clients, random kills, a 2 MiB release): `npm run bench -- crash`.
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import * as assert from 'uvu/assert'
import { grpcTillerClient, type GrpcTillerClient } from '../../src/adapters/grpc/Client'
import { namespacedObjects } from '../../src/adapters/k8s/Objects'
import { connect } from '../../src/adapters/k8s/Rest'
import type { Chart } from '../../src/domain/chart/Chart'
import type { NamespacedObjects } from '../../src/ports/NamespacedObjects'
import { chartOf } from '../tiller/fixtures'
import { type CrashProxy, problemsOf, startCrashProxy, storedRelease } from './crashProxy'
import { type Proc, scratch, startKubeSandbox, startTiller } from './processes'

const cmTpl = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-cfg
data:
  v: {{ .Chart.Version | quote }}
`
// 1.2 MiB that gzip cannot shrink: every revision of the chart is a split record of two chunks
const blob = randomBytes(1200 * 1024)
/** A one-ConfigMap chart, and the same with a 1.2 MiB file (a split record). */
export const small = (v: string): Chart => chartOf({ 'cm.yaml': cmTpl }, {}, { version: v })
export const big = (v: string): Chart => ({ ...small(v), files: [{ path: 'blob.bin', data: blob }] })

export type Client = GrpcTillerClient
/** An operation to cut: `setup` prepares release `name` (not cut), `run` is cut after each of its writes. */
export interface Op {
  readonly id: string
  /** Whether a DEPLOYED revision must survive every cut. */
  readonly keepsDeployed: boolean
  readonly chart: (v: string) => Chart
  readonly setup: (c: Client, name: string) => Promise<void>
  readonly run: (c: Client, name: string) => Promise<unknown>
}
export const must = async <A>(what: string, te: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const r = await te()
  if (E.isLeft(r)) throw new Error(`${what}: ${JSON.stringify(r.left)}`)
  return r.right
}
export const install = (c: Client, name: string, chart: Chart) =>
  must(`install ${name}`, c.installRelease({ name, namespace: 'default', chart }))
export const upgrade = (c: Client, name: string, chart: Chart) =>
  must(`upgrade ${name}`, c.updateRelease({ name, chart }))
/** Setup: install revision 1 and upgrade to 2. */
export const twice = (chart: (v: string) => Chart) => async (c: Client, name: string) => {
  await install(c, name, chart('1.0.0'))
  await upgrade(c, name, chart('2.0.0'))
}

interface Lane {
  readonly ns: string
  readonly proxy: CrashProxy
  tiller: Proc & { address: string }
  client: Client
}

const clientOf = (address: string) => grpcTillerClient({ address, clientVersion: 'v2.17.0', connectTimeout: 60 })

/**
 * Cuts each of `ops` after every one of its writes on `lanes` Tillers, checking the release after each restart;
 * returns the matrix (one line per crash point: the write, the revisions after the restart). Everything it
 * starts is stopped before it returns.
 */
export const runCrashPoints = async (ops: ReadonlyArray<Op>, lanesWanted = 3): Promise<string[]> => {
  const dir = scratch('crash')
  const kc = join(dir, 'kubeconfig')
  let sandbox: Proc | undefined
  const lanes: Lane[] = []
  let objects: NamespacedObjects | undefined

  const startLaneTiller = async (lane: { ns: string; proxy: CrashProxy }) => {
    const kcPath = join(dir, `kubeconfig-${lane.ns}`)
    writeFileSync(kcPath, lane.proxy.kubeconfig)
    return startTiller(kcPath, dir, [], { TILLER_NAMESPACE: lane.ns })
  }
  const restart = async (lane: Lane) => {
    lane.proxy.arm(Number.POSITIVE_INFINITY, async () => undefined)
    lane.client.close()
    lane.tiller = await startLaneTiller(lane)
    lane.client = clientOf(lane.tiller.address)
  }
  const assertWhole = async (ns: string, name: string, where: string, deployed: 'one' | 'at most one') => {
    const stored = await storedRelease(objects!, ns, name)
    assert.equal(problemsOf(stored, deployed), [], where)
    return stored.heads
  }
  const crashPoint = async (lane: Lane, op: Op, k: number, total: number): Promise<string> => {
    const name = `${op.id}-${k}`
    await op.setup(lane.client, name)
    const killed = lane.tiller
    lane.proxy.arm(k, async () => void (await killed.stop('SIGKILL')))
    await op.run(lane.client, name)
    const write = lane.proxy.writes[k - 1] ?? '?'
    assert.ok(lane.proxy.fired(), `${op.id}: the operation ended before write ${k}`)
    await killed.stop('SIGKILL')
    await restart(lane)
    const where = `${op.id}, killed after write ${k} of ${total} (${write})`
    const heads = await assertWhole(lane.ns, name, where, op.keepsDeployed ? 'one' : 'at most one')
    const c = lane.client
    if (heads.length === 0) await install(c, name, op.chart('9.0.0'))
    else if (heads.at(-1)!.status === 'DELETED')
      await must(`${where}: rollback`, c.rollbackRelease({ name, version: 1 }))
    else {
      await must(`${where}: upgrade`, c.updateRelease({ name, chart: op.chart('9.0.0') }))
      await must(`${where}: rollback`, c.rollbackRelease({ name, version: 1 }))
    }
    await assertWhole(lane.ns, name, `${where}, then upgraded and rolled back`, 'one')
    return `${op.id} k=${k}/${total} ${write.replace(/\?.*$/, '')}: ${heads.map((h) => `v${h.version} ${h.status}`).join(', ') || 'no record'}`
  }

  try {
    sandbox = await startKubeSandbox(kc, ['--data-dir', join(dir, 'data')])
    const sbKubeconfig = readFileSync(kc, 'utf8')
    const rest = await connect({ kubeconfigYaml: sbKubeconfig })
    objects = namespacedObjects(rest)
    for (let i = 1; i <= lanesWanted; i++) {
      const ns = `crash-${i}`
      await rest.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: ns } } })
      const proxy = await startCrashProxy(sbKubeconfig)
      lanes.push({ ns, proxy, tiller: undefined as unknown as Lane['tiller'], client: undefined as unknown as Client })
    }
    await Promise.all(
      lanes.map(async (lane) => {
        lane.tiller = await startLaneTiller(lane)
        lane.client = clientOf(lane.tiller.address)
      }),
    )
    // the writes of each operation, counted on an uncut run
    const work: Array<{ op: Op; k: number; total: number }> = []
    const lane = lanes[0]!
    for (const op of ops) {
      await op.setup(lane.client, `${op.id}-count`)
      lane.proxy.arm(Number.POSITIVE_INFINITY, async () => undefined)
      assert.ok(E.isRight((await op.run(lane.client, `${op.id}-count`)) as E.Either<unknown, unknown>), op.id)
      const total = lane.proxy.writes.length
      assert.ok(total >= 3, `${op.id}: ${total} writes`)
      for (let k = 1; k <= total; k++) work.push({ op, k, total })
    }
    const matrix: string[] = []
    await Promise.all(
      lanes.map(async (l) => {
        for (let item = work.shift(); item; item = work.shift())
          matrix.push(await crashPoint(l, item.op, item.k, item.total))
      }),
    )
    if (process.env.CRASH_MATRIX) process.stdout.write(`${matrix.sort().join('\n')}\n`)
    return matrix
  } finally {
    for (const l of lanes) {
      l.client?.close()
      await l.tiller?.stop('SIGKILL')
      await l.proxy.close()
    }
    await sandbox?.stop()
  }
}
