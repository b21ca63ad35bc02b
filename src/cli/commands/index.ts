import type { CommandClass } from 'clipanion'
import type { HelmContext } from '../HelmCommand'
import CompletionCommand from './completion'
import CreateCommand from './create'
import DependencyBuildCommand from './dependency/build'
import DependencyListCommand from './dependency/list'
import DependencyUpdateCommand from './dependency/update'
import FetchCommand from './fetch'
import HomeCommand from './home'
import InspectCommand from './inspect'
import InstallCommand from './install'
import LintCommand from './lint'
import PackageCommand from './package'
import RepoAddCommand from './repo/add'
import RepoIndexCommand from './repo/index'
import RepoListCommand from './repo/list'
import RepoRemoveCommand from './repo/remove'
import RepoUpdateCommand from './repo/update'
import SearchCommand from './search'
import ServeCommand from './serve'
import ShowAllCommand from './show/all'
import ShowChartCommand from './show/chart'
import ShowCrdsCommand from './show/crds'
import ShowReadmeCommand from './show/readme'
import ShowValuesCommand from './show/values'
import TemplateCommand from './template'
import UpgradeCommand from './upgrade'
import VerifyCommand from './verify'
import VersionCommand from './version'
import DeleteCommand from './delete'
import GetCommand from './get'
import GetHooksCommand from './get/hooks'
import GetManifestCommand from './get/manifest'
import GetNotesCommand from './get/notes'
import GetValuesCommand from './get/values'
import HistoryCommand from './history'
import ListCommand from './list'
import RollbackCommand from './rollback'
import StatusCommand from './status'
import TestCommand from './test'
import UninstallCommand from './uninstall'
import InitCommand from './init'
import ResetCommand from './reset'

/**
 * Every `helm` command. Keep this list sorted by command path; a command file must not import heavy
 * modules (@kubernetes/client-node, @grpc/grpc-js, openpgp, ajv) at top level: load them with
 * `await import(...)` inside `execute`, so `helm version -c` and `helm template` start fast.
 */
export const commands: ReadonlyArray<CommandClass<HelmContext & { colorDepth: number }>> = [
  CompletionCommand,
  CreateCommand,
  DependencyBuildCommand,
  DependencyListCommand,
  DependencyUpdateCommand,
  FetchCommand,
  HomeCommand,
  InspectCommand,
  InstallCommand,
  LintCommand,
  PackageCommand,
  RepoAddCommand,
  RepoIndexCommand,
  RepoListCommand,
  RepoRemoveCommand,
  RepoUpdateCommand,
  SearchCommand,
  ServeCommand,
  ShowAllCommand,
  ShowChartCommand,
  ShowCrdsCommand,
  ShowReadmeCommand,
  ShowValuesCommand,
  TemplateCommand,
  UpgradeCommand,
  VerifyCommand,
  VersionCommand,
  DeleteCommand,
  GetCommand,
  GetHooksCommand,
  GetManifestCommand,
  GetNotesCommand,
  GetValuesCommand,
  HistoryCommand,
  ListCommand,
  RollbackCommand,
  StatusCommand,
  TestCommand,
  UninstallCommand,
  InitCommand,
  ResetCommand,
]

/**
 * The commands a command line can reach: those with a path starting with its first word (every command
 * when none does, so help and "unknown command" still see them all). Registering only these keeps the
 * parser clipanion builds on every run small: with every command it costs ~80 ms of CPU at startup.
 */
export const commandsFor = (args: ReadonlyArray<string>): typeof commands => {
  const first = args.find((a) => !a.startsWith('-'))
  const hits = commands.filter((c) => c.paths?.some((p) => p[0] === first))
  return hits.length > 0 ? hits : commands
}
