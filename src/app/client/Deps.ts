import type * as RTE from 'fp-ts/ReaderTaskEither'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import type { GoMap } from '../../domain/go/Value'
import type { ValueOptions } from '../../domain/values/ValueOptions'
import type { ChartFiles } from '../../ports/ChartFiles'
import type { ChartRegistry } from '../../ports/ChartRegistry'
import type { ChartRepository } from '../../ports/ChartRepository'
import type { Clock } from '../../ports/Clock'
import type { HelmHome } from '../../ports/HelmHome'
import type { KubeClient } from '../../ports/KubeClient'
import type { Plugins } from '../../ports/Plugins'
import type { Random } from '../../ports/Random'
import type { Signatory } from '../../ports/Signatory'
import type { TillerApi } from '../../ports/TillerApi'
import type { Vcs } from '../../ports/Vcs'

/**
 * Everything a client use case may touch; each use case takes the few ports it needs (`Pick<ClientDeps, ...>`),
 * so it runs on memory adapters in tests and on the real ones in `helm`. `out` and `warn` are the lines a
 * use case prints as it goes (Helm's progress lines on stdout, warnings on stderr).
 */
export interface ClientDeps {
  readonly files: ChartFiles
  readonly home: HelmHome
  /** Every chart repository transport, routed by URL scheme (app/client/Transports). */
  readonly repos: ChartRepository
  /** OCI registries (`oci://`: push, login, the tags and manifests behind the `oci` transport of `repos`). */
  readonly registry: ChartRegistry
  readonly signatory: Signatory
  /** Helm v2's plugins: their folders and the programs they run */
  readonly plugins: Plugins
  /** the repositories plugins are installed from (git) */
  readonly vcs: Vcs
  readonly tiller: TillerApi
  readonly kube: KubeClient
  readonly clock: Clock
  readonly random: Random
  /** The user's values from the value flags (files, URLs, stdin, --set*), merged in Helm's order. */
  readonly values: (opts: ValueOptions) => TE.TaskEither<HelmError, GoMap>
  readonly out: (line: string) => void
  readonly warn: (line: string) => void
}

/** A client use case over the ports `D` it names. */
export interface UseCase<D, A> extends RTE.ReaderTaskEither<D, HelmError, A> {}
