// kube-sandbox and tiller as processes run from the bundles `npm test` builds (dist/), which start in a
// fraction of tsx's time; for the suites that kill and restart them.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

/** A running bundle: its output so far, what matched its ready line, and `stop` (SIGTERM by default). */
export interface Bundle {
  readonly child: ChildProcess
  readonly output: () => string
  readonly match: RegExpExecArray
  readonly stop: (signal?: NodeJS.Signals) => Promise<void>
}

/** Starts `dist/<bundle>` and resolves once its output matches `ready`. */
export const launchBundle = (
  bundle: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Bundle> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'dist', bundle), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const exited = new Promise<void>((r) => child.on('exit', () => r()))
    const onData = (c: Buffer): void => {
      out += c
      const match = ready.exec(out)
      if (match)
        done({
          child,
          match,
          output: () => out,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal)
            await exited
          },
        })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => fail(new Error(`${bundle} exited ${code}: ${out}`)))
  })

/** A fresh folder. */
export const scratch = (name: string): string => mkdtempSync(join(tmpdir(), `wheelhouse-${name}-`))

/** kube-sandbox on a free loopback port, its kubeconfig written to `kubeconfig`. */
export const startBundledSandbox = (kubeconfig: string, extra: string[] = []): Promise<Bundle> =>
  launchBundle(
    'kube-sandbox.js',
    ['--listen', '127.0.0.1:0', '--kubeconfig-out', kubeconfig, ...extra],
    {},
    /^https:\S+\n/m,
  )

/** Tiller with no cluster configured (no KUBECONFIG, HOME without ~/.kube): its sandbox runs in-process.
 * `match[1]` is its gRPC address. */
export const startBundledTiller = (home: string, extra: string[] = [], env: Record<string, string> = {}) =>
  launchBundle(
    'tiller.js',
    ['--listen', '127.0.0.1:0', '--probe-listen', '127.0.0.1:0', ...extra],
    { KUBECONFIG: '', HOME: home, TILLER_NAMESPACE: 'kube-system', ...env },
    /GRPC listening on (\S+)\n[\s\S]*Max history/,
  )
