// In-process Tiller throughput on memory adapters: install + upgrade operations per second, real rendering,
// for a small chart (3 templates) and a large one (120 templates, hooks included).
import { virtualClock } from '../src/adapters/system/VirtualClock'
import { memoryKube } from '../src/adapters/memory-kube/MemoryKube'
import type { Chart } from '../src/domain/chart/Chart'
import { createTiller } from '../src/tiller/embed'

const enc = new TextEncoder()

const configMap = (i: number): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-cm-${i}
  labels:
    app: {{ .Chart.Name }}
    release: {{ .Release.Name }}
data:
  index: "${i}"
  greeting: {{ .Values.greeting | quote }}
  {{- range $k, $v := .Values.extra }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
`
const deployment = (i: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web-${i}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: { app: web-${i} }
  template:
    metadata:
      labels: { app: web-${i} }
    spec:
      containers:
        - name: web
          image: "nginx:{{ .Values.tag }}"
          env:
            - name: GREETING
              value: {{ .Values.greeting | upper | quote }}
`
const service = (i: number): string => `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-svc-${i}
spec:
  selector: { app: web-${i} }
  ports: [{ port: 80, targetPort: 8080 }]
`
const hook = (i: number): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-hook-${i}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "${i}"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: h, image: busybox }]
`

const chartOf = (templates: Record<string, string>): Chart => ({
  metadata: { apiVersion: 'v1', name: 'bench', version: '1.0.0' },
  requirements: [],
  templates: Object.entries(templates).map(([p, t]) => ({ path: `templates/${p}`, data: enc.encode(t) })),
  values: { greeting: 'hello', replicas: 2, tag: '1.25', extra: { a: '1', b: '2', c: '3' } },
  rawValues: '',
  files: [],
  dependencies: [],
})

const small = chartOf({ 'cm.yaml': configMap(0), 'deploy.yaml': deployment(0), 'svc.yaml': service(0) })
const large = chartOf(
  Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [
      [`cm-${i}.yaml`, configMap(i)],
      [`deploy-${i}.yaml`, deployment(i)],
      [`svc-${i}.yaml`, service(i)],
      ...(i < 30 ? [[`hook-${i}.yaml`, hook(i)]] : []),
    ]).flat(),
  ),
)

const measure = async (label: string, chart: Chart, budgetMs: number): Promise<string> => {
  const clock = virtualClock()
  const tiller = createTiller({ clock, kube: memoryKube({ clock }) })
  let ops = 0
  let n = 0
  const cpu0 = process.cpuUsage()
  const start = performance.now()
  while (performance.now() - start < budgetMs) {
    const name = `rel-${n++}`
    const installed = await tiller.installRelease({ name, chart, values: { raw: 'greeting: hi\n' } })()
    if (installed._tag === 'Left') throw new Error(`${label}: install failed: ${JSON.stringify(installed.left)}`)
    const upgraded = await tiller.updateRelease({ name, chart, values: { raw: 'greeting: bye\nreplicas: 3\n' } })()
    if (upgraded._tag === 'Left') throw new Error(`${label}: upgrade failed: ${JSON.stringify(upgraded.left)}`)
    ops += 2
  }
  const seconds = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  // the machines are shared: ops per CPU-second is the steadier figure
  return `release ${label}: ${(ops / seconds).toFixed(1)} ops/s wall, ${(ops / cpuSeconds).toFixed(1)} ops per CPU-second (install+upgrade, ${ops} ops in ${seconds.toFixed(2)} s, memory adapters)`
}

/** In-process install + upgrade operations per second on the memory adapters, small and large chart. */
export const benchRelease = async (): Promise<string[]> => [
  await measure(`small chart (${small.templates.length} templates)`, small, 2000),
  await measure(`large chart (${large.templates.length} templates, 30 hooks)`, large, 3000),
]
