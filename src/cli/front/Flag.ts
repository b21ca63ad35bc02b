import { Command } from 'clipanion/lib/advanced/Command'

/**
 * The flag and argument declarations of `helm` commands, as spf13/pflag defines them in Helm v2: a long
 * name, an optional one-letter shorthand, a value type (pflag's `Value.Type()`, printed in help), a usage
 * text and a default. A command class declares them as fields (`max = Flag.int('-m,--max', 256, '...')`);
 * the front end (src/cli/front) reads them from an instance, parses argv with pflag's rules and assigns each
 * field its value before `execute`. Like clipanion's `Option.*`, a declaration is typed as the value it becomes.
 */

/** pflag value types used by Helm v2 (and the name help prints after the flag). */
export type FlagType =
  | 'bool'
  | 'string'
  | 'int'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint32'
  | 'stringArray'
  | 'valueFiles'
  | 'OutputFormat'

export interface FlagSpec {
  /** The long name (without `--`), as help lists it. */
  readonly name: string
  readonly shorthand?: string
  /** More long names that parse as this flag and are never listed (Helm 3/4 spellings of a v2 flag). */
  readonly aliases: ReadonlyArray<string>
  /** More shorthands that parse as this flag and are never listed. */
  readonly shortAliases?: ReadonlyArray<string>
  readonly type: FlagType
  readonly usage: string
  /** pflag's `DefValue`: the default as help prints it. */
  readonly defValue: string
  /** The value before parsing (undefined: the field stays undefined unless the flag is given). */
  readonly initial: unknown
  /** Not listed in help (pflag `MarkHidden`; also our flags beyond Helm v2). */
  readonly hidden: boolean
  /** pflag `MarkDeprecated`: hidden, and using it prints `Flag --NAME has been deprecated, MSG`. */
  readonly deprecated?: string
  /** Declared on the root and inherited by every command (cobra's persistent flags: help's "Global Flags"). */
  readonly persistent: boolean
  /** What help prints as the default, from the environment (v2's `--home` default is `$HOME/.helm`). */
  readonly shownDefault?: (env: Readonly<Record<string, string | undefined>>) => string
  /** An environment variable that sets the flag when it is not given (v2's `setFlagFromEnv`). */
  readonly env?: string
  /** An int64 of seconds that also takes a Go duration (`5m0s`), as Helm 3/4 spell `--timeout`. */
  readonly durations?: boolean
}

export interface ArgSpec {
  readonly kind: 'one' | 'rest'
  readonly name: string
}

const flagMark = Symbol('wheelhouse/flag')
const argMark = Symbol('wheelhouse/arg')

interface Marker {
  readonly [flagMark]?: FlagSpec
  readonly [argMark]?: ArgSpec
}

export interface FlagOptions {
  readonly hidden?: boolean
  readonly deprecated?: string
  readonly persistent?: boolean
  readonly shownDefault?: (env: Readonly<Record<string, string | undefined>>) => string
  readonly env?: string
}

const declare = (
  names: string,
  type: FlagType,
  usage: string,
  defValue: string,
  initial: unknown,
  o: FlagOptions & { readonly durations?: boolean },
) => {
  const parts = names.split(',').map((n) => n.trim())
  const [shorthand, ...shortAliases] = parts.filter((n) => /^-[^-]$/.test(n)).map((n) => n.slice(1))
  const longs = parts.filter((n) => n.startsWith('--')).map((n) => n.slice(2))
  const [name, ...aliases] = longs
  if (name === undefined) throw new Error(`flag declaration without a long name: ${names}`)
  const spec: FlagSpec = {
    name,
    ...(shorthand !== undefined ? { shorthand } : {}),
    aliases,
    ...(shortAliases.length ? { shortAliases } : {}),
    type,
    usage,
    defValue,
    initial,
    hidden: o.hidden === true || o.deprecated !== undefined,
    ...(o.deprecated !== undefined ? { deprecated: o.deprecated } : {}),
    persistent: o.persistent === true,
    ...(o.shownDefault ? { shownDefault: o.shownDefault } : {}),
    ...(o.env !== undefined ? { env: o.env } : {}),
    ...(o.durations ? { durations: true } : {}),
  }
  // the clipanion marker symbol too, so a clipanion Cli would still accept these classes
  return { [flagMark]: spec, [Command.isOption]: true } as unknown
}

/** Flag declarations (pflag's BoolVarP, StringVarP, IntVarP, ...). `names`: '-m,--max' or '--max,--alias'. */
export const Flag = {
  bool: (names: string, usage: string, o: FlagOptions & { readonly default?: boolean } = {}): boolean =>
    declare(names, 'bool', usage, String(o.default ?? false), o.default ?? false, o) as boolean,
  /** A string flag without a default: the field is undefined unless given. */
  string: (names: string, usage: string, o: FlagOptions = {}): string | undefined =>
    declare(names, 'string', usage, '', undefined, o) as string | undefined,
  /** A string flag with a default (help prints `(default "X")` unless it is empty). */
  stringDefault: (names: string, def: string, usage: string, o: FlagOptions = {}): string =>
    declare(names, 'string', usage, def, def, o) as string,
  int: (names: string, def: number, usage: string, o: FlagOptions = {}): number =>
    declare(names, 'int', usage, String(def), def, o) as number,
  int32: (names: string, def: number, usage: string, o: FlagOptions = {}): number =>
    declare(names, 'int32', usage, String(def), def, o) as number,
  int64: (names: string, def: number, usage: string, o: FlagOptions = {}): number =>
    declare(names, 'int64', usage, String(def), def, o) as number,
  uint: (names: string, def: number, usage: string, o: FlagOptions = {}): number =>
    declare(names, 'uint', usage, String(def), def, o) as number,
  uint32: (names: string, def: number, usage: string, o: FlagOptions = {}): number =>
    declare(names, 'uint32', usage, String(def), def, o) as number,
  /**
   * Helm v2's `--timeout` (int64 seconds, as help shows it), also taking a Go duration (`5m0s`) as Helm 3/4
   * users type it; the value is in seconds.
   */
  seconds: (names: string, def: number, usage: string, o: FlagOptions = {}): number =>
    declare(names, 'int64', usage, String(def), def, { ...o, durations: true }) as number,
  /** pflag StringArray: each occurrence one value (no comma splitting); the first replaces the default. */
  stringArray: (names: string, usage: string, o: FlagOptions = {}): string[] =>
    declare(names, 'stringArray', usage, '[]', [], o) as string[],
  /** Helm v2's `valueFiles` (-f/--values): each occurrence split at commas and appended. */
  valueFiles: (names: string, usage: string, o: FlagOptions = {}): string[] =>
    declare(names, 'valueFiles', usage, '[]', [], o) as string[],
  /** `helm init -o`: Helm v2's installer.OutputFormat (json or yaml, anything else refused while parsing). */
  outputFormat: (names: string, usage: string, o: FlagOptions = {}): string | undefined =>
    declare(names, 'OutputFormat', usage, '', undefined, o) as string | undefined,
}

/** Positional arguments. Cobra checks none of them: each command says what it needs (see `args` checks). */
export const Arg = {
  /** The next positional argument, undefined when there is none. */
  one: (name: string): string | undefined => ({ [argMark]: { kind: 'one', name }, [Command.isOption]: true }) as never,
  /** The next positional argument, which the command's `checkArgs` guarantees to be there. */
  required: (name: string): string => ({ [argMark]: { kind: 'one', name }, [Command.isOption]: true }) as never,
  /** Every remaining positional argument. */
  rest: (name = 'args'): string[] => ({ [argMark]: { kind: 'rest', name }, [Command.isOption]: true }) as never,
}

/** A declared field of a command instance: its key and what it declares. */
export type Declared =
  | { readonly key: string; readonly flag: FlagSpec }
  | { readonly key: string; readonly arg: ArgSpec }
  | { readonly key: string; readonly clipanion: ClipanionMarker }

/** clipanion's `Option.*` marker: declarations this front end still understands (see `clipanionFlag`). */
export interface ClipanionMarker {
  readonly definition: (builder: unknown, key: string) => void
  readonly transformer: (builder: unknown, key: string, state: unknown, context: unknown) => unknown
}

/** The declarations of a command instance, in field order (base classes' fields first). */
export const declarations = (command: object): Declared[] => {
  const out: Declared[] = []
  for (const [key, value] of Object.entries(command)) {
    if (value === null || typeof value !== 'object') continue
    const m = value as Marker & Record<symbol, unknown>
    if (m[flagMark]) out.push({ key, flag: m[flagMark] })
    else if (m[argMark]) out.push({ key, arg: m[argMark] })
    else if (m[Command.isOption]) out.push({ key, clipanion: value as ClipanionMarker })
  }
  return out
}
