// Client use cases on memory adapters (or on the local disk, for the few tests that look at real files): every port
// of ClientDeps, with the lines the use case printed.
import * as TE from 'fp-ts/TaskEither'
import { localChartFiles } from '../../../src/adapters/fs/LocalChartFiles'
import { localHelmHome } from '../../../src/adapters/fs/LocalHelmHome'
import { httpRepository } from '../../../src/adapters/http-repo/HttpRepository'
import { memoryChartFiles } from '../../../src/adapters/memory-files/MemoryChartFiles'
import { memoryHelmHome } from '../../../src/adapters/memory-home/MemoryHelmHome'
import { memoryChartRegistry } from '../../../src/adapters/memory-registry/MemoryChartRegistry'
import { memoryPluginHost } from '../../../src/adapters/memory-plugins/MemoryPlugins'
import { memoryChartRepository } from '../../../src/adapters/memory-repo/MemoryChartRepository'
import { memorySignatory } from '../../../src/adapters/memory-signatory/MemorySignatory'
import { virtualClock } from '../../../src/adapters/system/VirtualClock'
import type { ClientDeps } from '../../../src/app/client/Deps'
import { routeByScheme } from '../../../src/app/client/Transports'
import { invalidArgument } from '../../../src/domain/GeneralError'
import type { KubeClient } from '../../../src/ports/KubeClient'
import type { TillerApi } from '../../../src/ports/TillerApi'

const refuse = <T extends object>(what: string): T =>
  new Proxy({} as T, { get: () => () => TE.left(invalidArgument(`${what} is not part of this test`)) })

/** Deterministic randomness: bytes counting up from 1. */
const counting = { bytes: (n: number) => Uint8Array.from({ length: n }, (_, i) => (i + 1) % 256), int: () => 0 }

/** ClientDeps on memory adapters; `out`/`warn` lines are collected. Override any port. */
export const memoryDeps = (overrides: Partial<ClientDeps> = {}) => {
  const out: string[] = []
  const warn: string[] = []
  const host = memoryPluginHost()
  const deps = {
    files: memoryChartFiles(),
    home: memoryHelmHome(),
    repos: memoryChartRepository(),
    registry: memoryChartRegistry(),
    signatory: memorySignatory({}),
    plugins: host.plugins,
    vcs: host.vcs,
    tiller: refuse<TillerApi>('Tiller'),
    kube: refuse<KubeClient>('Kubernetes'),
    clock: virtualClock(new Date('2024-01-02T03:04:05Z')),
    random: counting,
    values: () => TE.right({}),
    out: (l: string) => void out.push(l),
    warn: (l: string) => void warn.push(l),
    ...overrides,
  } satisfies ClientDeps
  return { deps, out, warn }
}

/** ClientDeps on the local disk with HELM_HOME at `home` and HTTP repositories. */
export const localDeps = (home: string, overrides: Partial<ClientDeps> = {}) =>
  memoryDeps({
    files: localChartFiles(),
    home: localHelmHome(home, () => '2024-01-02T03:04:05Z'),
    repos: routeByScheme([httpRepository()]),
    ...overrides,
  })
