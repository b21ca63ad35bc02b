// `npm run bench -- crash`: the randomized, heavier variant of test/e2e/CrashPoints*.test.ts. kube-sandbox
// (--data-dir) and bin/tiller behind the crash proxy; 8 concurrent clients run random operations (upgrade,
// rollback, delete, delete --purge, install --replace) on 4 releases, one of them 2 MiB (a split record);
// Tiller is SIGKILLed after a random write (1..15), started again, and every release is checked: revisions
// 1..n, nothing left PENDING_*/DELETING, at most one DEPLOYED, no orphan chunk, and upgrade (or install /
// rollback when deleted) accepted, after which exactly one DEPLOYED. CRASH_KILLS (default 20), CRASH_SEED.
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { type GrpcTillerClient, grpcTillerClient } from '../src/adapters/grpc/Client'
import { namespacedObjects } from '../src/adapters/k8s/Objects'
import { connect } from '../src/adapters/k8s/Rest'
import type { Chart } from '../src/domain/chart/Chart'
import { problemsOf, startCrashProxy, storedRelease } from '../test/support/crashProxy'
import { scratch, startKubeSandbox, startTiller } from '../test/support/processes'

const enc = new TextEncoder()
const cm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-cfg
data:
  v: {{ .Chart.Version | quote }}
`
const blob = randomBytes(2 * 1024 * 1024)
const chartFor = (release: string, v: string): Chart => ({
  metadata: { apiVersion: 'v1', name: 'demo', version: v },
  requirements: [],
  templates: [{ path: 'templates/cm.yaml', data: enc.encode(cm) }],
  values: {},
  rawValues: '',
  files: release === 'big' ? [{ path: 'blob.bin', data: blob }] : [],
  dependencies: [],
})

export const benchCrash = async (): Promise<string[]> => {
  const kills = Number(process.env.CRASH_KILLS) || 20
  let seed = Number(process.env.CRASH_SEED) || Date.now() % 100_000
  const firstSeed = seed
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
  }
  const releases = ['big', 's1', 's2', 's3']
  const dir = scratch('crash-bench')
  const kc = join(dir, 'kubeconfig')
  const t0 = Date.now()
  const sandbox = await startKubeSandbox(kc, ['--data-dir', join(dir, 'data')])
  const sbKubeconfig = readFileSync(kc, 'utf8')
  const objects = namespacedObjects(await connect({ kubeconfigYaml: sbKubeconfig }))
  const proxy = await startCrashProxy(sbKubeconfig)
  writeFileSync(join(dir, 'proxy-kubeconfig'), proxy.kubeconfig)
  const start = () => startTiller(join(dir, 'proxy-kubeconfig'), dir)
  let tiller = await start()
  const clientOf = (address: string) => grpcTillerClient({ address, clientVersion: 'v2.17.0', connectTimeout: 60 })
  let client: GrpcTillerClient = clientOf(tiller.address)
  let ops = 0
  let refusedAfter = 0
  let orphansSeen = 0
  const violations: string[] = []
  let version = 0
  const randomOp = (c: GrpcTillerClient) => {
    const name = releases[rand(releases.length)]!
    const chart = chartFor(name, `1.0.${++version}`)
    switch (rand(6)) {
      case 0:
        return c.rollbackRelease({ name, version: 1 })()
      case 1:
        return c.uninstallRelease({ name })()
      case 2:
        return c.uninstallRelease({ name, purge: true })()
      case 3:
        return c.installRelease({ name, namespace: 'default', chart, reuseName: true })()
      default:
        return c.updateRelease({ name, chart })()
    }
  }
  try {
    for (const name of releases)
      await client.installRelease({ name, namespace: 'default', chart: chartFor(name, '1.0.0') })()
    for (let kill = 1; kill <= kills; kill++) {
      const killed = tiller
      proxy.arm(1 + rand(15), async () => void (await killed.stop('SIGKILL')))
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (!proxy.fired()) {
            ops++
            await randomOp(client)
          }
        }),
      )
      await killed.stop('SIGKILL')
      proxy.arm(Number.POSITIVE_INFINITY, async () => undefined)
      client.close()
      tiller = await start()
      client = clientOf(tiller.address)
      for (const name of releases) {
        const stored = await storedRelease(objects, 'kube-system', name)
        orphansSeen += stored.orphans.length
        for (const p of problemsOf(stored, 'at most one')) violations.push(`kill ${kill}, ${name}: ${p}`)
        const last = stored.heads.at(-1)
        const repaired =
          last === undefined
            ? await client.installRelease({ name, namespace: 'default', chart: chartFor(name, '9.0.0') })()
            : last.status === 'DELETED'
              ? await client.rollbackRelease({ name, version: last.version })()
              : await client.updateRelease({ name, chart: chartFor(name, '9.0.0') })()
        if (E.isLeft(repaired)) {
          refusedAfter++
          violations.push(`kill ${kill}, ${name}: refused after restart: ${JSON.stringify(repaired.left)}`)
        }
        for (const p of problemsOf(await storedRelease(objects, 'kube-system', name), 'one'))
          violations.push(`kill ${kill}, ${name}, after the upgrade: ${p}`)
      }
    }
  } finally {
    client.close()
    await tiller.stop('SIGKILL')
    await proxy.close()
    await sandbox.stop()
  }
  return [
    `seed ${firstSeed}: ${kills} SIGKILLs at a random write (1..15) while 8 clients ran ${ops} random operations on 4 releases (one 2 MiB, split)`,
    `after each restart: invariant violations ${violations.length}, operations refused ${refusedAfter}, orphan chunks ${orphansSeen}`,
    ...violations.slice(0, 20),
    `${((Date.now() - t0) / 1000).toFixed(1)} s`,
  ]
}
