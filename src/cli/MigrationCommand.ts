// The base of the `helm 2to3` commands: the helm-2to3 plugin's shared flags (cmd/environment.go) and the storages
// they work on, Helm v2's in Tiller's namespace and Helm 3/4's in each release's namespace, on the cluster the
// kubeconfig names.
import * as E from 'fp-ts/Either'
import { type HelmError, message } from '../domain/errors'
import { invalidArgument } from '../domain/GeneralError'
import type { KubeClient } from '../ports/KubeClient'
import type { ReleaseStore } from '../ports/ReleaseStore'
import { Flag } from './front/Flag'
import { HelmCommand } from './HelmCommand'

/** The cluster side of a migration: both storages and the cluster's client. */
export interface MigrationWorld {
  readonly v2: ReleaseStore
  readonly helm3: ReleaseStore
  readonly kube: KubeClient
  readonly tillerNamespace: string
}

/** Labels `K=V,K2=V2` as a map (what `--label` selects Tiller's records by). */
export const parseLabels = (s: string): E.Either<HelmError, Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const term of s.split(',').filter((t) => t.trim() !== '')) {
    const m = /^\s*([^=!\s]+)\s*==?\s*([^=\s]*)\s*$/.exec(term)
    if (!m) return E.left(invalidArgument(`unable to parse requirement: ${term}`))
    out[m[1]!] = m[2]!
  }
  return E.right(out)
}

/** The storage a Tiller Deployment's command line selects (Helm v2 `--storage`, default configmap). */
const storageOf = (deployment: unknown): string => {
  const spec = (deployment as { spec?: { template?: { spec?: { containers?: unknown[] } } } }).spec
  const words = (spec?.template?.spec?.containers ?? []).flatMap((c) => {
    const { command = [], args = [] } = c as { command?: string[]; args?: string[] }
    return [...command, ...args]
  })
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w.startsWith('--storage=')) return w.slice('--storage='.length)
    if (w === '--storage' && words[i + 1] !== undefined) return words[i + 1]!
  }
  return 'configmap'
}

/** The base of every `helm 2to3` command: `--dry-run`, its lines, the confirmation it asks for, its errors. */
export abstract class TwoToThreeCommand extends HelmCommand {
  dryRun = Flag.bool('--dry-run', 'simulate a command')
  /** Prints a line on stdout. */
  say = (line: string): void => void this.context.stdout.write(`${line}\n`)

  /** Asks a question on stdout and reads one answer line from stdin: true for `y` or `yes`. */
  confirm = async (question: string): Promise<boolean> => {
    this.context.stdout.write(question)
    const stdin = this.context.stdin
    const line = await new Promise<string>((resolve) => {
      let text = ''
      const done = () => {
        stdin.off('data', onData)
        stdin.off('end', done)
        resolve(text.split('\n')[0] ?? '')
      }
      const onData = (c: Buffer | string) => {
        text += c.toString()
        if (text.includes('\n')) done()
      }
      stdin.on('data', onData)
      stdin.on('end', done)
    })
    return ['y', 'yes'].includes(line.trim().toLowerCase())
  }

  /** Runs a use case's program: its lines went out as it ran; an error is printed as `Error: ...`. */
  async finish<A>(result: E.Either<HelmError, A>): Promise<number> {
    if (E.isRight(result)) return 0
    this.context.stderr.write(`Error: ${message(result.left)}\n`)
    return 1
  }
}

/** The base of the `helm 2to3` commands that work on a cluster: the plugin's flags for Tiller and its storage. */
export abstract class MigrationCommand extends TwoToThreeCommand {
  tillerNs = Flag.stringDefault('-t,--tiller-ns', 'kube-system', 'namespace of Tiller')
  label = Flag.stringDefault('-l,--label', 'OWNER=TILLER', 'label to select Tiller resources by')
  tillerOutCluster = Flag.bool('--tiller-out-cluster', 'when  Tiller is not running in the cluster e.g. Tillerless')
  releaseStorage = Flag.stringDefault(
    '-s,--release-storage',
    'secrets',
    "v2 release storage type/object. It can be 'secrets' or 'configmaps'. This is only used with the 'tiller-out-cluster' flag",
  )

  /** `--label` without OWNER=TILLER (every v2 store adds it). */
  labels(): E.Either<HelmError, Record<string, string>> {
    return E.map((m: Record<string, string>) => {
      const { OWNER: _, ...rest } = m
      return rest
    })(parseLabels(this.label))
  }

  /**
   * Connects to the cluster (global --kubeconfig / --kube-context) and opens Helm v2's storage (the Tiller
   * Deployment's `--storage`, or `--release-storage` with `--tiller-out-cluster`) and Helm 3/4's ($HELM_DRIVER:
   * secret, the default, or configmap).
   */
  async world(): Promise<E.Either<HelmError, MigrationWorld>> {
    const storage = this.releaseStorage
    if (storage !== 'configmaps' && storage !== 'secrets')
      return E.left(invalidArgument("release-storage flag needs to be 'configmaps' or 'secrets'"))
    const driver = (this.context.env.HELM_DRIVER ?? '').toLowerCase()
    if (!['', 'secret', 'secrets', 'configmap', 'configmaps'].includes(driver))
      return E.left(invalidArgument(`HELM_DRIVER ${driver}: only secret and configmap storage are supported here`))
    const k8s = await import('../adapters/k8s')
    const cluster = await k8s.connectCluster({
      ...(this.kubeconfig ? { kubeconfig: this.kubeconfig } : {}),
      ...(this.kubeContext ? { context: this.kubeContext } : {}),
      progress: (line) => void this.context.stderr.write(line),
      env: this.context.env,
    })()
    if (E.isLeft(cluster)) return cluster
    const { kube, objects } = cluster.right
    const ns = this.tillerNs
    let v2Storage = storage === 'configmaps' ? 'configmap' : 'secret'
    if (!this.tillerOutCluster) {
      const deploy = await kube.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'tiller-deploy',
        namespace: ns,
      })()
      v2Storage = E.isRight(deploy) ? storageOf(deploy.right) : 'configmap'
      if (v2Storage.startsWith('helm3-'))
        return E.left(
          invalidArgument(
            `Tiller in "${ns}" runs with --storage=${v2Storage}: its releases are Helm 3 records already`,
          ),
        )
    }
    const { configMapStore } = await import('../adapters/configmap-store/ConfigMapStore')
    const { secretStore } = await import('../adapters/configmap-store/SecretStore')
    const { helm3Store } = await import('../adapters/configmap-store/Helm3Store')
    const warn = (m: string) => void this.context.stderr.write(`WARNING: ${m}\n`)
    return E.right({
      v2: (v2Storage === 'secret' ? secretStore : configMapStore)(objects, ns, { warn }),
      helm3: helm3Store(driver.startsWith('configmap') ? 'ConfigMap' : 'Secret', objects, { warn }),
      kube,
      tillerNamespace: ns,
    })
  }
}
