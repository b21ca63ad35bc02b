import { quote } from '../../domain/go/Strconv'
import type { FlagSpec } from './Flag'
import { type CommandNode, type Described, helpFlag, isAvailable } from './Tree'

/**
 * cobra's help (v0.0.5, as Helm v2.17 vendors it): `{{.Long or .Short}}`, then the usage template —
 * Usage, Aliases, Examples, Available Commands, Flags, Global Flags, and the `[command] --help` hint —
 * with pflag's `FlagUsages` listing (sorted by name, aligned, `(default X)` unless the zero value).
 */

type Env = Readonly<Record<string, string | undefined>>

/** pflag `UnquoteUsage`: the value name help prints after a flag (none for booleans). */
const varName = (type: FlagSpec['type']): string => (type === 'bool' ? '' : type === 'int64' ? 'int' : type)

/** pflag `defaultIsZeroValue`. */
const isZeroDefault = (f: FlagSpec, def: string): boolean => {
  switch (f.type) {
    case 'bool':
      return def === 'false'
    case 'int':
    case 'int32':
    case 'int64':
    case 'uint':
    case 'uint32':
      return def === '0'
    case 'string':
      return def === ''
    case 'stringArray':
      return def === '[]'
    default:
      return ['false', '<nil>', '', '0'].includes(def)
  }
}

/** pflag `FlagSet.FlagUsages` of `flags` (sorted by name; hidden ones left out). */
export const flagUsages = (flags: ReadonlyArray<FlagSpec>, env: Env): string => {
  const lines: string[] = []
  let maxlen = 0
  const sorted = [...flags].filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const f of sorted) {
    let line = f.shorthand !== undefined ? `  -${f.shorthand}, --${f.name}` : `      --${f.name}`
    const v = varName(f.type)
    if (v) line += ` ${v}`
    line += '\0'
    maxlen = Math.max(maxlen, line.length)
    line += f.usage
    const def = f.shownDefault ? f.shownDefault(env) : f.defValue
    if (!isZeroDefault(f, def)) line += f.type === 'string' ? ` (default ${quote(def)})` : ` (default ${def})`
    lines.push(line)
  }
  return lines
    .map((line) => {
      const at = line.indexOf('\0')
      return `${line.slice(0, at)} ${' '.repeat(maxlen - at)} ${line.slice(at + 1).replaceAll('\n', `\n${' '.repeat(maxlen + 2)}`)}\n`
    })
    .join('')
}

const trimRight = (s: string): string => s.replace(/\s+$/u, '')
const byName = (a: CommandNode, b: CommandNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

export interface HelpInput {
  /** The nodes from the root down to the command. */
  readonly path: ReadonlyArray<CommandNode>
  readonly described: Described
  /** The `short` text of each child (by name), for "Available Commands". */
  readonly shorts: ReadonlyMap<string, string>
  /** The root's persistent flags. */
  readonly globals: ReadonlyArray<FlagSpec>
  readonly env: Env
}

/** cobra `Command.UsageString()`. */
export const usageString = (h: HelpInput): string => {
  const node = h.described.node
  const commandPath = h.path.map((n) => n.name).join(' ')
  const parentPath = h.path
    .slice(0, -1)
    .map((n) => n.name)
    .join(' ')
  const isRoot = h.path.length === 1
  const children = [...(node.children ?? [])].sort(byName)
  const available = children.filter(isAvailable)
  const listed = children.filter((c) => isAvailable(c) || c.name === 'help')
  const local = isRoot ? [...h.globals, helpFlag(node.name)] : [...h.described.flags, helpFlag(node.name)]
  const inherited = isRoot ? [] : h.globals
  let out = 'Usage:'
  if (h.described.runnable) {
    const use = parentPath ? `${parentPath} ${h.described.text.use}` : h.described.text.use
    out += `\n  ${use.includes('[flags]') ? use : `${use} [flags]`}`
  }
  if (available.length > 0) out += `\n  ${commandPath} [command]`
  if (node.aliases?.length) out += `\n\nAliases:\n  ${[node.name, ...node.aliases].join(', ')}`
  if (h.described.text.example) out += `\n\nExamples:\n${h.described.text.example}`
  if (available.length > 0) {
    const pad = Math.max(11, ...children.map((c) => c.name.length))
    out += '\n\nAvailable Commands:'
    for (const c of listed) out += `\n  ${c.name.padEnd(pad)} ${h.shorts.get(c.name) ?? ''}`
  }
  if (local.some((f) => !f.hidden)) out += `\n\nFlags:\n${trimRight(flagUsages(local, h.env))}`
  if (inherited.some((f) => !f.hidden)) out += `\n\nGlobal Flags:\n${trimRight(flagUsages(inherited, h.env))}`
  if (available.length > 0) out += `\n\nUse "${commandPath} [command] --help" for more information about a command.`
  return `${out}\n`
}

/** cobra's help template: the long description (or the short one), then the usage. */
export const helpText = (h: HelpInput): string => {
  const text = h.described.text
  const about = text.long || text.short
  const head = about ? `${trimRight(about)}\n\n` : ''
  const hasChildren = (h.described.node.children ?? []).length > 0
  return head + (h.described.runnable || hasChildren ? usageString(h) : '')
}
