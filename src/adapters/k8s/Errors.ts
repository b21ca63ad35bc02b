// API server answers → KubeError, once, at the call (the Status decoding and mapping live in the domain's
// ApiBodies, shared with the memory adapter that reads the same Status from the fake cluster engine).
import { type ApiStatus, forbiddenOfStatus, kubeErrorOfStatus, statusOfAnswer } from '../../domain/release/ApiBodies'
import type { KubeError } from '../../domain/release/KubeError'
import type { RestResponse } from './Rest'

export type { ApiStatus } from '../../domain/release/ApiBodies'

/** Reads the Status of a non-2xx answer. */
export const statusOf = (res: RestResponse): ApiStatus => statusOfAnswer(res.status, res.text)

/** A 403: the server's Status message as is; a bare 403 (no Status) worded as apimachinery's NewForbidden. */
export const forbiddenOf = (s: ApiStatus, resource: string, name: string): KubeError =>
  forbiddenOfStatus(s, resource, name)

/**
 * The KubeError of a failed answer: 403 KubeForbidden, 404 KubeNotFound, 409 KubeAlreadyExists/KubeConflict,
 * 422 KubeInvalid, 413 and etcd's "request is too large" KubeTooLarge (naming the limit and the size of
 * the `requestBytes` sent), anything else (401, 5xx…) KubeUnavailable with the server's own message.
 */
export const kubeErrorOf = (res: RestResponse, resource: string, name: string, requestBytes = 0): KubeError =>
  kubeErrorOfStatus(statusOf(res), resource, name, requestBytes)
