// The `kube-sandbox` executable: a Kubernetes API server emulator on loopback (see src/sandbox/).
// kube-sandbox [--listen 127.0.0.1:0] [--kubeconfig-out FILE] [--data-dir DIR] [--http] [--token T] [--no-controllers]
import { writeFileSync } from 'node:fs'
import { startSandbox } from './Sandbox'

const usage = `Usage: kube-sandbox [--listen HOST:PORT] [--kubeconfig-out FILE] [--data-dir DIR] [--http] [--token TOKEN] [--no-controllers]
Starts a Kubernetes API server emulator on loopback, prints its address and writes a kubeconfig for it.
`

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  let listen = '127.0.0.1:0'
  let kubeconfigOut: string | undefined
  let dataDir: string | undefined
  let tls = true
  let token: string | undefined
  let controllers = true
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new Error(`flag needs an argument: ${flag}`)
      return v
    }
    switch (flag) {
      case '--listen':
        listen = value()
        break
      case '--kubeconfig-out':
        kubeconfigOut = value()
        break
      case '--data-dir':
        dataDir = value()
        break
      case '--token':
        token = value()
        break
      case '--http':
        tls = false
        break
      case '--no-controllers':
        controllers = false
        break
      case '-h':
      case '--help':
        process.stdout.write(usage)
        return 0
      default:
        throw new Error(`unknown flag: ${a}`)
    }
  }
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(listen)
  if (!m) throw new Error(`--listen wants HOST:PORT, got "${listen}"`)
  const sandbox = await startSandbox({
    host: m[1]!.replace(/^\[|\]$/g, ''),
    port: Number(m[2]),
    tls,
    controllers,
    holdProcess: true,
    ...(dataDir ? { dataDir } : {}),
    ...(token ? { token } : {}),
  })
  if (kubeconfigOut) writeFileSync(kubeconfigOut, sandbox.kubeconfig, { mode: 0o600 })
  process.stdout.write(`${sandbox.url}\n`)
  const shutdown = (): void => {
    void sandbox.stop().then(() => process.exit(0))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  return -1
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`Error: ${(e as Error).message}\n`)
    process.exitCode = 1
  },
)
