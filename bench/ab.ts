// The A/B harness of the whole-process benchmarks (table, install): commands run round-robin through bench/ab.py
// (python3 wait4: wall, CPU and peak RSS of each run, children included), medians, and the small chart both install.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh home folder for a bench and the environment that keeps both Helms' files in it (no user config read). */
export const benchHome = (prefix: string): { home: string; env: Record<string, string> } => {
  const home = mkdtempSync(join(tmpdir(), prefix))
  return {
    home,
    env: {
      HOME: home,
      HELM_HOME: join(home, 'helm2'),
      KUBECONFIG: join(home, 'none'),
      HELM_CACHE_HOME: join(home, 'cache'),
      HELM_CONFIG_HOME: join(home, 'config'),
      HELM_DATA_HOME: join(home, 'data'),
    },
  }
}

export interface Cmd {
  readonly argv: ReadonlyArray<string>
  readonly env?: Record<string, string>
  readonly cwd?: string
}
export interface Sample {
  readonly wall: number[]
  readonly cpu: number[]
  readonly rss: number[]
  readonly codes: number[]
}

export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Runs the commands round-robin `runs` times after one warm-up round. */
export const ab = (cmds: ReadonlyArray<Cmd>, runs: number): Sample[] => {
  const r = spawnSync('python3', [join(import.meta.dirname, 'ab.py')], {
    input: JSON.stringify({ runs, warm: 1, cmds }),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  if (r.status !== 0) throw new Error(`bench/ab.py failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as Sample[]
}

/** A chart of a ConfigMap and a Service under `dir` (the install rows' small chart); its path. */
export const smallChart = (dir: string): string => {
  const chart = join(dir, 'small')
  mkdirSync(join(chart, 'templates'), { recursive: true })
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: small\nversion: 0.1.0\nappVersion: "1.0"\n')
  writeFileSync(join(chart, 'values.yaml'), 'greeting: hello\n')
  writeFileSync(
    join(chart, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  )
  writeFileSync(
    join(chart, 'templates', 'svc.yaml'),
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  ports: [{ port: 80 }]\n  selector: { app: {{ .Release.Name }} }\n',
  )
  return chart
}
