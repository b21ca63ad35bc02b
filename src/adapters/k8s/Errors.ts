// API server answers → KubeError, once, at the call.
import type { KubeError } from '../../domain/release/KubeError'
import {
  forbiddenMessage,
  kubeAlreadyExists,
  kubeConflict,
  kubeForbidden,
  kubeInvalid,
  kubeNotFound,
  kubeTooLarge,
  kubeUnavailable,
} from '../../domain/release/KubeError'
import type { RestResponse } from './Rest'

/** A decoded `Status` (or what could be read of a non-Status answer). */
export interface ApiStatus {
  readonly code: number
  readonly reason: string
  readonly message: string
  readonly details: { readonly name?: string; readonly group?: string; readonly kind?: string }
}

/** Reads the Status of a non-2xx answer. */
export const statusOf = (res: RestResponse): ApiStatus => {
  try {
    const s = JSON.parse(res.text) as Partial<ApiStatus> & { kind?: string }
    if (s && s.kind === 'Status')
      return { code: s.code ?? res.status, reason: s.reason ?? '', message: s.message ?? '', details: s.details ?? {} }
  } catch {
    // not JSON: fall through
  }
  return {
    code: res.status,
    reason: '',
    message: res.text.trim() || `the server responded with the status code ${res.status}`,
    details: {},
  }
}

/** A 403: the server's Status message as is; a bare 403 (no Status) worded as apimachinery's NewForbidden. */
export const forbiddenOf = (s: ApiStatus, resource: string, name: string): KubeError => {
  const res = resourceOf(s, resource)
  const who = s.details.name ?? name
  return kubeForbidden(res, who, s.reason === '' ? forbiddenMessage(res, who, s.message) : s.message)
}

/** `deployments.apps` — the qualified resource a Status names. */
const resourceOf = (s: ApiStatus, fallback: string): string =>
  s.details.kind ? (s.details.group ? `${s.details.kind}.${s.details.group}` : s.details.kind) : fallback

/** kube-apiserver's request body limit (3 MiB) and etcd's default request limit (1.5 MiB). */
const API_BODY_LIMIT = 3 * 1024 * 1024
const ETCD_REQUEST_LIMIT = 1.5 * 1024 * 1024

/**
 * The KubeError of a failed answer: 403 KubeForbidden, 404 KubeNotFound, 409 KubeAlreadyExists/KubeConflict,
 * 422 KubeInvalid, 413 and etcd's "request is too large" KubeTooLarge (naming the limit and the size of
 * the `requestBytes` sent), anything else (401, 5xx…) KubeUnavailable with the server's own message.
 */
export const kubeErrorOf = (res: RestResponse, resource: string, name: string, requestBytes = 0): KubeError => {
  const s = statusOf(res)
  if (s.code === 413) {
    const limit = Number(/limit is (\d+)/.exec(s.message)?.[1] ?? API_BODY_LIMIT)
    return kubeTooLarge(resourceOf(s, resource), s.details.name ?? name, requestBytes, limit, s.message)
  }
  // etcd refuses an object over its request limit; the API server passes its words on in a 500
  if (/etcdserver: request is too large/.test(s.message))
    return kubeTooLarge(resourceOf(s, resource), s.details.name ?? name, requestBytes, ETCD_REQUEST_LIMIT, s.message)
  switch (s.code) {
    case 403:
      return forbiddenOf(s, resource, name)
    case 404:
      return kubeNotFound(resourceOf(s, resource), s.details.name ?? name)
    case 409:
      return s.reason === 'AlreadyExists'
        ? kubeAlreadyExists(resourceOf(s, resource), s.details.name ?? name)
        : kubeConflict(
            resourceOf(s, resource),
            s.details.name ?? name,
            s.message.replace(/^.*?: (?=the object has been modified)/, ''),
          )
    case 422:
      return kubeInvalid(resourceOf(s, resource), s.details.name ?? name, s.message.replace(/^.*? is invalid: /, ''))
    default:
      return kubeUnavailable(s.message)
  }
}
