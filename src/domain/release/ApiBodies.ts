// The bodies a Kubernetes API server answers with, decoded at the boundary (io-ts): objects, lists, watch
// events, discovery documents and `Status` errors, each failure naming what was wrong where. The Status →
// KubeError mapping is shared by every KubeClient adapter (over HTTP, or the fake cluster in memory).
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import {
  forbiddenMessage,
  type KubeError,
  kubeAlreadyExists,
  kubeConflict,
  kubeForbidden,
  kubeInvalid,
  kubeNotFound,
  kubeTooLarge,
  kubeUnavailable,
} from './KubeError'
import type { KubeObject, WatchEvent } from './KubeObject'

const StringMap = t.record(t.string, t.string)

const ObjectMetaC = t.intersection([
  t.type({}),
  t.partial({
    name: t.string,
    generateName: t.string,
    namespace: t.string,
    uid: t.string,
    resourceVersion: t.string,
    labels: t.union([StringMap, t.null]),
    annotations: t.union([StringMap, t.null]),
  }),
])

/** An object as the API server serves it: apiVersion, kind and metadata typed, every other field kept. */
export const KubeObjectC = new t.Type<KubeObject, KubeObject, unknown>(
  'KubeObject',
  (u): u is KubeObject =>
    typeof u === 'object' && u !== null && typeof (u as { apiVersion?: unknown }).apiVersion === 'string',
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'not an object')
    const o = u as Record<string, unknown>
    const md = ObjectMetaC.validate(o.metadata ?? {}, t.appendContext(c, 'metadata', ObjectMetaC, o.metadata))
    if (E.isLeft(md)) return md
    const { labels, annotations, ...meta } = md.right
    return t.success({
      ...o,
      apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
      kind: typeof o.kind === 'string' ? o.kind : '',
      metadata: {
        ...(o.metadata as object),
        ...meta,
        ...(labels ? { labels } : {}),
        ...(annotations ? { annotations } : {}),
      },
    } as KubeObject)
  },
  t.identity,
)

/** A list answer: its items and the continue token of the next page. */
export const ObjectListC = t.intersection([
  t.type({ items: t.union([t.array(KubeObjectC), t.null]) }),
  t.partial({ metadata: t.partial({ continue: t.string, resourceVersion: t.string }) }),
])

/** The `Status` of a failed answer (also the object of a watch ERROR event). */
export const StatusC = t.intersection([
  t.type({ kind: t.literal('Status') }),
  t.partial({
    code: t.number,
    reason: t.string,
    message: t.string,
    details: t.partial({ name: t.string, group: t.string, kind: t.string }),
  }),
])

/** One line of a watch stream. */
export const WatchLineC = t.union([
  t.type({ type: t.keyof({ ADDED: null, MODIFIED: null, DELETED: null }), object: KubeObjectC }),
  t.type({ type: t.literal('BOOKMARK'), object: t.partial({ metadata: t.partial({ resourceVersion: t.string }) }) }),
  t.type({ type: t.literal('ERROR'), object: StatusC }),
])
export type WatchLine = t.TypeOf<typeof WatchLineC>

/** `/version`. */
export const VersionC = t.type({ major: t.string, minor: t.string, gitVersion: t.string })
/** `/api` (APIVersions). */
export const ApiVersionsC = t.type({ versions: t.array(t.string) })
/** `/apis` (APIGroupList). */
export const ApiGroupListC = t.type({
  groups: t.array(t.type({ versions: t.array(t.type({ groupVersion: t.string })) })),
})
/** `/api/v1`, `/apis/g/v` (APIResourceList). */
export const ApiResourceListC = t.type({
  resources: t.array(
    t.intersection([t.type({ name: t.string, kind: t.string }), t.partial({ namespaced: t.boolean })]),
  ),
})

const describe = (errs: t.Errors): string =>
  errs
    .slice(0, 3)
    .map((e) => {
      const path = e.context
        .map((c) => c.key)
        .filter((k) => k !== '' && !/^\d+$/.test(k))
        .join('.')
      const got = e.value === undefined ? 'nothing' : Array.isArray(e.value) ? 'an array' : typeof e.value
      return `${path || 'the body'}: ${e.message ?? `expected ${e.context.at(-1)?.type.name ?? 'a value'}, got ${got}`}`
    })
    .join('; ')

/** Parses and decodes a JSON answer; Left names `what` and the first problems. */
export const decodeJson = <A>(codec: t.Decoder<unknown, A>, text: string, what: string): E.Either<string, A> => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    return E.left(`${what}: the server answered with something other than JSON: ${(e as Error).message}`)
  }
  const r = codec.decode(doc)
  return E.isLeft(r) ? E.left(`${what}: unexpected answer from the server: ${describe(r.left)}`) : r
}

/** A decoded Status, or what could be read of a non-Status answer. */
export interface ApiStatus {
  readonly code: number
  readonly reason: string
  readonly message: string
  readonly details: { readonly name?: string; readonly group?: string; readonly kind?: string }
}

/** The Status of a failed answer (HTTP code and body text); a body that is no Status becomes its message. */
export const statusOfAnswer = (httpCode: number, text: string): ApiStatus => {
  try {
    const s = StatusC.decode(JSON.parse(text))
    if (E.isRight(s))
      return {
        code: s.right.code ?? httpCode,
        reason: s.right.reason ?? '',
        message: s.right.message ?? '',
        details: s.right.details ?? {},
      }
  } catch {
    // not JSON: the text is the message
  }
  return {
    code: httpCode,
    reason: '',
    message: text.trim() || `the server responded with the status code ${httpCode}`,
    details: {},
  }
}

/**
 * `deployments.apps` (404/409) or `Deployment.apps` (422): the resource a Status names (even an empty one:
 * a patched object that does not decode is Invalid with no kind), else `fallback`.
 */
const resourceOf = (s: ApiStatus, fallback: string): string =>
  s.details.kind !== undefined ? (s.details.group ? `${s.details.kind}.${s.details.group}` : s.details.kind) : fallback

/** A 403: the server's Status message as is; a bare 403 (no Status) worded as apimachinery's NewForbidden. */
export const forbiddenOfStatus = (s: ApiStatus, resource: string, name: string): KubeError => {
  const res = resourceOf(s, resource)
  const who = s.details.name ?? name
  return kubeForbidden(res, who, s.reason === '' ? forbiddenMessage(res, who, s.message) : s.message)
}

/** kube-apiserver's request body limit (3 MiB) and etcd's default request limit (1.5 MiB). */
const API_BODY_LIMIT = 3 * 1024 * 1024
const ETCD_REQUEST_LIMIT = 1.5 * 1024 * 1024

/**
 * The KubeError of a Status: 403 KubeForbidden, 404 KubeNotFound, 409 KubeAlreadyExists/KubeConflict,
 * 422 KubeInvalid, 413 and etcd's "request is too large" KubeTooLarge (naming the limit and the size of
 * the `requestBytes` sent), anything else (400, 401, 5xx…) KubeUnavailable with the server's own message.
 */
export const kubeErrorOfStatus = (s: ApiStatus, resource: string, name: string, requestBytes = 0): KubeError => {
  if (s.code === 413) {
    const limit = Number(/limit is (\d+)/.exec(s.message)?.[1] ?? API_BODY_LIMIT)
    return kubeTooLarge(resourceOf(s, resource), s.details.name ?? name, requestBytes, limit, s.message)
  }
  // etcd refuses an object over its request limit; the API server passes its words on in a 500
  if (/etcdserver: request is too large/.test(s.message))
    return kubeTooLarge(resourceOf(s, resource), s.details.name ?? name, requestBytes, ETCD_REQUEST_LIMIT, s.message)
  switch (s.code) {
    case 403:
      return forbiddenOfStatus(s, resource, name)
    case 404:
      return kubeNotFound(resourceOf(s, resource), s.details.name ?? name)
    case 409:
      return s.reason === 'AlreadyExists'
        ? kubeAlreadyExists(resourceOf(s, resource), s.details.name ?? name)
        : kubeConflict(
            resourceOf(s, resource),
            s.details.name ?? name,
            s.message.replace(/^Operation cannot be fulfilled on [^ ]+ "[^"]*": /, ''),
          )
    case 422:
      return kubeInvalid(resourceOf(s, resource), s.details.name ?? name, s.message.replace(/^.*? is invalid: /, ''))
    default:
      return kubeUnavailable(s.message)
  }
}

/** The watch event of a decoded ADDED/MODIFIED/DELETED line, as the kind `q` asked for. */
export const watchEventOf = (
  line: Extract<WatchLine, { type: 'ADDED' | 'MODIFIED' | 'DELETED' }>,
  apiVersion: string,
  kind: string,
): WatchEvent => ({ type: line.type, object: { ...line.object, apiVersion, kind } })
