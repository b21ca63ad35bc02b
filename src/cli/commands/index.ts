import type { CommandClass } from 'clipanion'
import type { HelmContext } from '../HelmCommand'
import CreateCommand from './create'
import DependencyBuildCommand from './dependency/build'
import DependencyUpdateCommand from './dependency/update'
import FetchCommand from './fetch'
import PackageCommand from './package'
import RepoAddCommand from './repo/add'
import RepoIndexCommand from './repo/index'
import RepoListCommand from './repo/list'
import RepoRemoveCommand from './repo/remove'
import RepoUpdateCommand from './repo/update'
import SearchCommand from './search'
import ServeCommand from './serve'
import VerifyCommand from './verify'
import VersionCommand from './version'

/**
 * Every `helm` command. Keep this list sorted by command path; a command file must not import heavy
 * modules (@kubernetes/client-node, @grpc/grpc-js, openpgp, ajv) at top level: load them with
 * `await import(...)` inside `execute`, so `helm version -c` and `helm template` start fast.
 */
export const commands: ReadonlyArray<CommandClass<HelmContext & { colorDepth: number }>> = [
  CreateCommand,
  DependencyBuildCommand,
  DependencyUpdateCommand,
  FetchCommand,
  PackageCommand,
  RepoAddCommand,
  RepoIndexCommand,
  RepoListCommand,
  RepoRemoveCommand,
  RepoUpdateCommand,
  SearchCommand,
  ServeCommand,
  VerifyCommand,
  VersionCommand,
]
