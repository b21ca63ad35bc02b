import type { CommandClass } from 'clipanion'
import type { HelmContext } from '../HelmCommand'

export type HelmCommandClass = CommandClass<HelmContext & { colorDepth: number }>
type Entry = readonly [firstWords: ReadonlyArray<string>, load: () => Promise<{ readonly default: HelmCommandClass }>]

/**
 * Every `helm` command: the first words of its paths (aliases included) and how to load it. Commands load
 * lazily, so a run parses and evaluates only the command it needs and that command's imports (the bundle is
 * split per command); `test/cli/commands/index.test.ts` checks the first words against the classes' paths.
 * Add a line here for a new command. A command file must still not import heavy modules
 * (@kubernetes/client-node, @grpc/grpc-js, openpgp) at top level: `await import(...)` them in `execute`.
 */
export const commandTable: ReadonlyArray<Entry> = [
  [['completion'], () => import('./completion')],
  [['create'], () => import('./create')],
  [['del', 'delete'], () => import('./delete')],
  [['dep', 'dependency'], () => import('./dependency/build')],
  [['dep', 'dependencies', 'dependency'], () => import('./dependency/list')],
  [['dep', 'dependency'], () => import('./dependency/update')],
  [['fetch', 'pull'], () => import('./fetch')],
  [['get'], () => import('./get')],
  [['get'], () => import('./get/hooks')],
  [['get'], () => import('./get/manifest')],
  [['get'], () => import('./get/notes')],
  [['get'], () => import('./get/values')],
  [['hist', 'history'], () => import('./history')],
  [['home'], () => import('./home')],
  [['init'], () => import('./init')],
  [['inspect'], () => import('./inspect')],
  [['install'], () => import('./install')],
  [['lint'], () => import('./lint')],
  [['list', 'ls'], () => import('./list')],
  [['package'], () => import('./package')],
  [['repo'], () => import('./repo/add')],
  [['repo'], () => import('./repo/index')],
  [['repo'], () => import('./repo/list')],
  [['repo'], () => import('./repo/remove')],
  [['repo'], () => import('./repo/update')],
  [['reset'], () => import('./reset')],
  [['rollback'], () => import('./rollback')],
  [['search'], () => import('./search')],
  [['serve'], () => import('./serve')],
  [['show'], () => import('./show/all')],
  [['show'], () => import('./show/chart')],
  [['show'], () => import('./show/crds')],
  [['show'], () => import('./show/readme')],
  [['show'], () => import('./show/values')],
  [['status'], () => import('./status')],
  [['template'], () => import('./template')],
  [['test'], () => import('./test')],
  [['un', 'uninstall'], () => import('./uninstall')],
  [['upgrade'], () => import('./upgrade')],
  [['verify'], () => import('./verify')],
  [['version'], () => import('./version')],
]

/** Loads every command (help, completion, an unknown word). */
export const loadAllCommands = (): Promise<ReadonlyArray<HelmCommandClass>> =>
  Promise.all(commandTable.map(([, load]) => load().then((m) => m.default)))

/**
 * The commands a command line can reach: those whose path starts with its first word, or every command
 * when none does (and for `completion`, which describes them all), so help and "unknown command" still see
 * them. Registering few keeps start-up small: clipanion builds a parser for each registered command.
 */
export const loadCommandsFor = async (args: ReadonlyArray<string>): Promise<ReadonlyArray<HelmCommandClass>> => {
  const first = args.find((a) => !a.startsWith('-'))
  const hits =
    first === 'completion' ? [] : commandTable.filter(([words]) => first !== undefined && words.includes(first))
  if (hits.length === 0) return loadAllCommands()
  return Promise.all(hits.map(([, load]) => load().then((m) => m.default)))
}
