import { runHelm } from './run'

// The `helm` executable (bin/helm loads the bundle of this file).
process.exitCode = await runHelm(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
})
