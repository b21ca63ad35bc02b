import type { CommandClass } from 'clipanion'
import type { HelmContext } from '../HelmCommand'
import VersionCommand from './version'

/**
 * Every `helm` command. Keep this list sorted by command path; a command file must not import heavy
 * modules (@kubernetes/client-node, @grpc/grpc-js, openpgp, ajv) at top level: load them with
 * `await import(...)` inside `execute`, so `helm version -c` and `helm template` start fast.
 */
export const commands: ReadonlyArray<CommandClass<HelmContext & { colorDepth: number }>> = [VersionCommand]
