// Real processes for the suites that start, kill and restart them (e2e, durability, Tiller's exits): kube-sandbox,
// tiller and helm run as users run them, bin/* over the bundles in dist/ (scripts/test.mjs rebuilds dist/ when
// src/ is newer), kubectl from the system.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { binArgs, projectRoot as root } from './bins'

export interface Proc {
  readonly child: ChildProcess
  readonly output: () => string
  /** SIGTERM (or `signal`) and the exit code. */
  readonly stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

const launch = (
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  stream: 'stdout' | 'stderr',
): Promise<Proc & { match: RegExpExecArray }> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let done = false
    const timer = setTimeout(() => reject(new Error(`not ready after 60 s: ${out}`)), 60_000)
    const exited = new Promise<number | null>((r) => child.on('exit', (code, sig) => r(code ?? (sig ? 128 : null))))
    const onData = (c: Buffer) => {
      out += c
      const m = ready.exec(out)
      if (m && !done) {
        done = true
        clearTimeout(timer)
        resolvePromise({
          child,
          match: m,
          output: () => out,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal)
            return exited
          },
        })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      if (!done) reject(new Error(`${args.join(' ')} exited ${code}: ${out}`))
    })
    void stream
  })

/** A fresh folder for one suite. */
export const scratch = (name: string): string => mkdtempSync(join(tmpdir(), `wheelhouse-e2e-${name}-`))

/** kube-sandbox on a free loopback port writing its kubeconfig to `kubeconfig`. */
export const startKubeSandbox = async (kubeconfig: string, extra: string[] = []): Promise<Proc> =>
  launch(
    [...binArgs('kube-sandbox'), '--listen', '127.0.0.1:0', '--kubeconfig-out', kubeconfig, ...extra],
    {},
    /^https?:\/\/\S+\n/m,
    'stdout',
  )

/** tiller on free ports against the cluster of `kubeconfig`; `address` is its gRPC host:port. */
export const startTiller = async (
  kubeconfig: string,
  home: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<Proc & { address: string }> => {
  const p = await launch(
    [
      ...binArgs('tiller'),
      '--listen',
      '127.0.0.1:0',
      '--probe-listen',
      '127.0.0.1:0',
      '--shutdown-grace',
      '2',
      ...extra,
    ],
    { KUBECONFIG: kubeconfig, HOME: home, TILLER_NAMESPACE: 'kube-system', ...env },
    /GRPC listening on (\S+)\n[\s\S]*Max history/,
    'stderr',
  )
  return { ...p, address: p.match[1]! }
}

/**
 * tiller with no cluster configured (no KUBECONFIG, HOME without ~/.kube): its sandbox runs in-process. `address`
 * is its gRPC host:port.
 */
export const startSandboxTiller = async (
  home: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<Proc & { address: string }> => {
  const p = await launch(
    [...binArgs('tiller'), '--listen', '127.0.0.1:0', '--probe-listen', '127.0.0.1:0', ...extra],
    { KUBECONFIG: '', HOME: home, TILLER_NAMESPACE: 'kube-system', ...env },
    /GRPC listening on (\S+)\n[\s\S]*Max history/,
    'stderr',
  )
  return { ...p, address: p.match[1]! }
}

/** Runs a process to its end. */
export const run = (file: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((r) =>
    execFile(
      file,
      args,
      { cwd: opts.cwd ?? root, env: { ...process.env, ...opts.env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => r({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  )

/** `helm ARGS` as a process. */
export const helmProc = (args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) =>
  run(process.execPath, [...binArgs('helm'), ...args], opts)

/** `kubectl ARGS` against `kubeconfig`. */
export const kubectl = (kubeconfig: string, args: string[]) => run('kubectl', ['--kubeconfig', kubeconfig, ...args])
