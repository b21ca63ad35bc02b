import type * as TE from 'fp-ts/TaskEither'
import type { KubeError } from '../domain/release/KubeError'

/** The kinds of namespaced API object that release records are kept in. */
export type StorageKind = 'ConfigMap' | 'Secret'

/**
 * A namespaced API object as a store sees it: its name, labels, string `data` (a Secret's values are
 * base64, as the API carries them) and, when read from the server, its resourceVersion and creation time.
 */
export interface ApiObject {
  readonly name: string
  /** Set on objects read from the server (a listing of every namespace holds several). */
  readonly namespace?: string
  readonly labels: Readonly<Record<string, string>>
  readonly data: Readonly<Record<string, string>>
  /** A Secret's `type` (`Opaque`, `helm.sh/release.v1`). */
  readonly type?: string
  /** Set on objects read from the server; an update carrying it applies only to that version. */
  readonly resourceVersion?: string
  /** The server's `creationTimestamp` (RFC 3339), on objects read from the server. */
  readonly createdAt?: string
}

/**
 * Get/create/update/delete/list of ConfigMaps and Secrets in one namespace, with the API server's
 * optimistic concurrency: what storage drivers are built on. Errors: KubeNotFound (get, update, delete of
 * a missing object), KubeAlreadyExists (create of a taken name), KubeConflict (an update or delete whose
 * resourceVersion is no longer current), KubeInvalid (422), KubeTooLarge (413), KubeForbidden,
 * KubeUnavailable (transport, 5xx).
 */
export interface NamespacedObjects {
  readonly get: (kind: StorageKind, namespace: string, name: string) => TE.TaskEither<KubeError, ApiObject>
  /** Every object whose labels match `labelSelector` (`K=V,K2=V2`), in any order; of every namespace when `namespace` is "". */
  readonly list: (
    kind: StorageKind,
    namespace: string,
    labelSelector: string,
  ) => TE.TaskEither<KubeError, ReadonlyArray<ApiObject>>
  /** Creates the object; returns it as stored. */
  readonly create: (kind: StorageKind, namespace: string, obj: ApiObject) => TE.TaskEither<KubeError, ApiObject>
  /** Replaces the object; with `obj.resourceVersion`, only if it is still that version (KubeConflict otherwise). */
  readonly update: (kind: StorageKind, namespace: string, obj: ApiObject) => TE.TaskEither<KubeError, ApiObject>
  /** Deletes the object; with `resourceVersion`, only if it is still that version (KubeConflict otherwise). */
  readonly delete: (
    kind: StorageKind,
    namespace: string,
    name: string,
    resourceVersion?: string,
  ) => TE.TaskEither<KubeError, void>
}
