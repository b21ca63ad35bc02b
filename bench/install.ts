// Issue 11's release path alone: `helm install` and `helm upgrade` of a small chart, our client through bin/tiller
// (ConfigMap storage) into kube-sandbox against real Helm 4 straight into the same sandbox, interleaved round by
// round (bench/ab.py: wall and CPU from wait4), medians. BENCH_INSTALLS (default 10) rounds. BENCH_BASE=DIR (another
// built checkout) adds its client through its own bin/tiller on the same sandbox, for before/after in one run.
// `node --import tsx bench/install.ts` (or `node --import tsx bench/run.ts install`).
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { referenceHelm } from '../scripts/reference-helm.mjs'
import { startKubeSandbox, startTiller } from '../test/support/processes'
import { ab, benchHome, type Cmd, median, type Sample, smallChart } from './ab'

const root = resolve(import.meta.dirname, '..')
const helm = join(root, 'bin/helm')

/** `ROOT/bin/tiller` on free ports against `kubeconfig` (its ConfigMap storage in kube-system); its gRPC address. */
const tillerAt = (root: string, kubeconfig: string, home: string) =>
  new Promise<{ address: string; stop: () => void }>((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'bin/tiller'), '--listen', '127.0.0.1:0', '--probe-listen', '127.0.0.1:0'],
      {
        env: { ...process.env, KUBECONFIG: kubeconfig, HOME: home, TILLER_NAMESPACE: 'kube-system' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    let out = ''
    child.stderr.on('data', (c: Buffer) => {
      out += c
      const m = /GRPC listening on (\S+)\n[\s\S]*Max history/.exec(out)
      if (m) resolvePromise({ address: m[1]!, stop: () => child.kill() })
    })
    child.on('exit', (code) => reject(new Error(`${root}/bin/tiller exited ${code}: ${out}`)))
  })

const failed = (s: Sample): boolean => s.codes.some((c) => c !== 0)
const rowOf = (label: string, ours: Sample, theirs: Sample, who = 'ours'): string => {
  const rate = (s: Sample) => 1000 / median(s.wall)
  return (
    `install: ${label}: ${who} via bin/tiller ${rate(ours).toFixed(2)} ops/s (wall ${median(ours.wall).toFixed(0)} ms, client CPU ${median(ours.cpu).toFixed(0)} ms), ` +
    `real Helm 4 direct ${rate(theirs).toFixed(2)} ops/s (wall ${median(theirs.wall).toFixed(0)} ms, CPU ${median(theirs.cpu).toFixed(0)} ms): ` +
    `${(rate(ours) / rate(theirs)).toFixed(2)}x the rate` +
    (failed(ours) || failed(theirs) ? ` (exit codes ${[...new Set(ours.codes)]} / ${[...new Set(theirs.codes)]})` : '')
  )
}

/** Helm v2 names a release with --name on install, positionally on upgrade. */
const verbArgs = (verb: string, name: string): string[] => (verb === 'install' ? [verb, '--name', name] : [verb, name])

/** The install and upgrade rows (or those of `verbs`) with the load average before and after. */
export const benchInstall = async (
  verbs: ReadonlyArray<'install' | 'upgrade'> = ['install', 'upgrade'],
): Promise<string[]> => {
  const ref = await referenceHelm()
  if (ref === undefined) return ['install: skipped (no reference helm; `node scripts/reference-helm.mjs`)']
  const { home, env } = benchHome('bench-install-')
  const lines = [
    `install: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} CPUs`,
  ]
  const kc = join(home, 'kubeconfig')
  const n = Number(process.env.BENCH_INSTALLS ?? '10')
  try {
    const sandbox = await startKubeSandbox(kc)
    try {
      const tiller = await startTiller(kc, home)
      const base = process.env.BENCH_BASE ? await tillerAt(resolve(process.env.BENCH_BASE), kc, home) : undefined
      try {
        const small = smallChart(home)
        const ours = { ...env, HELM_HOST: tiller.address }
        const theirs = { ...env, KUBECONFIG: kc }
        const baseHelm = base ? join(resolve(process.env.BENCH_BASE!), 'bin/helm') : ''
        const baseEnv = base ? { ...env, HELM_HOST: base.address } : {}
        const rows = (verb: string, extra: string[]): void => {
          const cmds: Cmd[] = [
            { argv: [process.execPath, helm, ...verbArgs(verb, 'ours-{run}'), small, ...extra], env: ours, cwd: home },
            { argv: [ref, verb, 'theirs-{run}', small, ...extra], env: theirs, cwd: home },
            ...(base
              ? [
                  {
                    argv: [process.execPath, baseHelm, ...verbArgs(verb, 'base-{run}'), small, ...extra],
                    env: baseEnv,
                    cwd: home,
                  },
                ]
              : []),
          ]
          const [o, t, b] = ab(cmds, n) as [Sample, Sample, Sample | undefined]
          lines.push(rowOf(`helm ${verb} (small chart)`, o, t))
          if (b) lines.push(rowOf(`helm ${verb} (small chart)`, b, t, `base (${process.env.BENCH_BASE})`))
        }
        if (verbs.includes('install')) rows('install', [])
        if (verbs.includes('upgrade')) rows('upgrade', ['--set', 'greeting=up'])
      } finally {
        base?.stop()
        await tiller.stop()
      }
    } finally {
      await sandbox.stop()
    }
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
  lines.push(
    `install: load average after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  return lines
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename))
  for (const l of await benchInstall()) console.log(l)
