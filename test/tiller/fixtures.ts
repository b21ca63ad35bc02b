// Charts and a deterministic Tiller for the release scenarios.
import type { Chart } from '../../src/domain/chart/Chart'
import { memoryKube, type MemoryKube } from '../../src/adapters/memory-kube/MemoryKube'
import { memoryStore } from '../../src/adapters/memory-store/MemoryStore'
import { newSession, type Session } from '../../src/app/tiller/Session'
import { virtualClock } from '../../src/adapters/system/VirtualClock'
import type { ReleaseStore } from '../../src/ports/ReleaseStore'
import * as E from 'fp-ts/Either'
import type { ChartEngine, Deps } from '../../src/app/tiller/Deps'
import type { HelmError } from '../../src/domain/errors'
import type { Rendered } from '../../src/domain/render/RenderCore'
import { coalesceValues } from '../../src/domain/values/Coalesce'
import type { TillerApi } from '../../src/ports/TillerApi'
import { tillerService } from '../../src/app/tiller/Service'
import { silentLogger } from '../../src/adapters/system/System'
import { buildChart } from '../support/charts'

export type Tiller = TillerApi & { readonly deps: Deps }

/** A chart from template texts (paths under templates/) and default values. */
export const chartOf = (
  templates: Record<string, string>,
  values: Record<string, unknown> = {},
  meta: { name?: string; version?: string } = {},
): Chart =>
  buildChart({
    apiVersion: 'v1',
    name: meta.name ?? 'demo',
    version: meta.version ?? '0.1.0',
    metadata: { appVersion: '1.0' },
    templates,
    values,
  })

/** A ConfigMap `name` holding `greeting` (quoted: ConfigMap data are strings, the API server refuses numbers). */
export const configMapTpl = (name: string, greeting: string, annotations = ''): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${annotations ? `  annotations:\n${annotations}` : ''}data:
  greeting: "${greeting}"
`

/** A Deployment `name` of `replicas` nginx:`tag` pods. */
export const deploymentTpl = (name: string, tag = '1.25', replicas = 1): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: "nginx:${tag}"
`

/** A hook Job template: `name`, events, weight and delete policy. */
export const hookTpl = (name: string, events: string, weight = 0, policy?: string): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations:
    "helm.sh/hook": ${events}
    "helm.sh/hook-weight": "${weight}"
${policy ? `    "helm.sh/hook-delete-policy": ${policy}\n` : ''}spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: main, image: busybox }]
`

/** The demo chart: ConfigMap demo-cfg, Deployment demo-web, NOTES.txt, plus `extra` templates. */
export const demoChart = (version = '0.1.0', greeting = 'hello', extra: Record<string, string> = {}): Chart =>
  chartOf(
    {
      'configmap.yaml': configMapTpl('demo-cfg', greeting),
      'deployment.yaml': deploymentTpl('demo-web'),
      'NOTES.txt': 'Thanks for installing demo.',
      ...extra,
    },
    { greeting: 'hello', replicas: 1 },
    { version },
  )

const dec = new TextDecoder()

/**
 * Templates as plain YAML (the release scenarios test Tiller, not the template engine): every template
 * is its own output, `NOTES.txt` the notes, values coalesced as Helm does. `RENDER-ERROR` in a template
 * fails the render.
 */
const plainRender = (chart: Chart, user: Chart['values']): E.Either<HelmError, Rendered> => {
  const files = new Map<string, string>()
  let notes = ''
  for (const t of chart.templates) {
    const text = dec.decode(t.data)
    if (text.includes('RENDER-ERROR'))
      return E.left({
        _tag: 'InvalidArgument',
        reason: `render error in "${chart.metadata.name}/${t.path}": RENDER-ERROR`,
      } as HelmError)
    if (t.path.endsWith('NOTES.txt')) notes = text
    else files.set(`${chart.metadata.name}/${t.path}`, text)
  }
  return E.map((values: Chart['values']) => ({ files, notes, values, chart }))(coalesceValues(chart, user))
}

export const plainYaml: ChartEngine = {
  coalesce: coalesceValues,
  render: (chart, user) => () => Promise.resolve(plainRender(chart, user)),
}

/** A Tiller on memory adapters with a virtual clock and seeded name generation. */
/** A Tiller wired for tests, with its memory cluster and virtual clock at hand. */
export type TestTiller = Tiller & { readonly kube: MemoryKube; readonly clock: ReturnType<typeof virtualClock> }

export const testTiller = (
  opts: {
    historyMax?: number
    store?: ReleaseStore
    session?: Session
    kube?: MemoryKube
    clock?: ReturnType<typeof virtualClock>
    helm4HookDefaults?: boolean
  } = {},
): TestTiller => {
  const clock = opts.clock ?? virtualClock()
  const kube = opts.kube ?? memoryKube({ clock })
  let seed = 7
  const deps: Deps = {
    clock,
    kube,
    store: opts.store ?? memoryStore(),
    historyMax: opts.historyMax ?? 0,
    log: silentLogger,
    engine: plainYaml,
    session: opts.session ?? newSession('test-tiller', '000000000001'),
    ...(opts.helm4HookDefaults ? { helm4HookDefaults: true } : {}),
    random: {
      bytes: (n) => new Uint8Array(n).map(() => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) & 255),
      int: (max) => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % max,
    },
  }
  return { deps, ...tillerService(deps), kube, clock }
}
