import type { CommandClass } from 'clipanion'
import { quote } from '../../domain/go/Strconv'
import type { HelmContext } from '../HelmCommand'
import { type ArgSpec, declarations, type FlagSpec } from './Flag'
import { clipanionDeclaration } from './Clipanion'

export type HelmCommandClass = CommandClass<HelmContext & { colorDepth: number }>

/** Help texts of a command as cobra holds them (`Use`, `Short`, `Long`, `Example`). */
export interface CommandText {
  /** cobra `Use`: the name, then the arguments (`install [CHART]`). */
  readonly use: string
  readonly short: string
  /** Printed as is (v2's texts start with a newline); empty: help prints `short`. */
  readonly long?: string
  readonly example?: string
}

/** Runs a command that is not a class (a plugin): raw arguments after its name, the exit code. */
export type ExternalRun = (args: ReadonlyArray<string>, context: HelmContext) => Promise<number>

/**
 * A node of helm's command tree, as cobra's `*Command` tree: a name, aliases, and either a class (loaded
 * lazily), plain texts (a group such as `repo`, which only prints its help), or an external runner (a plugin).
 */
export interface CommandNode {
  readonly name: string
  readonly aliases?: ReadonlyArray<string>
  /** More names that run the command but are never shown (Helm 3/4 names, e.g. `repo ls`). */
  readonly hiddenAliases?: ReadonlyArray<string>
  /** Words that suggest this command when typed as an unknown command (cobra `SuggestFor`). */
  readonly suggestFor?: ReadonlyArray<string>
  /** Runs but is not listed (cobra `Hidden`). */
  readonly hidden?: boolean
  /** cobra `Deprecated`: not listed; running it first prints `Command "NAME" is deprecated, MSG`. */
  readonly deprecated?: string
  readonly load?: () => Promise<{ readonly default: HelmCommandClass }>
  /** For nodes without a class: their help texts. */
  readonly text?: CommandText
  /** A plugin: its flags are not parsed (cobra `DisableFlagParsing`). */
  readonly external?: ExternalRun
  readonly children?: ReadonlyArray<CommandNode>
}

/** What help and the parser need of a node: its texts, flags, arguments and class. */
export interface Described {
  readonly node: CommandNode
  readonly text: CommandText
  readonly runnable: boolean
  /** Flags declared by the command itself (persistent flags declared on the root included). */
  readonly flags: ReadonlyArray<FlagSpec>
  readonly args: ReadonlyArray<{ readonly key: string; readonly arg: ArgSpec }>
  readonly cls?: HelmCommandClass
}

/** The cobra texts a command class carries (`static usage`, see `usage` in HelmCommand). */
interface UsageLike {
  readonly description?: string
  readonly details?: string
  readonly use?: string
  readonly example?: string
}

/** Loads what a node declares. The root's flags are `globals` (every command inherits them). */
export const describe = async (node: CommandNode, globals: ReadonlyArray<FlagSpec>): Promise<Described> => {
  if (!node.load) {
    const text = node.text ?? { use: node.name, short: '' }
    return { node, text, runnable: node.external !== undefined, flags: node.children ? [] : [], args: [] }
  }
  const cls = (await node.load()).default
  const instance = new (cls as unknown as new () => object)()
  const flags: FlagSpec[] = []
  const args: { key: string; arg: ArgSpec }[] = []
  for (const d of declarations(instance)) {
    const decl = 'clipanion' in d ? clipanionDeclaration(d.key, d.clipanion) : d
    if ('flag' in decl) {
      if (!globals.some((g) => g.name === decl.flag.name)) flags.push(decl.flag)
    } else args.push({ key: decl.key, arg: decl.arg })
  }
  const usage = ((cls as unknown as { usage?: UsageLike }).usage ?? {}) as UsageLike
  const text: CommandText = {
    use: usage.use ?? node.name,
    short: usage.description ?? '',
    ...(usage.details !== undefined ? { long: usage.details } : {}),
    ...(usage.example !== undefined ? { example: usage.example } : {}),
  }
  return { node, text, runnable: true, flags, args, cls }
}

/** The help flag cobra adds to every command. */
export const helpFlag = (name: string): FlagSpec => ({
  name: 'help',
  shorthand: 'h',
  aliases: [],
  type: 'bool',
  usage: `help for ${name}`,
  defValue: 'false',
  initial: false,
  hidden: false,
  persistent: false,
})

/** cobra `findNext`: the child named (or aliased) `word`. */
export const findChild = (node: CommandNode, word: string): CommandNode | undefined =>
  node.children?.find(
    (c) => c.name === word || (c.aliases ?? []).includes(word) || (c.hiddenAliases ?? []).includes(word),
  )

/**
 * cobra `stripFlags`: the words of `args` that are not flags or flag values. A flag the level does not know
 * is taken to have a value (so `helm --bogus install` reads `install` as the flag's value, as cobra does).
 */
export const stripFlags = (args: ReadonlyArray<string>, takesNoValue: (flag: string) => boolean): string[] => {
  const words: string[] = []
  const rest = [...args]
  while (rest.length > 0) {
    const s = rest.shift() as string
    if (s === '--') break
    if (s.startsWith('--') && !s.includes('=') && !takesNoValue(s)) {
      if (rest.length <= 1) break
      rest.shift()
    } else if (s.startsWith('-') && !s.startsWith('--') && !s.includes('=') && s.length === 2 && !takesNoValue(s)) {
      if (rest.length <= 1) break
      rest.shift()
    } else if (s !== '' && !s.startsWith('-')) words.push(s)
  }
  return words
}

/** cobra `argsMinusFirstX`: `args` without the first occurrence of `x`. */
const withoutFirst = (args: ReadonlyArray<string>, x: string): string[] => {
  const i = args.indexOf(x)
  return i < 0 ? [...args] : [...args.slice(0, i), ...args.slice(i + 1)]
}

/** The level's flags as `stripFlags` consults them: `--name` / `-x` of a boolean take no value. */
export type FlagsOf = (node: CommandNode) => Promise<{ readonly noValue: (flag: string) => boolean }>

/**
 * cobra `Command.Find`: descends from the root by the non-flag words of `args`; the path of nodes and the
 * arguments left for the command. `unknown` names the first word when the root has no such command
 * (cobra's `legacyArgs`: only the root checks its subcommands).
 */
export const find = async (
  root: CommandNode,
  args: ReadonlyArray<string>,
  flagsOf: FlagsOf,
): Promise<{
  readonly path: ReadonlyArray<CommandNode>
  readonly args: ReadonlyArray<string>
  readonly unknown?: string
}> => {
  const path: CommandNode[] = [root]
  let rest = [...args]
  for (;;) {
    const node = path[path.length - 1] as CommandNode
    if (node.external || !node.children?.length) break
    const { noValue } = await flagsOf(node)
    const words = stripFlags(rest, noValue)
    const next = words[0] === undefined ? undefined : findChild(node, words[0])
    if (!next) {
      if (path.length === 1 && words[0] !== undefined) return { path, args: rest, unknown: words[0] }
      break
    }
    path.push(next)
    rest = withoutFirst(rest, words[0] as string)
  }
  return { path, args: rest }
}

/** cobra's `ld`: Levenshtein distance, case-insensitive. */
export const levenshtein = (a: string, b: string): number => {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let j = 1; j <= t.length; j++)
    for (let i = 1; i <= s.length; i++)
      (d[i] as number[])[j] =
        s[i - 1] === t[j - 1]
          ? (d[i - 1] as number[])[j - 1]!
          : Math.min((d[i - 1] as number[])[j]!, (d[i] as number[])[j - 1]!, (d[i - 1] as number[])[j - 1]!) + 1
  return (d[s.length] as number[])[t.length]!
}

/** Whether cobra lists a child in "Available Commands" (and suggests it): not hidden, not deprecated. */
export const isAvailable = (node: CommandNode): boolean => !node.hidden && node.deprecated === undefined

/**
 * cobra `SuggestionsFor` (minimum distance 2): the available children (not `help`: cobra's help command
 * does not count as available) whose name is within Levenshtein
 * distance 2 of `typed` or starts with it (case-insensitive), in the order cobra lists them (by name).
 */
export const suggestionsFor = (root: CommandNode, typed: string): string[] =>
  [...(root.children ?? [])]
    .filter((c) => isAvailable(c) && c.name !== 'help')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((c) => {
      const near = levenshtein(typed, c.name) <= 2 || c.name.toLowerCase().startsWith(typed.toLowerCase())
      const named = (c.suggestFor ?? []).filter((w) => w.toLowerCase() === typed.toLowerCase())
      return [...(near ? [c.name] : []), ...named.map(() => c.name)]
    })

/** The cobra error for an unknown first word, suggestions included. */
export const unknownCommand = (root: CommandNode, word: string): string => {
  const suggestions = suggestionsFor(root, word)
  const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : ''
  return `unknown command ${quote(word)} for "${root.name}"${hint}`
}

/** Every node below `root` (depth first), with its path of names. */
export const allNodes = (root: CommandNode): Array<{ path: string[]; node: CommandNode }> => {
  const out: Array<{ path: string[]; node: CommandNode }> = []
  const walk = (n: CommandNode, path: string[]) => {
    for (const c of n.children ?? []) {
      out.push({ path: [...path, c.name], node: c })
      walk(c, [...path, c.name])
    }
  }
  walk(root, [])
  return out
}
