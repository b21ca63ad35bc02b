import { defineMessages } from '../Messages'

/**
 * Failures of the KubeClient port. `resource` is the API server's resource name with its group
 * (`deployments.apps`, `configmaps`), as Kubernetes words its errors.
 */
export type KubeError =
  | { readonly _tag: 'KubeNotFound'; readonly resource: string; readonly name: string }
  | { readonly _tag: 'KubeAlreadyExists'; readonly resource: string; readonly name: string }
  | { readonly _tag: 'KubeConflict'; readonly resource: string; readonly name: string; readonly reason: string }
  | { readonly _tag: 'KubeInvalid'; readonly resource: string; readonly name: string; readonly reason: string }
  /** 403: `message` is the API server's own (`configmaps is forbidden: User "u" cannot list resource ...`). */
  | { readonly _tag: 'KubeForbidden'; readonly resource: string; readonly name: string; readonly message: string }
  | { readonly _tag: 'KindNotFound'; readonly apiVersion: string; readonly kind: string }
  | { readonly _tag: 'WaitTimeout'; readonly waiting: string }
  /** 413, or etcd's "request is too large": `limit` is the bound the server named (bytes), `size` the request's. */
  | {
      readonly _tag: 'KubeTooLarge'
      readonly resource: string
      readonly name: string
      readonly size: number
      readonly limit: number
      readonly reason: string
    }
  | { readonly _tag: 'KubeUnavailable'; readonly cause: string }

export const kubeNotFound = (resource: string, name: string): KubeError => ({ _tag: 'KubeNotFound', resource, name })
export const kubeAlreadyExists = (resource: string, name: string): KubeError => ({
  _tag: 'KubeAlreadyExists',
  resource,
  name,
})
export const kubeConflict = (resource: string, name: string, reason: string): KubeError => ({
  _tag: 'KubeConflict',
  resource,
  name,
  reason,
})
export const kubeInvalid = (resource: string, name: string, reason: string): KubeError => ({
  _tag: 'KubeInvalid',
  resource,
  name,
  reason,
})
/** A 403 answer; `message` is the server's Status message, or apimachinery's NewForbidden wording around `cause`. */
export const kubeForbidden = (resource: string, name: string, message: string): KubeError => ({
  _tag: 'KubeForbidden',
  resource,
  name,
  message,
})
/** Apimachinery's NewForbidden wording, for a 403 that carries no Status of its own. */
export const forbiddenMessage = (resource: string, name: string, cause: string): string =>
  resource === ''
    ? `forbidden: ${cause}`
    : name === ''
      ? `${resource} is forbidden: ${cause}`
      : `${resource} "${name}" is forbidden: ${cause}`
export const kindNotFound = (apiVersion: string, kind: string): KubeError => ({
  _tag: 'KindNotFound',
  apiVersion,
  kind,
})
export const waitTimeout = (waiting: string): KubeError => ({ _tag: 'WaitTimeout', waiting })
export const kubeUnavailable = (cause: string): KubeError => ({ _tag: 'KubeUnavailable', cause })
export const kubeTooLarge = (
  resource: string,
  name: string,
  size: number,
  limit: number,
  reason: string,
): KubeError => ({
  _tag: 'KubeTooLarge',
  resource,
  name,
  size,
  limit,
  reason,
})

export const kubeMessages = defineMessages<KubeError>({
  KubeNotFound: (e) => `${e.resource} "${e.name}" not found`,
  KubeAlreadyExists: (e) => `${e.resource} "${e.name}" already exists`,
  KubeConflict: (e) => `Operation cannot be fulfilled on ${e.resource} "${e.name}": ${e.reason}`,
  KubeInvalid: (e) => `${e.resource} "${e.name}" is invalid: ${e.reason}`,
  // kubectl and Helm print the API server's message as is (it names the user, verb and resource)
  KubeForbidden: (e) => e.message,
  // Helm v2 pkg/kube: the RESTMapper's wording for an unknown kind
  KindNotFound: (e) => `no matches for kind "${e.kind}" in version "${e.apiVersion}"`,
  // k8s.io/apimachinery wait.ErrWaitTimeout
  WaitTimeout: () => `timed out waiting for the condition`,
  KubeUnavailable: (e) => `kubernetes cluster unreachable: ${e.cause}`,
  KubeTooLarge: (e) =>
    `${e.resource}${e.name ? ` "${e.name}"` : ''} is too large for the API server: the request is ${e.size} bytes, ` +
    `the limit is ${e.limit} bytes (${e.reason})`,
})
