import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { type HelmError, message } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import type { KubeObject, ObjectRef } from '../../domain/release/KubeObject'
import type { ClientDeps, UseCase } from './Deps'

/** What `helm init` did with Tiller's Deployment: made it, found it there, or replaced it (`--upgrade`). */
export type TillerOutcome = 'installed' | 'exists' | 'upgraded'

/** `helm init`'s install of Tiller: its objects, `--upgrade`, and `--wait` with how long to poll. */
export interface TillerInstallRequest {
  readonly objects: ReadonlyArray<KubeObject>
  readonly upgrade: boolean
  readonly wait: boolean
  readonly waitSeconds: number
  /** Told every 5 s what `wait` still waits for (no silent wait). */
  readonly progress?: ((line: string) => void) | undefined
}

type KubeDeps = Pick<ClientDeps, 'kube' | 'clock'>

const refOf = (o: KubeObject, namespace = 'kube-system'): ObjectRef => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name ?? '',
  namespace: o.metadata.namespace ?? namespace,
})

// what the API server fills in is not part of what helm init sends
const clean = (o: KubeObject): KubeObject => {
  const { status: _s, ...rest } = o
  const { creationTimestamp: _c, ...meta } = o.metadata
  return { ...rest, metadata: meta } as KubeObject
}

const failed = (prefix: string) => (e: HelmError) => invalidArgument(`${prefix}: ${message(e)}`)

/** Creates one object; an existing Deployment is left alone, or replaced (merge patch) when upgrading. */
const createOne =
  (o: KubeObject, upgrade: boolean) =>
  (d: KubeDeps): TE.TaskEither<HelmError, TillerOutcome | undefined> =>
    pipe(
      d.kube.create(o),
      TE.map((): TillerOutcome | undefined => undefined),
      TE.orElse((e) => {
        if (e._tag !== 'KubeAlreadyExists') return TE.left(failed('error installing')(e))
        if (o.kind !== 'Deployment') return TE.right(undefined)
        if (!upgrade) return TE.right<HelmError, TillerOutcome | undefined>('exists')
        return pipe(
          d.kube.patch(refOf(o), o as unknown as Readonly<Record<string, unknown>>),
          TE.bimap(failed('error when upgrading'), (): TillerOutcome => 'upgraded'),
        )
      }),
    )

/** Polls Tiller's Deployment until it has a ready replica, saying every 5 s what it waits for; fails after `seconds`. */
const awaitReady =
  (deployment: KubeObject, req: TillerInstallRequest) =>
  (d: KubeDeps): TE.TaskEither<HelmError, void> =>
  async () => {
    const ref = { ...refOf(deployment), name: 'tiller-deploy' }
    const started = d.clock.now().getTime()
    const until = started + req.waitSeconds * 1000
    let told = started
    for (;;) {
      const got = await d.kube.get(ref)()
      const status = E.isRight(got)
        ? ((got.right.status ?? {}) as { readonly readyReplicas?: number; readonly replicas?: number })
        : undefined
      const ready = status?.readyReplicas ?? 0
      if (ready > 0) return E.right(undefined)
      const now = d.clock.now().getTime()
      if (now > until) return E.left(invalidArgument('tiller was not found. polling deadline exceeded'))
      if (req.progress && now - told >= 5000) {
        told = now
        const state = status ? `${ready} of ${status.replicas ?? 0} ready` : E.isLeft(got) ? message(got.left) : ''
        req.progress(
          `waiting for Tiller's Deployment ${ref.namespace}/tiller-deploy to have a ready replica (${Math.round((now - started) / 1000)}s of ${req.waitSeconds}s): ${state}\n`,
        )
      }
      await d.clock.sleep(500)
    }
  }

/**
 * Installs Tiller's objects (Helm v2 cmd/helm/installer): an existing Deployment is 'exists' unless `upgrade`, which
 * replaces it ('upgraded'); with `wait`, returns once the Deployment has a ready replica. Left InvalidArgument worded
 * as Helm v2 (`error installing: ...`, `tiller was not found. polling deadline exceeded`).
 */
export const installTiller =
  (req: TillerInstallRequest): UseCase<KubeDeps, TillerOutcome> =>
  (d) =>
    pipe(
      TE.sequenceSeqArray(req.objects.map((o) => createOne(clean(o), req.upgrade)(d))),
      TE.map((outcomes) => outcomes.find((o) => o !== undefined) ?? 'installed'),
      TE.chainFirst(() => {
        const deployment = req.objects.find((o) => o.kind === 'Deployment')
        return req.wait && deployment ? awaitReady(deployment, req)(d) : TE.right(undefined)
      }),
    )

/** Deletes Tiller's Deployment, Service and Secret from `namespace` (missing ones are fine), as `helm reset` does. */
export const uninstallTiller =
  (namespace: string): UseCase<Pick<ClientDeps, 'kube'>, void> =>
  (d) =>
    pipe(
      TE.sequenceSeqArray(
        (
          [
            ['apps/v1', 'Deployment', 'tiller-deploy'],
            ['v1', 'Service', 'tiller-deploy'],
            ['v1', 'Secret', 'tiller-secret'],
          ] as const
        ).map(([apiVersion, kind, name]) =>
          pipe(
            d.kube.delete({ apiVersion, kind, name, namespace }),
            TE.orElse((e) => (e._tag === 'KubeNotFound' ? TE.right(undefined) : TE.left(e))),
            TE.mapLeft(failed('error unstalling Tiller')),
          ),
        ),
      ),
      TE.map(() => undefined),
    )
