import { Builtins, Cli, UsageError } from 'clipanion'
import { loadCommandsFor } from './commands/index'
import type { HelmContext } from './HelmCommand'
import { clientVersion } from './version'

/** Runs `helm ARGS` with the given streams; resolves to the exit code. Never lets an exception print a stack. */
export const runHelm = async (args: ReadonlyArray<string>, context: HelmContext): Promise<number> => {
  const cli = new Cli<HelmContext & { colorDepth: number }>({
    binaryLabel: 'The Kubernetes package manager',
    binaryName: 'helm',
    binaryVersion: clientVersion.semVer,
    enableColors: false,
  })
  // only the commands the first word can name are loaded and registered (all of them for help or an unknown word)
  for (const c of await loadCommandsFor(args)) cli.register(c)
  cli.register(Builtins.HelpCommand)
  const debug = args.includes('--debug') || context.env.HELM_DEBUG === '1' || context.env.HELM_DEBUG === 'true'
  const ctx = { ...context, colorDepth: 1 }
  let command
  try {
    command = cli.process([...args], ctx)
  } catch (err) {
    context.stderr.write(`Error: ${usageMessage(err)}\nRun 'helm --help' for usage.\n`)
    return 1
  }
  try {
    return await cli.run(command, ctx)
  } catch (err) {
    if (err instanceof UsageError) {
      context.stderr.write(`Error: ${err.message}\n`)
      return 1
    }
    context.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`)
    if (debug && err instanceof Error && err.stack) context.stderr.write(`${err.stack}\n`)
    return 1
  }
}

const usageMessage = (err: unknown): string => {
  const text = err instanceof Error ? err.message : String(err)
  // clipanion explains an unknown command at length; Helm says it in one line
  const first = text.split('\n')[0] ?? text
  return first.replace(/^Command not found; did you mean.*$/, 'unknown command').trim()
}
