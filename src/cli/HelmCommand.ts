import type { Readable, Writable } from 'node:stream'
import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { type HelmError, message } from '../domain/errors'

/** What every command's `this.context` holds: the streams and the environment. */
export interface HelmContext {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/**
 * The base of every `helm` command: Helm's global flags and `report`, which turns a use case's
 * Either into output and an exit code (Right → stdout, 0; Left → `Error: <message>` on stderr, 1).
 */
export abstract class HelmCommand extends Command<HelmContext & { colorDepth: number }> {
  debug = Option.Boolean('--debug', false, { description: 'enable verbose output' })
  home = Option.String('--home', { description: 'location of your Helm config. Overrides $HELM_HOME' })
  host = Option.String('--host', { description: 'address of Tiller. Overrides $HELM_HOST' })
  kubeContext = Option.String('--kube-context', { description: 'name of the kubeconfig context to use' })
  kubeconfig = Option.String('--kubeconfig', { description: 'absolute path to the kubeconfig file to use' })
  tillerNamespace = Option.String('--tiller-namespace', {
    description: 'namespace of Tiller (default "kube-system")',
  })
  tillerConnectionTimeout = Option.String('--tiller-connection-timeout', {
    description: 'the duration (in seconds) Helm will wait to establish a connection to tiller (default 300)',
  })

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

  /** Runs a use case; Right goes through `print` to stdout (exit 0), Left to stderr (exit 1). */
  async report<A>(program: TE.TaskEither<HelmError, A>, print: (a: A) => string): Promise<number> {
    const result = await program()
    if (E.isLeft(result)) return this.fail(result.left)
    this.context.stdout.write(print(result.right))
    return 0
  }
}
