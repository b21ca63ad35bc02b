import type { FlagSpec } from './Flag'
import { FlagSet } from './Pflag'
import { type CommandNode, type Described, describe, find, helpFlag } from './Tree'

/**
 * The command tree as one run sees it: nodes described on demand (a command's class is loaded only when
 * the run reaches it), cobra's Find over them, and each command's full flag set (its own, the root's
 * persistent flags, `-h/--help`).
 */
export class Resolver {
  private readonly described = new Map<CommandNode, Promise<Described>>()

  constructor(
    readonly root: CommandNode,
    readonly globals: ReadonlyArray<FlagSpec>,
  ) {}

  describe(node: CommandNode): Promise<Described> {
    let d = this.described.get(node)
    if (!d) {
      d = describe(node, this.globals)
      this.described.set(node, d)
    }
    return d
  }

  /** cobra `Command.Flags()`: the flags a command parses (its own, the root's persistent ones, help). */
  async flagSet(node: CommandNode): Promise<FlagSet> {
    const d = node === this.root ? undefined : await this.describe(node)
    return new FlagSet([...(d?.flags ?? []), ...this.globals, helpFlag(node.name)])
  }

  /** cobra `Command.Find` from the root. */
  find(args: ReadonlyArray<string>) {
    return find(this.root, args, async (node) => {
      const set = await this.flagSet(node)
      return {
        noValue: (s: string) => (s.startsWith('--') ? set.noOptDefVal(s.slice(2)) : set.shortNoOptDefVal(s.slice(1))),
      }
    })
  }

  /** The `short` text of each child of `node`, for "Available Commands" (loads the listed children). */
  async shorts(node: CommandNode): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    for (const child of node.children ?? []) {
      if (child.hidden || child.deprecated !== undefined) continue
      out.set(child.name, (await this.describe(child)).text.short)
    }
    return out
  }

  /** cobra's help of the command at `path`. */
  async help(path: ReadonlyArray<CommandNode>, env: Readonly<Record<string, string | undefined>>): Promise<string> {
    const node = path[path.length - 1] as CommandNode
    const { helpText } = await import('./Help')
    return helpText({
      path,
      described: await this.describe(node),
      shorts: await this.shorts(node),
      globals: this.globals,
      env,
    })
  }

  /** cobra's usage (the help without the description) of the command at `path`. */
  async usage(path: ReadonlyArray<CommandNode>, env: Readonly<Record<string, string | undefined>>): Promise<string> {
    const node = path[path.length - 1] as CommandNode
    const { usageString } = await import('./Help')
    return usageString({
      path,
      described: await this.describe(node),
      shorts: await this.shorts(node),
      globals: this.globals,
      env,
    })
  }
}
