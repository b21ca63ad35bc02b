// helm ↔ Tiller over gRPC into the sandbox cluster: 100 sequential installs and 100 upgrades of a small chart
// (ConfigMap storage, client-node KubeClient, loopback gRPC), then `helm list` latency with 1,000 releases stored.
import * as E from 'fp-ts/Either'
import { grpcTillerClient } from '../src/adapters/grpc/Client'
import { startGrpcServer } from '../src/adapters/grpc/Server'
import { configMapStore } from '../src/adapters/configmap-store/ConfigMapStore'
import { connectCluster } from '../src/adapters/k8s'
import type { Chart } from '../src/domain/chart/Chart'
import { releaseKey } from '../src/domain/release/Release'
import { startSandbox } from '../src/sandbox/Sandbox'
import { createTiller } from '../src/tiller/embed'

const enc = new TextEncoder()

const smallChart = (version: string): Chart => ({
  metadata: { apiVersion: 'v1', name: 'small', version, appVersion: '1.0' },
  requirements: [],
  templates: [
    [
      'cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
    ],
    [
      'svc.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  ports: [{ port: 80 }]\n  selector: { app: {{ .Release.Name }} }\n',
    ],
    ['NOTES.txt', 'Installed {{ .Release.Name }}'],
  ].map(([p, t]) => ({ path: `templates/${p}`, data: enc.encode(t!) })),
  values: { greeting: 'hello' },
  rawValues: 'greeting: hello\n',
  files: [],
  dependencies: [],
})

const must = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left))
  return e.right
}

export const benchGrpc = async (): Promise<string[]> => {
  const sandbox = await startSandbox({})
  const cluster = must(await connectCluster({ kubeconfigYaml: sandbox.kubeconfig })())
  const store = configMapStore(cluster.objects, 'kube-system')
  const server = await startGrpcServer({
    api: createTiller({ store, kube: cluster.kube }),
    listen: '127.0.0.1:0',
    version: 'v2.17.0',
  })
  const client = grpcTillerClient({ address: `127.0.0.1:${server.port}`, clientVersion: 'v2.17.0', connectTimeout: 10 })
  const lines: string[] = []
  try {
    const n = 100
    let t = performance.now()
    for (let i = 0; i < n; i++)
      must(await client.installRelease({ name: `b${i}`, chart: smallChart('1.0.0'), namespace: 'default' })())
    const installMs = performance.now() - t
    t = performance.now()
    for (let i = 0; i < n; i++)
      must(
        await client.updateRelease({ name: `b${i}`, chart: smallChart('1.1.0'), values: { raw: 'greeting: hi\n' } })(),
      )
    const upgradeMs = performance.now() - t
    lines.push(
      `grpc install (small chart, sandbox, ConfigMap storage): ${((n * 1000) / installMs).toFixed(1)} ops/s (${(installMs / n).toFixed(1)} ms each)`,
    )
    lines.push(
      `grpc upgrade (small chart, sandbox, ConfigMap storage): ${((n * 1000) / upgradeMs).toFixed(1)} ops/s (${(upgradeMs / n).toFixed(1)} ms each)`,
    )

    // 1,000 releases stored: the 100 above (2 revisions each) plus 900 records written straight to the store
    const template = must(await client.getReleaseContent({ name: 'b0' })()).release
    for (let i = 100; i < 1000; i++) {
      const r = { ...template, name: `s${String(i).padStart(4, '0')}`, version: 1 }
      must(await store.create(releaseKey(r.name, 1), r)())
    }
    const samples: number[] = []
    let count = 0
    for (let i = 0; i < 7; i++) {
      t = performance.now()
      const res = must(await client.listReleases({ limit: 256, sortBy: 'NAME' })())
      samples.push(performance.now() - t)
      count = res.total
    }
    samples.sort((a, b) => a - b)
    lines.push(
      `grpc helm list (first 256 of ${count} deployed releases, 1,100 revisions stored): median ${samples[3]!.toFixed(0)} ms (min ${samples[0]!.toFixed(0)}, max ${samples[6]!.toFixed(0)})`,
    )
  } finally {
    client.close()
    await server.stop(0)
    await sandbox.stop()
  }
  return lines
}
