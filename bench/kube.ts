// Kubernetes-facing figures, measured against the in-process sandbox (client and server share the process,
// so each time includes both sides): listing a 2,000-revision history through the ConfigMap store, and
// storing/loading a release whose manifest is 5 MiB (split over several ConfigMaps).
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { configMapStore } from '../src/adapters/configmap-store/ConfigMapStore'
import { namespacedObjects } from '../src/adapters/k8s/Objects'
import { connect } from '../src/adapters/k8s/Rest'
import type { Release } from '../src/domain/release/Release'
import { startSandbox } from '../src/sandbox/Sandbox'

const enc = new TextEncoder()

const revision = (name: string, version: number, manifest: string): Release => ({
  name,
  version,
  namespace: 'default',
  chart: {
    metadata: { apiVersion: 'v1', name: 'web', version: '1.0.0', appVersion: '1.0' },
    requirements: [],
    templates: [
      {
        path: 'templates/deployment.yaml',
        data: enc.encode('kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n'),
      },
    ],
    values: { replicas: 1, image: { repository: 'nginx', tag: '1.25' } },
    rawValues: 'replicas: 1\nimage:\n  repository: nginx\n  tag: "1.25"\n',
    files: [],
    dependencies: [],
  },
  config: { raw: `replicas: ${version % 5}\n` },
  manifest,
  hooks: [],
  info: {
    status: { code: version === 2000 ? 'DEPLOYED' : 'SUPERSEDED', notes: 'thanks' },
    firstDeployed: { seconds: 1_700_000_000, nanos: 0 },
    lastDeployed: { seconds: 1_700_000_000 + version, nanos: 0 },
    description: version === 1 ? 'Install complete' : 'Upgrade complete',
  },
})

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6
const must = <A>(e: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(e)) throw new Error(`${what}: ${JSON.stringify(e.left)}`)
  return e.right
}

/** Lines: time to list a 2,000-revision history, and to store and load a 5 MiB release. */
export const benchKube = async (): Promise<string[]> => {
  const sb = await startSandbox({ controllers: false })
  try {
    const rest = await connect({ kubeconfigYaml: sb.kubeconfig })
    const store = configMapStore(namespacedObjects(rest), 'kube-system')
    const manifest = `---\n# Source: web/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n`
    for (let v = 1; v <= 2000; v += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store
            .create(`web.v${v + i}`, revision('web', v + i, manifest))()
            .then((r) => must(r, 'seed')),
        ),
      )
    const lines: string[] = []
    for (let i = 0; i < 2; i++) {
      const t0 = process.hrtime.bigint()
      const history = must(await store.query({ NAME: 'web', OWNER: 'TILLER' })(), 'history')
      lines.push(
        `history of 2000 revisions via ConfigMaps (query NAME=web)${i === 0 ? '' : ', again'}: ${ms(t0).toFixed(0)} ms (${history.length} records; aim < 2000 ms)`,
      )
    }
    // base64 of random bytes: gzip cannot shrink it, so the stored release really is > 5 MiB
    const big = revision(
      'big',
      1,
      randomBytes(4 * 1024 * 1024)
        .toString('base64')
        .slice(0, 5 * 1024 * 1024),
    )
    let t0 = process.hrtime.bigint()
    must(await store.create('big.v1', big)(), 'store 5 MiB')
    lines.push(`store a release with a 5 MiB manifest: ${ms(t0).toFixed(0)} ms`)
    t0 = process.hrtime.bigint()
    const loaded = must(await store.get('big.v1')(), 'load 5 MiB')
    lines.push(
      `load it back: ${ms(t0).toFixed(0)} ms (${loaded.manifest.length === big.manifest.length ? 'identical size' : 'SIZE MISMATCH'})`,
    )
    return lines
  } finally {
    await sb.stop()
  }
}
