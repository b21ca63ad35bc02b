import type * as TE from 'fp-ts/TaskEither'
import type { KubeError } from '../domain/release/KubeError'
import type { Discovery, KubeObject, ObjectQuery, ObjectRef, WatchEvent } from '../domain/release/KubeObject'

/** Options of a wait: seconds before WaitTimeout, and a callback told what is still awaited. */
export interface WaitOptions {
  readonly timeoutSeconds: number
  readonly onProgress?: (message: string) => void
}

/**
 * What Tiller needs from a Kubernetes API server. Objects travel as raw JSON (unknown fields kept).
 * Errors: KubeNotFound (get/patch/delete of a missing object, a namespaced create into a missing
 * namespace), KubeAlreadyExists (create), KubeConflict, KubeInvalid, KindNotFound (a kind discovery
 * does not know), WaitTimeout (waitReady/watch), KubeForbidden (403, the API server's message),
 * KubeUnavailable (transport).
 */
export interface KubeClient {
  readonly name: string
  /**
   * The server version and every served kind, read afresh. With `cached`, a document this client read a
   * moment ago may serve instead (as client-go's cached RESTMapper serves Helm v2's `kube.Get`): for mapping
   * kinds of objects that exist, never for `.Capabilities`; a caller that finds a kind missing from a cached
   * document asks again without `cached`.
   */
  readonly discover: (opts?: { readonly cached?: boolean }) => TE.TaskEither<KubeError, Discovery>
  /** Creates the object (namespace from `metadata.namespace`); returns it as stored (uid, resourceVersion set). */
  readonly create: (obj: KubeObject) => TE.TaskEither<KubeError, KubeObject>
  readonly get: (ref: ObjectRef) => TE.TaskEither<KubeError, KubeObject>
  /** Objects of one kind, in one namespace or all, filtered by label selector and name; sorted by namespace/name. */
  readonly list: (q: ObjectQuery) => TE.TaskEither<KubeError, ReadonlyArray<KubeObject>>
  /** Applies an RFC 7386 JSON merge patch; returns the patched object. */
  readonly patch: (ref: ObjectRef, patch: Readonly<Record<string, unknown>>) => TE.TaskEither<KubeError, KubeObject>
  /**
   * Deletes the object (propagation Background); with `precondition`, only if its uid is still that one
   * (KubeConflict otherwise).
   */
  readonly delete: (ref: ObjectRef, precondition?: { readonly uid: string }) => TE.TaskEither<KubeError, void>
  /**
   * Waits until every object is ready by Helm v2's `--wait` rules (Readiness.ts); WaitTimeout after
   * `timeoutSeconds`. Objects that do not exist count as not ready.
   */
  readonly waitReady: (refs: ReadonlyArray<ObjectRef>, opts: WaitOptions) => TE.TaskEither<KubeError, void>
  /**
   * Watches objects matching `q` (starting with an ADDED event per existing object) until `onEvent`
   * returns true; WaitTimeout after `timeoutSeconds`.
   */
  readonly watch: (
    q: ObjectQuery,
    opts: WaitOptions,
    onEvent: (e: WatchEvent) => boolean,
  ) => TE.TaskEither<KubeError, void>
  /** The log of a pod's container (its only/first container when none is named). */
  readonly logs: (pod: {
    readonly namespace: string
    readonly name: string
    readonly container?: string
  }) => TE.TaskEither<KubeError, string>
}
