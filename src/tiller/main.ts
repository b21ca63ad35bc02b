// The `tiller` executable: Helm v2's server, on the configured cluster or the in-process sandbox.
import * as E from 'fp-ts/Either'
import { parseTillerFlags, tillerUsage } from './flags'
import { tillerVersion } from '../domain/transport/Version'
import { runTiller } from './server'

const main = async (): Promise<void> => {
  let flags
  try {
    flags = parseTillerFlags(process.argv.slice(2), process.env)
  } catch (e) {
    process.stderr.write(`Error: ${(e as Error).message}\n${tillerUsage}`)
    process.exitCode = 2
    return
  }
  if (flags.help) return void process.stdout.write(tillerUsage)
  if (flags.version) return void process.stdout.write(`${tillerVersion.semVer}\n`)
  // the handlers are in place before anything starts: a signal during startup stops Tiller once it is up
  // (the default action would end the process without cleanup)
  let stopping = false
  let stop: (() => Promise<void>) | undefined
  const shutdown = () => {
    if (stopping) return
    stopping = true
    if (stop) void stop().then(() => process.exit(0))
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
  // a closed terminal: stop as on SIGTERM
  process.on('SIGHUP', shutdown)
  const running = await runTiller(flags, process.env, (line) => process.stderr.write(line))
  if (E.isLeft(running)) {
    process.stderr.write(`Error: ${running.left}\n`)
    process.exitCode = 1
    return
  }
  stop = running.right.stop
  if (stopping) void stop().then(() => process.exit(0))
}

void main()
