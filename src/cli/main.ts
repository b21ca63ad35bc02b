import { runHelm } from './run'

export { runHelm }

/**
 * The `helm` executable: runs `helm ARGV` on this process's streams and sets its exit code. bin/helm loads the
 * bundle of this module (dist/helm.cjs, one CommonJS file run through a V8 code cache) and calls it.
 */
export const main = (): Promise<void> =>
  runHelm(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code
  })
