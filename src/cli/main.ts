import { basename } from 'node:path'
import type { Writable } from 'node:stream'
import { fdOutput, onStreamError } from './FdOutput'
import { runHelm } from './run'

export { runHelm }

// $HELM_BIN for plugins: the script the user ran (bin/helm, or a link to it); when helm runs another way (a bundle
// loaded directly), PluginWiring finds bin/helm
const script = process.argv[1]
const helmBin = script !== undefined && !/\.[cm]?js$/.test(basename(script)) ? script : undefined

/** node's stream for stdout or stderr, made on first use; a reader that goes away ends helm quietly (onStreamError). */
const guarded = (get: () => Writable): (() => Writable) => {
  let made: Writable | undefined
  return () => {
    if (made === undefined) {
      made = get()
      made.on('error', onStreamError)
    }
    return made
  }
}

/**
 * The `helm` executable: runs `helm ARGV` on this process's streams and sets its exit code. bin/helm loads the
 * bundle of this module (dist/helm.cjs, one CommonJS file run through a V8 code cache) and calls it.
 */
export const main = (): Promise<void> =>
  // A reader that goes away (`helm ... | head`) ends helm quietly with SIGPIPE's status, as it ends a Go program;
  // Node would print the EPIPE with a stack trace. stdout and stderr are written to their descriptors (FdOutput):
  // node's streams for them are made only when something needs one (a plugin inheriting them).
  runHelm(process.argv.slice(2), {
    // made when a command reads it (`-f -`, plugins): node's stdin stream is work every start would pay for
    get stdin() {
      return process.stdin
    },
    stdout: fdOutput(
      1,
      guarded(() => process.stdout),
    ),
    stderr: fdOutput(
      2,
      guarded(() => process.stderr),
    ),
    env: process.env,
    cwd: process.cwd(),
    ...(helmBin !== undefined ? { helmBin } : {}),
  }).then((code) => {
    process.exitCode = code
  })
