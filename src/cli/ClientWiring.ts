// The helm client's composition root for its use cases: the one place that names the adapters behind each client
// port. Heavy or rarely needed adapters (HTTP, openpgp, the cluster, Tiller) load on their first call.
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { localChartFiles } from '../adapters/fs/LocalChartFiles'
import { cryptoRandom, systemClock } from '../adapters/system/System'
import type { ClientDeps } from '../app/client/Deps'
import type { HelmError } from '../domain/errors'
import { invalidArgument } from '../domain/GeneralError'
import { helmHomeLayout } from '../domain/path/HelmPath'
import type { OciTransportDeps } from '../app/client/OciTransport'
import type { ChartRegistry } from '../ports/ChartRegistry'
import type { ChartRepository } from '../ports/ChartRepository'
import type { HelmHome } from '../ports/HelmHome'
import type { KubeClient } from '../ports/KubeClient'
import type { Signatory } from '../ports/Signatory'
import type { TillerApi } from '../ports/TillerApi'
import { childStdio } from './FdOutput'
import type { HelmCommand } from './HelmCommand'

/**
 * A port whose adapter is made on the first call of any of its TaskEither members (`fixed` answers the others):
 * the adapter's module, and any connection it needs, is loaded only by a command that uses it.
 */
export const lazyPort = <T extends object>(make: () => Promise<E.Either<HelmError, T>>, fixed: Partial<T> = {}): T => {
  let made: Promise<E.Either<HelmError, T>> | undefined
  return new Proxy(fixed as T, {
    get: (target, key) =>
      key in target
        ? (target as Record<string | symbol, unknown>)[key]
        : (...args: unknown[]): TE.TaskEither<HelmError, unknown> =>
            async () => {
              made ??= make()
              const port = await made
              if (E.isLeft(port)) return port
              const call = (port.right as Record<string | symbol, unknown>)[key] as (
                ...a: unknown[]
              ) => TE.TaskEither<HelmError, unknown>
              return call(...args)()
            },
  })
}

/**
 * Chart repositories over every transport the client knows, routed by URL scheme: HTTP(S) repositories, `oci://`
 * references (over the registry port, with the credentials stores; `dockerConfig` is Docker's config.json), then the
 * protocols of the installed downloader plugins (unless HELM_NO_PLUGINS=1). An HTTP download says on `progress`
 * every 5 s what it waits for.
 */
const repositories = (
  oci: () => OciTransportDeps,
  dockerConfig: string | undefined,
  progress: (line: string) => void,
  cmd: HelmCommand,
): ChartRepository =>
  lazyPort(
    async () => {
      const { routeByScheme } = await import('../app/client/Transports')
      const { ociTransport } = await import('../app/client/OciTransport')
      const { httpRepository } = await import('../adapters/http-repo/HttpRepository')
      const { downloaders } = await import('./PluginWiring')
      return E.right(
        routeByScheme([httpRepository({ progress }), ociTransport(oci(), dockerConfig), ...(await downloaders(cmd))]),
      )
    },
    { name: 'repositories', schemes: ['http', 'https', 'oci'] },
  )

/**
 * $HELM_HOME on the local disk at `root` (its layout known at once, its files read on first use); registry
 * credentials at `registryConfig` ($HELM_REGISTRY_CONFIG) when given; a write waiting for another helm's lock says
 * so on `progress` every 5 s.
 */
const helmHome = (root: string, registryConfig: string | undefined, progress: (line: string) => void): HelmHome =>
  lazyPort(
    async () => {
      const { localHelmHome } = await import('../adapters/fs/LocalHelmHome')
      const { goTime } = await import('../domain/repo/Index')
      return E.right(localHelmHome(root, () => goTime(systemClock.now().toISOString()), registryConfig, progress))
    },
    { name: 'local', layout: helmHomeLayout(root) },
  )

/** OCI registries over HTTP(S), loaded on first use; a request still waiting says on `progress` every 5 s what for. */
const registry = (progress: (line: string) => void): ChartRegistry =>
  lazyPort(async () => E.right((await import('../adapters/oci-registry/OciRegistry')).ociRegistry({ progress })), {
    name: 'oci',
  })

/** Docker's config.json (oras' fallback credentials store): $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
export const dockerConfigPath = (env: Readonly<Record<string, string | undefined>>): string | undefined =>
  env.DOCKER_CONFIG ? `${env.DOCKER_CONFIG}/config.json` : env.HOME ? `${env.HOME}/.docker/config.json` : undefined

/** Plugins on this machine (folders and programs, helm's streams attached) and git for their repositories. */
const pluginHost = (cmd: HelmCommand): Pick<ClientDeps, 'plugins' | 'vcs'> => ({
  plugins: lazyPort(
    async () => E.right((await import('../adapters/plugin-host/LocalPlugins')).localPlugins(childStdio(cmd.context))),
    { name: 'local' },
  ),
  vcs: lazyPort(async () => E.right((await import('../adapters/plugin-host/GitVcs')).gitVcs(cmd.context.env)), {
    name: 'git',
  }),
})

const signatory = (): Signatory =>
  lazyPort(async () => E.right((await import('../adapters/openpgp/OpenPgpSignatory')).openPgpSignatory()), {
    name: 'openpgp',
  })

/** The cluster the kubeconfig flags name, connected on first use (`helm init`, `helm reset`). */
const cluster = (cmd: HelmCommand): KubeClient =>
  lazyPort(
    async () => {
      const { connectCluster } = await import('../adapters/k8s')
      const c = await connectCluster({
        ...(cmd.kubeconfig ? { kubeconfig: cmd.kubeconfig } : {}),
        ...(cmd.kubeContext ? { context: cmd.kubeContext } : {}),
        progress: (line) => void cmd.context.stderr.write(line),
        env: cmd.context.env,
      })()
      return E.bimap(
        (e: HelmError) =>
          invalidArgument(`could not get kubernetes config: ${e._tag === 'KubeUnavailable' ? e.cause : e._tag}`),
        (ok: { readonly kube: KubeClient }) => ok.kube,
      )(c)
    },
    { name: 'kubernetes' },
  )

const noTiller = (): TillerApi => lazyPort(async () => E.left(invalidArgument('this command does not talk to Tiller')))

/**
 * The ports of a client use case for `cmd`: its HELM_HOME (`--home`), the local disk, chart repositories, openpgp,
 * the cluster of its kubeconfig flags, the system clock and randomness, the value flags read from its working folder
 * and standard input, lines to its stdout (`out`) and stderr (`warn`). `overrides` replaces any of them (the Tiller
 * a command talks to, a different `warn`).
 */
export const clientDeps = (cmd: HelmCommand, overrides: Partial<ClientDeps> = {}): ClientDeps => {
  // stdin is read where it is used: src/cli/main.ts makes node's stream on first read, a cost every run would pay
  const { cwd, stdout, stderr, env } = cmd.context
  const deps: ClientDeps = {
    files: localChartFiles(),
    // $HELM_HOME as given (Helm v2 prints it so)
    home: helmHome(cmd.helmHome(), env.HELM_REGISTRY_CONFIG || undefined, (line) => void stderr.write(line)),
    repos: repositories(
      () => deps,
      dockerConfigPath(env),
      (line) => void stderr.write(line),
      cmd,
    ),
    registry: registry((line) => void stderr.write(line)),
    signatory: signatory(),
    ...pluginHost(cmd),
    tiller: noTiller(),
    kube: cluster(cmd),
    clock: systemClock,
    random: cryptoRandom,
    values: (opts) => async () => {
      const { readStream, readValues } = await import('./values/ReadValues')
      return readValues(opts, {
        cwd,
        readStdin: () => readStream(cmd.context.stdin),
        progress: (l) => void stderr.write(l),
      })()
    },
    out: (line) => void stdout.write(`${line}\n`),
    warn: (line) => void stderr.write(`${line}\n`),
    ...overrides,
  }
  return deps
}
