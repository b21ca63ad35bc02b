import type { Readable, Writable } from 'node:stream'
// clipanion's Command alone: its package index would load its Cli, help and terminal code (tty) on every start
import { Command, type Usage } from 'clipanion/lib/advanced/Command'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { type HelmError, message } from '../domain/errors'
import { declarations, Flag, type FlagSpec } from './front/Flag'

/** What every command's `this.context` holds: the streams and the environment. */
export interface HelmContext {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** A path that runs this helm (plugins get it as $HELM_BIN); unset: the project's bin/helm. */
  readonly helmBin?: string
}

/**
 * The base of every `helm` command: Helm's global flags and `report`, which turns a use case's
 * Either into output and an exit code (Right → stdout, 0; Left → `Error: <message>` on stderr, 1).
 */
export abstract class HelmCommand extends Command<HelmContext & { colorDepth: number }> {
  /**
   * Checks the positional arguments before `execute` runs (Helm v2 checks them first thing in each RunE):
   * the error text, or undefined when they are fine. Cobra itself checks none.
   */
  static checkArgs?: (args: ReadonlyArray<string>) => string | undefined

  // Helm v2's global flags (EnvSettings.AddFlags): persistent flags of the root, listed under "Global Flags"
  debug = Flag.bool('--debug', 'Enable verbose output', { persistent: true, env: 'HELM_DEBUG' })
  home = Flag.string('--home', 'Location of your Helm config. Overrides $HELM_HOME', {
    persistent: true,
    shownDefault: (env) => `${env.HOME ?? ''}/.helm`,
  })
  host = Flag.string('--host', 'Address of Tiller. Overrides $HELM_HOST', { persistent: true })
  kubeContext = Flag.string('--kube-context', 'Name of the kubeconfig context to use', { persistent: true })
  kubeconfig = Flag.string('--kubeconfig', 'Absolute path of the kubeconfig file to be used', { persistent: true })
  tillerNamespace = Flag.string('--tiller-namespace', 'Namespace of Tiller', {
    persistent: true,
    shownDefault: () => 'kube-system',
  })
  tillerConnectionTimeout = Flag.int64(
    '--tiller-connection-timeout',
    300,
    'The duration (in seconds) Helm will wait to establish a connection to Tiller',
    { persistent: true },
  )

  /** The long names of the flags given on the command line (pflag's `Changed`); set by the front end. */
  changedFlags: ReadonlySet<string> = new Set()

  /** $HELM_HOME: `--home`, else the HELM_HOME environment variable, else `~/.helm`. */
  helmHome(): string {
    return this.home ?? this.context.env.HELM_HOME ?? `${this.context.env.HOME ?? '.'}/.helm`
  }

  /** The Tiller address: `--host`, else $HELM_HOST; an empty value counts as unset (Go's os.Getenv). */
  tillerHost(): string | undefined {
    return this.host || this.context.env.HELM_HOST || undefined
  }

  /** Prints `Error: <message>` on stderr and returns exit code 1. */
  fail(e: HelmError): number {
    this.context.stderr.write(`Error: ${message(e)}\n`)
    return 1
  }

  /** Prints `Error: <text>` on stderr and returns exit code 1. */
  failText(text: string): number {
    this.context.stderr.write(`Error: ${text}\n`)
    return 1
  }

  /** Runs a use case; Right goes through `print` to stdout (exit 0), Left to stderr (exit 1). */
  async report<A>(program: TE.TaskEither<HelmError, A>, print: (a: A) => string): Promise<number> {
    const result = await program()
    if (E.isLeft(result)) return this.fail(result.left)
    this.context.stdout.write(print(result.right))
    return 0
  }
}

/** The root's persistent flags (Helm v2's global flags), read from HelmCommand's declarations. */
export const globalFlags = (): FlagSpec[] => {
  class Root extends HelmCommand {
    async execute(): Promise<number> {
      return 0
    }
  }
  return declarations(new Root()).flatMap((d) => ('flag' in d && d.flag.persistent ? [d.flag] : []))
}

/**
 * A command's help texts as cobra holds them: `use` (the name and arguments: `install [CHART]`), `short`
 * (one line, listed under the parent's "Available Commands"), `long` (printed first by `--help`, as is) and
 * `example`. Kept in clipanion's `static usage` (description = short, details = long).
 */
export const usage = (u: {
  readonly use: string
  readonly short: string
  readonly long?: string
  readonly example?: string
}): Usage & { readonly use: string; readonly example?: string } => ({
  use: u.use,
  description: u.short,
  ...(u.long !== undefined ? { details: u.long } : {}),
  ...(u.example !== undefined ? { example: u.example } : {}),
})

/** Helm v2 `checkArgsLength`: exactly one argument per name, else `This command needs N argument(s): ...`. */
export const needs =
  (...names: ReadonlyArray<string>) =>
  (args: ReadonlyArray<string>): string | undefined =>
    args.length === names.length
      ? undefined
      : `This command needs ${names.length} ${names.length === 1 ? 'argument' : 'arguments'}: ${names.join(', ')}`
