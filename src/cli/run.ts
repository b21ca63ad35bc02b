import { rootNode, withCommands } from './commands/index'
import { clipanionDeclaration } from './front/Clipanion'
import { declarations } from './front/Flag'
import type { CommandNode } from './front/Tree'
import { Resolver } from './front/Resolve'
import { globalFlags, type HelmContext, type HelmCommand } from './HelmCommand'
import { clientVersion } from './version'

/**
 * Runs `helm ARGS` with the given streams; resolves to the exit code. Never lets an exception print a stack.
 * Parsing, help and errors are cobra's and pflag's as Helm v2 has them (src/cli/front); the commands are
 * clipanion `Command` classes whose fields the front end fills before `execute`.
 */
export const runHelm = async (
  args: ReadonlyArray<string>,
  context: HelmContext,
  given?: CommandNode,
): Promise<number> => {
  const root = given ?? (await withPlugins(args, context))
  const resolver = new Resolver(root, globalFlags())
  const err = (s: string) => void context.stderr.write(s)
  const found = await resolver.find(args)
  if (found.unknown !== undefined) {
    const { unknownCommand } = await import('./front/Tree')
    err(`Error: ${unknownCommand(root, found.unknown)}\nRun '${root.name} --help' for usage.\n`)
    return 1
  }
  const node = found.path[found.path.length - 1] as CommandNode
  if (node.deprecated !== undefined) err(`Command "${node.name}" is deprecated, ${node.deprecated}\n`)
  if (node.external) return node.external(found.args, context)
  const described = await resolver.describe(node)
  const parsed = (await resolver.flagSet(node)).parse(found.args, context.env)
  if ('error' in parsed) {
    err(`Error: ${parsed.error}\n`)
    return 1
  }
  for (const notice of parsed.notices) err(`${notice}\n`)
  if (parsed.values.get('help') === true || !described.runnable || !described.cls) {
    context.stdout.write(await resolver.help(found.path, context.env))
    return 0
  }
  const cls = described.cls as unknown as (new () => HelmCommand) & typeof HelmCommand
  const refused = cls.checkArgs?.(parsed.args)
  if (refused !== undefined) {
    err(`Error: ${refused}\n`)
    return 1
  }
  const command = new cls()
  fill(command, parsed)
  const called = calledPath(found.path, args)
  Object.assign(command, {
    context: withColorDepth(context),
    path: called,
    changedFlags: parsed.changed,
    cli: { binaryName: root.name, binaryVersion: clientVersion.semVer, resolver, root },
  })
  const debug = parsed.values.get('debug') === true
  try {
    return await command.validateAndExecute()
  } catch (e) {
    err(`Error: ${e instanceof Error ? e.message : String(e)}\n`)
    if (debug && e instanceof Error && e.stack) err(`${e.stack}\n`)
    return 1
  }
}

/**
 * The context a command runs with: the given one, its getters kept (src/cli/main.ts makes stdin when a command
 * first reads it: a stream for it costs every start), and clipanion's colorDepth.
 */
const withColorDepth = (context: HelmContext): HelmContext & { colorDepth: number } =>
  Object.defineProperties(Object.defineProperties({}, Object.getOwnPropertyDescriptors(context)), {
    colorDepth: { value: 1, enumerable: true, writable: true, configurable: true },
  }) as HelmContext & { colorDepth: number }

/** Helm's command tree with a command per installed plugin (Helm v2's loadPlugins), unless plugins are off. */
const withPlugins = async (args: ReadonlyArray<string>, context: HelmContext): Promise<CommandNode> => {
  if (context.env.HELM_NO_PLUGINS === '1') return rootNode
  const { loadPlugins, pluginNode } = await import('./PluginWiring')
  const plugins = await loadPlugins(args, context, rootNode)
  return plugins.length === 0 ? rootNode : withCommands(rootNode, plugins.map(pluginNode))
}

/** Assigns each declared field its parsed value, and the positional arguments in declaration order. */
const fill = (
  command: object,
  parsed: { readonly values: ReadonlyMap<string, unknown>; readonly args: ReadonlyArray<string> },
): void => {
  const target = command as Record<string, unknown>
  let at = 0
  for (const d of declarations(command)) {
    const decl = 'clipanion' in d ? clipanionDeclaration(d.key, d.clipanion) : d
    if ('flag' in decl) target[d.key] = parsed.values.get(decl.flag.name)
    else if (decl.arg.kind === 'rest') {
      target[d.key] = parsed.args.slice(at)
      at = parsed.args.length
    } else target[d.key] = parsed.args[at++]
  }
}

// the words the user typed for each command of the path (an alias when an alias was used), as cobra's CalledAs
const calledPath = (path: ReadonlyArray<CommandNode>, args: ReadonlyArray<string>): string[] =>
  path.slice(1).map((n) => args.find((a) => a === n.name || (n.aliases ?? []).includes(a)) ?? n.name)
